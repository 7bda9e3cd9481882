// A click with no open before it: the recipient's images were never fetched, as when a scanner follows links
// without rendering. Weak: many people read with images off.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const CLICK_WITHOUT_OPEN_SIGNAL = declareSignal({
  id: 'click-without-open',
  stage: 'event',
  reasons: {
    "click-without-open": "A click with no open before it (weak: many people read with images off).",
  },
  evidence: {
    NO_OPEN_BEFORE: { code: 'click-without-open', weight: 0.5, kind: 'scanner', weak: true, context: true },
  },
});

// Context, like timing: it says how the person reads (images off), not what fetched the link.
const NO_OPEN_BEFORE = CLICK_WITHOUT_OPEN_SIGNAL.evidence.NO_OPEN_BEFORE;

/** Opens stamped up to this long after the click still count as "before" (clocks and image lazy-loading). */
const TOLERANCE_MS = 1_000;

export function clickWithoutOpenSignal(ctx: ClassifierContext): void {
  if (!ctx.hasOpens) {
    if (ctx.hasClicks) ctx.notes.add('The source has no opens, so clicks without an open were not flagged.');
    return;
  }
  for (const indices of ctx.byRecipient.values()) {
    let firstOpen = Number.POSITIVE_INFINITY;
    for (const i of indices) {
      if (ctx.click[i] === 0 && !Number.isNaN(ctx.time[i]!)) firstOpen = Math.min(firstOpen, ctx.time[i]!);
    }
    for (const i of indices) {
      if (ctx.click[i] !== 1 || Number.isNaN(ctx.time[i]!)) continue;
      if (ctx.time[i]! + TOLERANCE_MS < firstOpen) {
        addEvidence(ctx, i, NO_OPEN_BEFORE);
      }
    }
  }
}
