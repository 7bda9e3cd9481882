// Time-of-click protection re-checks: a person clicks, and 5–30 s later the gateway fetches the same link again
// from its own network (conventions §3). The second fetch is the scanner's, not a second human click.
import { addEvidence, agentTextOf, eventsWhere, type ClassifierContext, type Evidence } from '../context';
import type { Label } from '../../shared/types';
import { declareSignal } from '../signal';

export const SCANNER_RECHECK_SIGNAL = declareSignal({
  id: 'scanner-recheck',
  stage: 'relational',
  reasons: {
    "recheck-after-click": "The same link fetched again 5–30 s after a click, from another network or agent: a gateway re-check.",
  },
  evidence: {
    RECHECK: { code: 'recheck-after-click', weight: 3, kind: 'scanner', weak: false },
  },
});

const MIN_GAP_MS = 5_000;
const MAX_GAP_MS = 30_000;
const RECHECK = SCANNER_RECHECK_SIGNAL.evidence.RECHECK;

export function scannerRecheckSignal(ctx: ClassifierContext, stage1: readonly Label[]): void {
  for (const indices of ctx.byRecipient.values()) {
    const clicks = eventsWhere(indices, (i) => ctx.click[i] === 1 && ctx.url[i] !== undefined && !Number.isNaN(ctx.time[i]!));
    for (let a = 0; a < clicks.length; a++) {
      const first = clicks[a]!;
      const firstLabel = stage1[clicks[a]!];
      if (firstLabel !== 'human' && firstLabel !== 'suspect') continue;
      for (let b = a + 1; b < clicks.length; b++) {
        const second = clicks[b]!;
        const gap = ctx.time[second]! - ctx.time[first]!;
        if (gap > MAX_GAP_MS) break;
        if (gap < MIN_GAP_MS || ctx.url[second] !== ctx.url[first]) continue;
        if (ctx.ip[second] !== ctx.ip[first] || agentTextOf(ctx, second) !== agentTextOf(ctx, first)) {
          addEvidence(ctx, clicks[b]!, RECHECK);
        }
      }
    }
  }
}
