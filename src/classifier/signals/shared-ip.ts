// One network block (IPv4 /24, IPv6 /48) fetching for many different recipients within seconds: a scanning
// farm working through a tenant's mailboxes as the messages arrive. An office NAT can look the same when an
// all-hands mail is read at once, so with a person's agent the crowd alone stays weak. Apple relays and
// corporate web gateways carry many people, so they count for little.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const SHARED_IP_SIGNAL = declareSignal({
  id: 'shared-ip',
  stage: 'event',
  reasons: {
    "shared-ip": "The same network fetched for several different recipients within seconds.",
  },
  evidence: {
    CROWDED_NETWORK: { code: 'shared-ip', weight: 0.3, kind: 'neutral', weak: true, context: true },
    MANY_RECIPIENTS_EVIDENCE: { code: 'shared-ip', weight: 3.2, kind: 'scanner', weak: false },
    SOME_RECIPIENTS_EVIDENCE: { code: 'shared-ip', weight: 1.2, kind: 'scanner', weak: true },
  },
});

const CROWDED_NETWORK = SHARED_IP_SIGNAL.evidence.CROWDED_NETWORK;
const MANY_RECIPIENTS_EVIDENCE = SHARED_IP_SIGNAL.evidence.MANY_RECIPIENTS_EVIDENCE;
const SOME_RECIPIENTS_EVIDENCE = SHARED_IP_SIGNAL.evidence.SOME_RECIPIENTS_EVIDENCE;
/** The same crowd of people's agents (an office NAT at a busy moment): context, not a finding about the fetch. */
const PEOPLE_CROWD_EVIDENCE: Evidence = { ...SOME_RECIPIENTS_EVIDENCE, context: true };

const WINDOW_MS = 15_000;
/** Distinct recipients in the window for weak / strong evidence. */
const SOME_RECIPIENTS = 3;
const MANY_RECIPIENTS = 5;
/**
 * For people's agents the crowd must also stand out from the address's own background: a farm's sweep is most
 * of what its address does in ±5 min, while an office reading an all-hands mail keeps the address busy for
 * minutes (forty people in four minutes put five in any 15 s, yet are a small share of the ±5 min crowd).
 */
const BACKGROUND_WINDOW_MS = 5 * 60_000;
const ISOLATED_SHARE = 0.5;

/** Per position of the time-sorted list: distinct recipients of the block within ±windowMs. */
function recipientsAround(ctx: ClassifierContext, list: number[], windowMs: number): Int32Array {
  const counts = new Int32Array(list.length);
  const inWindow = new Map<string, number>();
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < list.length; k++) {
    const t = ctx.events[list[k]!]!.time;
    while (hi < list.length && ctx.events[list[hi]!]!.time <= t + windowMs) {
      const r = ctx.events[list[hi]!]!.recipient!;
      inWindow.set(r, (inWindow.get(r) ?? 0) + 1);
      hi++;
    }
    while (ctx.events[list[lo]!]!.time < t - windowMs) {
      const r = ctx.events[list[lo]!]!.recipient!;
      const left = (inWindow.get(r) ?? 1) - 1;
      if (left === 0) inWindow.delete(r);
      else inWindow.set(r, left);
      lo++;
    }
    counts[k] = inWindow.size;
  }
  return counts;
}

/** A current browser, a mail client or an image proxy: what the people behind one NAT send. */
function personLikeAgent(ctx: ClassifierContext, i: number): boolean {
  const ua = ctx.userAgent[i]!;
  return (ua.kind === 'browser' && !ua.stale) || ua.kind === 'other' || ua.kind === 'image-proxy';
}

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
    const around = recipientsAround(ctx, list, WINDOW_MS);
    let background: Int32Array | undefined;
    for (let k = 0; k < list.length; k++) {
      const recipients = around[k]!;
      if (recipients < SOME_RECIPIENTS) continue;
      const i = list[k]!;
      const kind = ctx.rangeMatch[i]?.kind;
      // Apple's prefetch fetches for every Apple Mail user of the list as the message arrives, from relay
      // egress shared by all of them (much of it missing from any bundled subset): a crowd of `Mozilla/5.0`
      // opens is the relay at work, not a scanning farm (conventions §3).
      const mppOpen = ctx.events[i]!.type === 'open' && ctx.userAgent[i]!.kind === 'mpp';
      const crowded = kind === 'mail-proxy' || kind === 'web-gateway' || mppOpen;
      if (crowded) {
        addEvidence(ctx, i, CROWDED_NETWORK);
        continue;
      }
      // Stale builds, bots and missing agents: a crowd within 15 s is strong. A person's agent (current
      // browser, mail client) on a busy address is what an office NAT looks like, so for it the crowd is strong
      // only when isolated (see BACKGROUND_WINDOW_MS), else weak.
      if (recipients >= MANY_RECIPIENTS) {
        if (!personLikeAgent(ctx, i)) {
          addEvidence(ctx, i, MANY_RECIPIENTS_EVIDENCE);
          continue;
        }
        background ??= recipientsAround(ctx, list, BACKGROUND_WINDOW_MS);
        if (recipients >= ISOLATED_SHARE * background[k]!) {
          addEvidence(ctx, i, MANY_RECIPIENTS_EVIDENCE);
          continue;
        }
      }
      addEvidence(ctx, i, personLikeAgent(ctx, i) ? PEOPLE_CROWD_EVIDENCE : SOME_RECIPIENTS_EVIDENCE);
    }
  }
}
