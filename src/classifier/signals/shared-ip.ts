// One network block (IPv4 /24, IPv6 /48) fetching for many different recipients within seconds: a scanning
// farm working through a tenant's mailboxes as the messages arrive. People on one office NAT rarely act within
// the same few seconds. Apple relays and corporate web gateways carry many people, so they count for little.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';

const CROWDED_NETWORK: Evidence = { code: 'shared-ip', weight: 0.3, kind: 'neutral', weak: true };
const MANY_RECIPIENTS_EVIDENCE: Evidence = { code: 'shared-ip', weight: 3.2, kind: 'scanner', weak: false };
const SOME_RECIPIENTS_EVIDENCE: Evidence = { code: 'shared-ip', weight: 1.2, kind: 'scanner', weak: true };

const WINDOW_MS = 15_000;
/** Distinct recipients in the window for weak / strong evidence. */
const SOME_RECIPIENTS = 3;
const MANY_RECIPIENTS = 5;

export function sharedIpSignal(ctx: ClassifierContext): void {
  const byBlock = new Map<string, number[]>();
  for (let i = 0; i < ctx.events.length; i++) {
    const event = ctx.events[i]!;
    if (event.recipient === undefined || Number.isNaN(event.time)) continue;
    const key = ctx.ipBlock[i];
    if (key === undefined) continue;
    let list = byBlock.get(key);
    if (list === undefined) byBlock.set(key, (list = []));
    list.push(i);
  }
  for (const list of byBlock.values()) {
    if (list.length < SOME_RECIPIENTS) continue;
    list.sort((a, b) => ctx.events[a]!.time - ctx.events[b]!.time);
    // Sliding window [t - W, t + W] with a count per recipient.
    const inWindow = new Map<string, number>();
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < list.length; k++) {
      const t = ctx.events[list[k]!]!.time;
      while (hi < list.length && ctx.events[list[hi]!]!.time <= t + WINDOW_MS) {
        const r = ctx.events[list[hi]!]!.recipient!;
        inWindow.set(r, (inWindow.get(r) ?? 0) + 1);
        hi++;
      }
      while (ctx.events[list[lo]!]!.time < t - WINDOW_MS) {
        const r = ctx.events[list[lo]!]!.recipient!;
        const left = (inWindow.get(r) ?? 1) - 1;
        if (left === 0) inWindow.delete(r);
        else inWindow.set(r, left);
        lo++;
      }
      const recipients = inWindow.size;
      if (recipients < SOME_RECIPIENTS) continue;
      const i = list[k]!;
      const kind = ctx.rangeMatch[i]?.kind;
      const crowded = kind === 'mail-proxy' || kind === 'web-gateway';
      if (crowded) {
        addEvidence(ctx, i, CROWDED_NETWORK);
      } else if (recipients >= MANY_RECIPIENTS) {
        addEvidence(ctx, i, MANY_RECIPIENTS_EVIDENCE);
      } else {
        addEvidence(ctx, i, SOME_RECIPIENTS_EVIDENCE);
      }
    }
  }
}
