// Events earlier than the recipient's delivery: a gateway that deferred the message (greylisting) scanned it
// during the deferred attempt, hours before the final "delivered" event (conventions §3). A person cannot open
// what has not been delivered. Against the campaign send time only (no per-recipient delivery) the evidence is
// weaker, since the send time may be approximate.
import { addEvidence, type ClassifierContext, type Evidence } from '../context';

/** Clock tolerance between the ESP's delivery stamp and its tracking stamp. */
const PER_RECIPIENT_TOLERANCE_S = 2;
const SEND_TIME_TOLERANCE_S = 60;

// Evidence objects are immutable and shared by every event they apply to (a 200k-event campaign allocates less).
const AGAINST_OWN_DELIVERY: Evidence = { code: 'before-delivery', weight: 3.2, kind: 'scanner', weak: false };
const AGAINST_SEND_TIME: Evidence = { code: 'before-delivery', weight: 2.2, kind: 'scanner', weak: false };

export function beforeDeliverySignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.events.length; i++) {
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
