// Honeypot links: a link hidden from people (display:none, 1 px) that only a machine follows. The user lists
// URL substrings or /regex/ patterns (matched in linear time, see ../honeypot-pattern.ts); a hit is a scanner,
// and so is that recipient's activity within ±10 s (the same sweep).
import { addEvidence, hasEvidence, type ClassifierContext, type Evidence } from '../context';
import { hasTimeWithin } from '../sorted-times';
import { compileLinearPattern, MAX_HONEYPOT_PATTERN_LENGTH } from '../honeypot-pattern';
import { declareSignal } from '../signal';

export const HONEYPOT_SIGNAL = declareSignal({
  id: 'honeypot',
  stage: 'event',
  reasons: {
    honeypot: "Followed a hidden honeypot link that people cannot see.",
    "near-honeypot": "Within ten seconds of a honeypot hit by the same recipient: the same machine sweep.",
  },
  evidence: {
    HONEYPOT_HIT: { code: 'honeypot', weight: 6, kind: 'scanner', weak: false },
    NEAR_HONEYPOT: { code: 'near-honeypot', weight: 4, kind: 'scanner', weak: false },
  },
});

export { MAX_HONEYPOT_PATTERN_LENGTH };

const NEIGHBOURHOOD_MS = 10_000;
const HONEYPOT_HIT = HONEYPOT_SIGNAL.evidence.HONEYPOT_HIT;
const NEAR_HONEYPOT = HONEYPOT_SIGNAL.evidence.NEAR_HONEYPOT;

/** Only this much of a URL is matched, so every pattern has bounded work per URL. */
const MAX_URL_LENGTH = 2048;

/**
 * Why a user's /regex/ honeypot pattern (the part between the slashes) cannot be used, or undefined when it can.
 * Patterns run on a linear-time matcher (../honeypot-pattern.ts), so a usable pattern cannot freeze the worker.
 */
export function honeypotPatternProblem(source: string, flags = ''): string | undefined {
  const compiled = compileLinearPattern(source, flags);
  return compiled.ok ? undefined : compiled.problem;
}

export interface CompiledHoneypots {
  matchers: Array<(url: string) => boolean>;
  /** Patterns refused, each with why (for a note to the user). */
  refused: Array<{ pattern: string; problem: string }>;
}

/**
 * User patterns to URL tests. A pattern is a plain, case-insensitive substring unless wrapped in /…/flags;
 * a /regex/ that is invalid or unsafe (see honeypotPatternProblem) is refused, not run.
 */
export function compileHoneypots(patterns: unknown): CompiledHoneypots {
  const compiled: CompiledHoneypots = { matchers: [], refused: [] };
  if (!Array.isArray(patterns)) return compiled;
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || pattern.trim() === '') continue;
    const text = pattern.trim();
    if (text.length > MAX_HONEYPOT_PATTERN_LENGTH + 8) {
      compiled.refused.push({ pattern: text.slice(0, 40), problem: `is longer than ${MAX_HONEYPOT_PATTERN_LENGTH} characters` });
      continue;
    }
    const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
    if (regex !== null) {
      const pattern = compileLinearPattern(regex[1]!, regex[2]!);
      if (!pattern.ok) {
        compiled.refused.push({ pattern: text, problem: pattern.problem });
        continue;
      }
      compiled.matchers.push((url) => pattern.test(url.length > MAX_URL_LENGTH ? url.slice(0, MAX_URL_LENGTH) : url));
      continue;
    }
    const needle = text.toLowerCase();
    compiled.matchers.push((url) => url.toLowerCase().includes(needle));
  }
  return compiled;
}

/** The URL tests alone (kept for callers that only need to match). */
export function compileHoneypotPatterns(patterns: unknown): Array<(url: string) => boolean> {
  return compileHoneypots(patterns).matchers;
}

export function honeypotSignal(ctx: ClassifierContext): void {
  const { matchers, refused } = compileHoneypots(ctx.settings.honeypotPatterns);
  for (const { pattern, problem } of refused) {
    ctx.notes.add(`Honeypot pattern ${pattern} was not used: it ${problem}.`);
  }
  if (matchers.length === 0) return;
  // Hit times by recipient id.
  const hitTimes = new Map<number, number[]>();
  const hitByUrl = new Map<string, boolean>();
  for (let i = 0; i < ctx.length; i++) {
    const url = ctx.url[i];
    if (ctx.click[i] !== 1 || url === undefined) continue;
    let hit = hitByUrl.get(url);
    if (hit === undefined) hitByUrl.set(url, (hit = matchers.some((match) => match(url))));
    if (!hit) continue;
    addEvidence(ctx, i, HONEYPOT_HIT);
    const recipient = ctx.recipientId[i]!;
    if (recipient >= 0 && !Number.isNaN(ctx.time[i]!)) {
      const list = hitTimes.get(recipient) ?? [];
      list.push(ctx.time[i]!);
      hitTimes.set(recipient, list);
    }
  }
  for (const [recipient, times] of hitTimes) {
    times.sort((a, b) => a - b);
    for (const i of ctx.byRecipient.of(recipient)) {
      if (Number.isNaN(ctx.time[i]!)) continue;
      if (hasEvidence(ctx, i, ['honeypot'])) continue;
      if (hasTimeWithin(times, ctx.time[i]!, NEIGHBOURHOOD_MS)) {
        addEvidence(ctx, i, NEAR_HONEYPOT);
      }
    }
  }
}
