// From the raw score (the logistic of summed log-odds, which decides labels) to a probability you can check:
// an isotonic (pool-adjacent-violators) fit of "was it a machine" on the raw score over generated ordinary and
// hard campaigns (test/scripts/fit-calibration.ts prints this table; `npm run bench` prints the reliability per
// decile on other campaigns). Each row: raw scores up to `upper` (above the previous row's) map to `probability`.
// Monotone, so the order of events by score, and every label, stay as they were.

export const CALIBRATION: ReadonlyArray<readonly [number, number]> = [
  [0.017, 0.001], // 9145 events
  [0.326, 0.005], // 9137 events
  [0.426, 0.064], // 284 events
  [0.525, 0.209], // 646 events
  [0.599, 0.499], // 12 events
  [0.690, 0.757], // 26 events
  [0.818, 0.924], // 200 events
  [0.870, 0.967], // 148 events
  [0.948, 0.999], // 13519 events
  [1.000, 1.000], // 139263 events
];

/** The calibrated machine probability of a raw score (0..1). */
export function calibrate(raw: number): number {
  if (!Number.isFinite(raw)) return 0;
  let lo = 0;
  let hi = CALIBRATION.length - 1;
  if (raw > CALIBRATION[hi]![0]) return CALIBRATION[hi]![1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (CALIBRATION[mid]![0] < raw) lo = mid + 1;
    else hi = mid;
  }
  return CALIBRATION[lo]![1];
}
