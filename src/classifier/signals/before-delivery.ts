// Events earlier than the recipient's delivery: a gateway that deferred the message (greylisting) scanned it
// during the deferred attempt, hours before the final "delivered" event (conventions §3). A person cannot open
// what has not been delivered. Against the campaign send time only (no per-recipient delivery) the evidence is
// weaker, since the send time may be approximate.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const BEFORE_DELIVERY_SIGNAL = declareSignal({
  id: 'before-delivery',
  stage: 'event',
  reasons: {
    "before-delivery": "Came before the message was delivered to this recipient: a gateway scanning a deferred delivery.",
  },
  evidence: {
    AGAINST_OWN_DELIVERY: { code: 'before-delivery', weight: 3.2, kind: 'scanner', weak: false },
    AGAINST_SEND_TIME: { code: 'before-delivery', weight: 2.2, kind: 'scanner', weak: false },
  },
});

/** Clock tolerance between the ESP's delivery stamp and its tracking stamp. */
const PER_RECIPIENT_TOLERANCE_S = 2;
const SEND_TIME_TOLERANCE_S = 60;

// Evidence objects are immutable and shared by every event they apply to (a 200k-event campaign allocates less).
const AGAINST_OWN_DELIVERY = BEFORE_DELIVERY_SIGNAL.evidence.AGAINST_OWN_DELIVERY;
const AGAINST_SEND_TIME = BEFORE_DELIVERY_SIGNAL.evidence.AGAINST_SEND_TIME;

export function beforeDeliverySignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.length; i++) {
    const seconds = ctx.secondsAfterDelivery[i]!;
    if (Number.isNaN(seconds)) continue;
    if (ctx.deliveryIsPerRecipient[i]) {
      if (seconds < -PER_RECIPIENT_TOLERANCE_S) {
        addEvidence(ctx, i, AGAINST_OWN_DELIVERY);
      }
    } else if (seconds < -SEND_TIME_TOLERANCE_S) {
      addEvidence(ctx, i, AGAINST_SEND_TIME);
    }
  }
}
