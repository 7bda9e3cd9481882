// An honest range on every qualified (people) figure, from the per-event probabilities rather than the labels:
// each recipient is a person-opener with probability 1 − Π(machine probability of their opens) (one human open
// is enough), likewise for clicks, and the count of such recipients is a sum of independent Bernoulli trials with
// different probabilities — a Poisson-binomial distribution. Its central interval at LEVEL is the range: exact
// by dynamic programming over the uncertain recipients when there are few, a normal approximation (mean Σq,
// variance Σq(1−q)) when there are many. Every event weighs in by its calibrated score whatever its label, and
// the range is not stretched to hold the labelled count: where the labels are wrong (scanners kept as suspects),
// the range should say so. test/classifier/qualified-ranges.test.ts checks it holds the generator's truth.
import type { QualifiedRanges } from '../shared/types';

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
  /** The verdict was `suspect` (the model found machine evidence it would not act on). */
  suspect: boolean;
}

/**
 * The calibrated score is one table fitted over ordinary and hard campaigns together, and a single campaign drifts
 * from it: on hard B2B campaigns a 0.005 click is a machine ~3.5 % of the time, a `suspect` at 0.21 ~80 % of the
 * time, and with fewer known scanner networks a `human` at 0.21 up to ~40 %; on ordinary ones they are rarer
 * machines than the score says. The range takes every event's machine probability as a band [low, high] covering
 * what one campaign to the next shows (the highest and lowest rate per calibration row and label over generated
 * ordinary and hard campaigns, seeds 1–5 of each list kind, with the bundled ranges and with a smaller range list;
 * the coverage test uses other seeds): the low end of the range counts people as if every band sat at its high machine end, the high end
 * as if at its low end. A `suspect` is a case the model could not settle, so its band is wide whatever its score.
 * Rows: scores up to `upTo` (calibrated) → band.
 */
type BandRows = ReadonlyArray<readonly [upTo: number, low: number, high: number]>;
const SETTLED_MACHINE_BANDS: BandRows = [
  [0.5, 0, 0.5],
  [0.967, 0.65, 1],
  [0.999, 0.97, 1],
  [1, 1, 1],
];
const MACHINE_BAND: Record<RangeEvent['type'], BandRows> = {
  // Opens at a low score are rarely machines on any campaign (a machine's open mostly comes with a burst).
  open: [[0.001, 0, 0.005], [0.005, 0, 0.007], [0.064, 0, 0.13], [0.209, 0.01, 0.3], ...SETTLED_MACHINE_BANDS],
  click: [[0.001, 0, 0.013], [0.005, 0, 0.035], [0.064, 0, 0.13], [0.209, 0.01, 0.38], ...SETTLED_MACHINE_BANDS],
};
const SUSPECT_BAND: readonly [number, number] = [0, 0.9];
const bandColumns = (rows: BandRows) => ({
  upTo: Float64Array.from(rows, (row) => row[0]),
  rowLow: Float64Array.from(rows, (row) => row[1]),
  rowHigh: Float64Array.from(rows, (row) => row[2]),
});
const BAND_COLUMNS = { open: bandColumns(MACHINE_BAND.open), click: bandColumns(MACHINE_BAND.click) };

/** The band of machine probability of an event (see MACHINE_BAND), always holding its own score. */
export function machineBand(event: RangeEvent): [number, number] {
  const band = BAND_SCRATCH;
  bandOf(event.type, event.score, event.suspect, band);
  return [band[0]!, band[1]!];
}

const BAND_SCRATCH = new Float64Array(2);

