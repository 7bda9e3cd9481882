// Honeypot links: a link hidden from people (display:none, 1 px) that only a machine follows. The user lists
// URL substrings or /regex/ patterns; a hit is a scanner, and so is that recipient's activity within ±10 s
// (the same sweep).
import { addEvidence, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { hasTimeWithin } from '../sorted-times';

const NEIGHBOURHOOD_MS = 10_000;
const HONEYPOT_HIT: Evidence = { code: 'honeypot', weight: 6, kind: 'scanner', weak: false };
const NEAR_HONEYPOT: Evidence = { code: 'near-honeypot', weight: 4, kind: 'scanner', weak: false };

export function compileHoneypotPatterns(patterns: unknown): Array<(url: string) => boolean> {
  if (!Array.isArray(patterns)) return [];
  const matchers: Array<(url: string) => boolean> = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern.trim());
    if (regex !== null) {
      try {
        const compiled = new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ''));
        matchers.push((url) => compiled.test(url));
        continue;
      } catch {
        // Not a valid regex: fall through and use it as plain text.
      }
    }
    const needle = pattern.trim().toLowerCase();
    matchers.push((url) => url.toLowerCase().includes(needle));
  }
  return matchers;
}

export function honeypotSignal(ctx: ClassifierContext): void {
  const matchers = compileHoneypotPatterns(ctx.settings.honeypotPatterns);
  if (matchers.length === 0) return;
  const hitTimes = new Map<string, number[]>();
  const hitByUrl = new Map<string, boolean>();
  for (let i = 0; i < ctx.events.length; i++) {
    const event = ctx.events[i]!;
    if (event.type !== 'click' || event.url === undefined) continue;
    const url = event.url;
    let hit = hitByUrl.get(url);
    if (hit === undefined) hitByUrl.set(url, (hit = matchers.some((match) => match(url))));
    if (!hit) continue;
    addEvidence(ctx, i, HONEYPOT_HIT);
    if (event.recipient !== undefined && !Number.isNaN(event.time)) {
      const list = hitTimes.get(event.recipient) ?? [];
      list.push(event.time);
      hitTimes.set(event.recipient, list);
    }
  }
  for (const [recipient, times] of hitTimes) {
    times.sort((a, b) => a - b);
    for (const i of ctx.byRecipient.get(recipient) ?? []) {
      const event = ctx.events[i]!;
      if (Number.isNaN(event.time)) continue;
      if (hasEvidence(ctx, i, ['honeypot'])) continue;
      if (hasTimeWithin(times, event.time, NEIGHBOURHOOD_MS)) {
        addEvidence(ctx, i, NEAR_HONEYPOT);
      }
    }
  }
}
