// An honest range on every qualified (people) figure, from the per-event probabilities rather than the labels:
// each recipient is a person-opener with probability 1 − Π(machine probability of their opens) (one human open
// is enough), likewise for clicks, and the count of such recipients is a sum of independent Bernoulli trials with
// different probabilities — a Poisson-binomial distribution. Its central interval at LEVEL is the range: exact
// by dynamic programming over the uncertain recipients when there are few, a normal approximation (mean Σq,
// variance Σq(1−q)) when there are many. The labelled count is always inside the range (see `personProbability`,
// and the range is widened to it if the probabilities alone would leave it out).
import type { Label, QualifiedRanges } from '../shared/types';
import { isQualified } from './labels';

export const RANGE_LEVEL = 0.95;
/** Up to this many uncertain recipients the distribution is computed exactly (O(n²)). */
const EXACT_LIMIT = 600;
/** Probabilities this close to 0 or 1 are certain for the range (they cannot move a count by one). */
const CERTAIN = 1e-6;
/** z for the two-sided 95 % normal interval. */
const Z_95 = 1.959964;

export interface RangeEvent {
  recipient: string;
  type: 'open' | 'click';
  /** Machine probability 0..1 (the verdict's score). */
  score: number;
  label: Label;
}

/**
 * The probability that an event was a person. The score is the model's machine probability; a label decided on
 * other grounds (a `suspect` kept as a person, the strict setting dropping suspects) moves it to the side the
 * label counts it, so the range is about the same figure the labels give.
 */
function personProbability(event: RangeEvent, strict: boolean): number {
  const p = Math.min(1, Math.max(0, 1 - event.score));
  const counted = isQualified(event.label, strict);
  if (counted) return Math.max(p, 0.5);
  return Math.min(p, 0.5);
}

/** [low, high] of a Poisson-binomial count at `level`. */
export function poissonBinomialInterval(probabilities: readonly number[], level = RANGE_LEVEL): [number, number] {
  let certain = 0;
  const uncertain: number[] = [];
  for (const q of probabilities) {
    if (q >= 1 - CERTAIN) certain++;
    else if (q > CERTAIN) uncertain.push(q);
  }
  const tail = (1 - level) / 2;
  if (uncertain.length === 0) return [certain, certain];
  if (uncertain.length <= EXACT_LIMIT) {
    // dist[k] = P(k successes among the uncertain so far).
    let dist = new Float64Array(uncertain.length + 1);
    dist[0] = 1;
    for (let n = 0; n < uncertain.length; n++) {
      const q = uncertain[n]!;
      const next = new Float64Array(uncertain.length + 1);
      for (let k = 0; k <= n; k++) {
        const mass = dist[k]!;
        if (mass === 0) continue;
        next[k] = next[k]! + mass * (1 - q);
        next[k + 1] = next[k + 1]! + mass * q;
      }
      dist = next;
    }
    let low = 0;
    let cumulative = 0;
    for (let k = 0; k < dist.length; k++) {
      cumulative += dist[k]!;
      if (cumulative > tail) {
        low = k;
        break;
      }
    }
    let high = uncertain.length;
    cumulative = 0;
    for (let k = dist.length - 1; k >= 0; k--) {
      cumulative += dist[k]!;
      if (cumulative > tail) {
        high = k;
        break;
      }
    }
    return [certain + low, certain + high];
  }
  let mean = 0;
  let variance = 0;
  for (const q of uncertain) {
    mean += q;
    variance += q * (1 - q);
  }
  const z = level === RANGE_LEVEL ? Z_95 : normalQuantile(1 - tail);
  const spread = z * Math.sqrt(variance);
  const low = Math.max(0, Math.floor(mean - spread));
  const high = Math.min(uncertain.length, Math.ceil(mean + spread));
  return [certain + low, certain + high];
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Ranges of unique person-openers and -clickers (and their rates over `delivered`). */
export function qualifiedRanges(
  events: readonly RangeEvent[],
  delivered: number | undefined,
  strict: boolean,
  labelled: { uniqueOpens: number; uniqueClicks: number },
): QualifiedRanges {
  // Per recipient: probability that none of their opens (clicks) was a person.
  const noPersonOpen = new Map<string, number>();
  const noPersonClick = new Map<string, number>();
  for (const event of events) {
    const map = event.type === 'open' ? noPersonOpen : noPersonClick;
    map.set(event.recipient, (map.get(event.recipient) ?? 1) * (1 - personProbability(event, strict)));
  }
  const toPeople = (map: Map<string, number>): number[] => [...map.values()].map((none) => 1 - none);
  const ranges: QualifiedRanges = { level: RANGE_LEVEL };
  const around = ([low, high]: [number, number], point: number): [number, number] => [Math.min(low, point), Math.max(high, point)];
  const opens = around(poissonBinomialInterval(toPeople(noPersonOpen)), labelled.uniqueOpens);
  const clicks = around(poissonBinomialInterval(toPeople(noPersonClick)), labelled.uniqueClicks);
  ranges.uniqueOpens = opens;
  ranges.uniqueClicks = clicks;
  if (delivered !== undefined && delivered > 0) {
    ranges.openRate = [opens[0] / delivered, Math.min(1, opens[1] / delivered)];
    ranges.clickRate = [clicks[0] / delivered, Math.min(1, clicks[1] / delivered)];
  }
  return ranges;
}
