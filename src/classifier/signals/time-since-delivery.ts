// Time since delivery, adapted to the campaign. Field data (conventions §3, craft-campaign issue 546, 836 bursts):
// scanner bursts start a median 43 s after send (66 % at 20–60 s, 28 % at 1–5 min) and the scanner's own open
// comes a median 9 s after send. People also answer fast sometimes, so a fixed "< N s" rule either misses most
// scanners or flags fast readers. Instead we compare how many recipients' first events fall in each delay bin
// with how many people alone would put there: where the campaign has a dense early mode (a B2B list behind
// Safe Links), an event in that bin is probably a machine; where it has none (a consumer list), the same delay
// is weak evidence at most. Bounded and "weak": timing alone never makes an event a scanner.
import { addEvidence, agentClassOf, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const TIME_SINCE_DELIVERY_SIGNAL = declareSignal({
  id: 'time-since-delivery',
  stage: 'event',
  reasons: {
    "seconds-after-delivery": "Came within the first moments after delivery, when this campaign shows a dense burst of machine activity.",
  },
  // Its weight is computed per delay bin from the campaign (timeWeights), up to MAX_TIME_WEIGHT.
  evidence: {
    EARLY: { code: 'seconds-after-delivery', weight: 2.2, kind: 'neutral', weak: true, context: true },
  },
});

/** Upper bin edges in seconds after delivery. */
const BIN_EDGES = [10, 20, 60, 300, 1800, 7200, Number.POSITIVE_INFINITY];
/**
 * Share of people's first open/click per bin. Engagement curves of ESPs put roughly a quarter of a campaign's
 * human opens in the first hour and only a few percent in the first five minutes; the first minute is a
 * fraction of a percent. Deliberately generous to people in the early bins.
 */
const HUMAN_SHARE = [0.002, 0.003, 0.01, 0.04, 0.12, 0.18, 0.645];
/** Pseudo-count of "people-like" recipients mixed into the observed shares so small campaigns stay calm. */
const PRIOR_RECIPIENTS = 40;
/** Largest log-odds timing can add (fast human responders exist). */
export const MAX_TIME_WEIGHT = TIME_SINCE_DELIVERY_SIGNAL.evidence.EARLY.weight;
const MIN_REPORTED_WEIGHT = 0.25;

function binOf(seconds: number): number {
  for (let b = 0; b < BIN_EDGES.length; b++) if (seconds < BIN_EDGES[b]!) return b;
  return BIN_EDGES.length - 1;
}

/** Log-odds per bin for one event type, from the campaign's first-event delays. */
export function timeWeights(firstDelays: number[]): number[] {
  const counts = new Array<number>(BIN_EDGES.length).fill(0);
  for (const seconds of firstDelays) counts[binOf(seconds)]!++;
  const total = firstDelays.length;
  return counts.map((count, b) => {
    const human = HUMAN_SHARE[b]!;
    const observed = (count + PRIOR_RECIPIENTS * human) / (total + PRIOR_RECIPIENTS);
    // If people put share h in this bin and the campaign shows share o, at most h/o of the bin is people.
    const weight = Math.log(observed / human);
    return Math.max(0, Math.min(MAX_TIME_WEIGHT, weight));
  });
}

export function timeSinceDeliverySignal(ctx: ClassifierContext): void {
  const { click } = ctx;
  // Stamps truncated to the minute ("17:08") put everything of the first minute at 0 s, in the bin where people
  // are rarest (0.2 %), so a reader who answered in 40 s would look faster than any person. Judge each event at
  // the middle of the interval its stamp stands for instead; with Unix seconds the shift is half a second.
  const halfStepS = ctx.timeResolutionMs > 1 ? ctx.timeResolutionMs / 2000 : 0;
  const secondsAfterDelivery =
    halfStepS === 0 ? ctx.secondsAfterDelivery : ctx.secondsAfterDelivery.map((seconds) => (seconds >= 0 ? seconds + halfStepS : seconds));
  // First delay per recipient and type, leaving out fetches already explained by their user agent (Apple's
  // prefetch and Gmail/Yahoo image proxies) and pre-delivery events, which have their own signals.
  const opens: number[] = [];
  const clicks: number[] = [];
  const firstOf = (indices: Iterable<number>): void => {
    let firstOpen = Number.POSITIVE_INFINITY;
    let firstClick = Number.POSITIVE_INFINITY;
    for (const i of indices) {
      const seconds = secondsAfterDelivery[i]!;
      const kind = agentClassOf(ctx, i).kind;
      if (!(seconds >= 0) || kind === 'mpp' || kind === 'image-proxy') continue;
      if (click[i] === 0) firstOpen = Math.min(firstOpen, seconds);
      else firstClick = Math.min(firstClick, seconds);
    }
    if (firstOpen !== Number.POSITIVE_INFINITY) opens.push(firstOpen);
    if (firstClick !== Number.POSITIVE_INFINITY) clicks.push(firstClick);
  };
  for (const indices of ctx.byRecipient.values()) firstOf(indices);
  // Events without a recipient each stand alone.
  for (let i = 0; i < ctx.length; i++) if (ctx.recipientId[i]! < 0) firstOf([i]);
  const asEvidence = (weights: number[]): Array<Evidence | undefined> =>
    weights.map((weight) =>
      weight >= MIN_REPORTED_WEIGHT ? { ...TIME_SINCE_DELIVERY_SIGNAL.evidence.EARLY, weight } : undefined,
    );
  const byBin = { open: asEvidence(timeWeights(opens)), click: asEvidence(timeWeights(clicks)) };

  for (let i = 0; i < ctx.length; i++) {
    const seconds = secondsAfterDelivery[i]!;
    if (Number.isNaN(seconds) || seconds < 0) continue;
    const evidence = (click[i] === 1 ? byBin.click : byBin.open)[binOf(seconds)];
    if (evidence !== undefined) addEvidence(ctx, i, evidence);
  }
}