/** machineBand without the allocations, into `out` (called once per event of a big campaign). */
function bandOf(type: RangeEvent['type'], rawScore: number, suspect: boolean, out: Float64Array): void {
  const score = Math.min(1, Math.max(0, rawScore));
  let low = 1;
  let high = 1;
  if (suspect) {
    low = SUSPECT_BAND[0];
    high = SUSPECT_BAND[1];
  } else {
    // The rows as flat columns (BAND_COLUMNS): no iterator or destructuring per event.
    const { upTo, rowLow, rowHigh } = BAND_COLUMNS[type];
    for (let row = 0; row < upTo.length; row++) {
      if (score <= upTo[row]! + 1e-9) {
        low = rowLow[row]!;
        high = rowHigh[row]!;
        break;
      }
    }
  }
  out[0] = Math.min(score, low);
  out[1] = Math.max(score, high);
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

/**
 * The events of qualifiedRangesOf as columns: `recipient` is a dense id per recipient (0..recipientCount-1),
 * `click` 1 for clicks. Columns instead of one object per event keep a 500k-event campaign's metrics lean.
 */
export interface RangeColumns {
  length: number;
  recipientCount: number;
  recipient: Int32Array;
  click: Uint8Array;
  score: Float64Array;
  suspect: Uint8Array;
}

/** Ranges of unique person-openers and -clickers (and their rates over `delivered`). */
export function qualifiedRanges(events: readonly RangeEvent[], delivered: number | undefined): QualifiedRanges {
  const ids = new Map<string, number>();
  const columns: RangeColumns = {
    length: events.length,
    recipientCount: 0,
    recipient: new Int32Array(events.length),
    click: new Uint8Array(events.length),
    score: new Float64Array(events.length),
    suspect: new Uint8Array(events.length),
  };
  events.forEach((event, i) => {
    let id = ids.get(event.recipient);
    if (id === undefined) ids.set(event.recipient, (id = ids.size));
    columns.recipient[i] = id;
    columns.click[i] = event.type === 'click' ? 1 : 0;
    columns.score[i] = event.score;
    columns.suspect[i] = event.suspect ? 1 : 0;
  });
  columns.recipientCount = ids.size;
  return qualifiedRangesOf(columns, delivered);
}

export function qualifiedRangesOf(events: RangeColumns, delivered: number | undefined): QualifiedRanges {
  // Per recipient: probability that none of their opens (clicks) was a person, at each end of the bands; per
  // type, recipients in the order of their first event of that type.
  const perType = [0, 1].map(() => ({
    fewMachines: new Float64Array(events.recipientCount),
    manyMachines: new Float64Array(events.recipientCount),
    seen: new Uint8Array(events.recipientCount),
    order: [] as number[],
  }));
  const band = new Float64Array(2);
  for (let i = 0; i < events.length; i++) {
    const click = events.click[i]!;
    const own = perType[click]!;
    const recipient = events.recipient[i]!;
    bandOf(click ? 'click' : 'open', events.score[i]!, events.suspect[i] === 1, band);
    if (own.seen[recipient] === 0) {
      own.seen[recipient] = 1;
      own.order.push(recipient);
      own.fewMachines[recipient] = 1;
      own.manyMachines[recipient] = 1;
    }
    own.fewMachines[recipient]! *= band[0]!;
    own.manyMachines[recipient]! *= band[1]!;
  }
  const toPeople = (order: number[], none: Float64Array): number[] => order.map((recipient) => 1 - none[recipient]!);
  const range = ({ fewMachines, manyMachines, order }: (typeof perType)[number]): [number, number] => [
    poissonBinomialInterval(toPeople(order, manyMachines))[0],
    poissonBinomialInterval(toPeople(order, fewMachines))[1],
  ];
  return rangesOf(range(perType[0]!), range(perType[1]!), delivered);
}

/** The ranges of unique openers and clickers, and of their rates over `delivered` when known. */
export function rangesOf(opens: [number, number], clicks: [number, number], delivered: number | undefined): QualifiedRanges {
  const ranges: QualifiedRanges = { level: RANGE_LEVEL };
  ranges.uniqueOpens = opens;
  ranges.uniqueClicks = clicks;
  if (delivered !== undefined && delivered > 0) {
    ranges.openRate = [opens[0] / delivered, Math.min(1, opens[1] / delivered)];
    ranges.clickRate = [clicks[0] / delivered, Math.min(1, clicks[1] / delivered)];
  }
  return ranges;
}
