// Same scanning session: once an event of a recipient is clearly a scanner (a link burst, a scanner network,
// a bot agent), the recipient's other fetches from the same network block within a few minutes are the same
// machine — typically its image fetch (a median 9 s after send) ahead of the link sweep (a median 43 s,
// conventions §3). Relays and gateways shared by many people are excluded.
import { addEvidence, type ClassifierContext } from '../context';
import type { ScoredEvent } from '../score';

const SESSION_MS = 5 * 60_000;

export function scannerSessionSignal(ctx: ClassifierContext, stage1: ScoredEvent[]): void {
  for (const indices of ctx.byRecipient.values()) {
    const scannerAt = new Map<string, number[]>();
    for (const i of indices) {
      if (stage1[i]?.label !== 'scanner') continue;
      const kind = ctx.rangeMatch[i]?.kind;
      if (kind === 'mail-proxy' || kind === 'web-gateway') continue;
      const key = ctx.ipBlock[i];
      const time = ctx.events[i]!.time;
      if (key === undefined || Number.isNaN(time)) continue;
      const list = scannerAt.get(key) ?? [];
      list.push(time);
      scannerAt.set(key, list);
    }
    if (scannerAt.size === 0) continue;
    for (const i of indices) {
      if (stage1[i]?.label === 'scanner') continue;
      const event = ctx.events[i]!;
      if (ctx.userAgent[i]!.kind === 'image-proxy' || Number.isNaN(event.time)) continue;
      const key = ctx.ipBlock[i];
      const times = key === undefined ? undefined : scannerAt.get(key);
      if (times?.some((t) => Math.abs(t - event.time) <= SESSION_MS)) {
        addEvidence(ctx, i, { code: 'same-ip-as-scanner', weight: 2.8, kind: 'scanner', weak: false });
      }
    }
  }
}
