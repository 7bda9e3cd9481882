// From the raw score (the logistic of summed log-odds, which decides labels) to a probability you can check.
// The same raw score means different odds with different evidence: a lone weak signal on a full export (address,
// agent, times to the second) is nearly always a person, while on a page with no address and minute times it is
// what is left of a scanner whose stronger signs the page did not show. So there is one table per evidence the
// event carries (its address, its agent, the campaign's times to the second), each an isotonic
// (pool-adjacent-violators) fit of "was it a machine" on the raw score, printed by test/scripts/fit-calibration.ts
// over generated ordinary and hard campaigns (seeds 11–30, every list kind), each seen in all eight views (the
// export with and without addresses, agents and second-resolution times). Neighbouring pools within a point of
// each other are one row, and rare raw scores join a neighbour. `npm run bench calibration` and
// test/classifier/calibration.test.ts check the reliability per decile on other seeds. Each row: raw scores up to
// `upper` (above the previous row's) map to `probability`. Monotone, so the order of events by score within a
// table stays; labels are decided on the raw score, not on these tables.

/** What an event's verdict could rest on. */
export interface Evidence {
  address: boolean;
  agent: boolean;
  /** The campaign's times are to the second (not the minute). */
  seconds: boolean;
}

export type EvidenceKey =
  | 'address+agent+seconds'
  | 'address+agent'
  | 'address+seconds'
  | 'address'
  | 'agent+seconds'
  | 'agent'
  | 'seconds'
  | 'none';

/** Keys by bits (address 4, agent 2, seconds 1): looked up, not joined, for each of a campaign's events. */
const KEY_BY_BITS: readonly EvidenceKey[] = [
  'none',
  'seconds',
  'agent',
  'agent+seconds',
  'address',
  'address+seconds',
  'address+agent',
  'address+agent+seconds',
];

export function evidenceKey({ address, agent, seconds }: Evidence): EvidenceKey {
  return evidenceKeyOf(address, agent, seconds);
}

/** evidenceKey without the object. */
export function evidenceKeyOf(address: boolean, agent: boolean, seconds: boolean): EvidenceKey {
  return KEY_BY_BITS[(address ? 4 : 0) | (agent ? 2 : 0) | (seconds ? 1 : 0)]!;
}

type Table = ReadonlyArray<readonly [upper: number, probability: number]>;

export const CALIBRATION: Readonly<Record<EvidenceKey, Table>> = {
  'address+agent+seconds': [
    [0.45, 0.004], // 62508 events
    [0.525, 0.186], // 2248 events
    [1, 1], // 508863 events
  ],
  'address+agent': [
    [0.203, 0.004], // 58082 events
    [0.435, 0.038], // 3578 events
    [0.668, 0.279], // 2461 events
    [0.831, 0.633], // 2030 events
    [1, 0.999], // 507468 events
  ],
  'address+seconds': [
    [0.231, 0.003], // 58845 events
    [0.599, 0.377], // 6610 events
    [0.668, 0.899], // 11558 events
    [1, 1], // 496606 events
  ],
  'address': [
    [0.25, 0.008], // 57321 events
    [0.525, 0.376], // 6991 events
    [0.668, 0.83], // 10165 events
    [0.769, 0.922], // 8660 events
    [0.95, 0.988], // 36012 events
    [1, 1], // 454470 events
  ],
  'agent+seconds': [
    [0.006, 0.001], // 14676 events
    [0.157, 0.042], // 46654 events
    [0.231, 0.496], // 2889 events
    [0.521, 0.678], // 5275 events
    [0.599, 0.94], // 25846 events
    [1, 1], // 478279 events
  ],
  'agent': [
    [0.006, 0.002], // 14025 events
    [0.222, 0.085], // 48231 events
    [0.312, 0.527], // 5136 events
    [0.497, 0.714], // 3866 events
    [0.525, 0.927], // 16033 events
    [0.846, 0.985], // 80715 events
    [1, 1], // 405613 events
  ],
  'seconds': [
    [0.123, 0.26], // 77875 events
    [0.253, 0.816], // 12149 events
    [0.711, 0.943], // 68083 events
    [1, 0.999], // 415512 events
  ],
  'none': [
    [0.119, 0.247], // 72186 events
    [0.291, 0.74], // 20469 events
    [0.415, 0.939], // 11674 events
    [0.668, 0.956], // 57329 events
    [1, 0.997], // 411961 events
  ],
};

/** The calibrated machine probability of a raw score (0..1), by the table for the evidence the event carried. */
export function calibrate(raw: number, evidence: EvidenceKey = 'address+agent+seconds'): number {
  if (!Number.isFinite(raw)) return 0;
  const table = CALIBRATION[evidence];
  let lo = 0;
  let hi = table.length - 1;
  if (raw > table[hi]![0]) return table[hi]![1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid]![0] < raw) lo = mid + 1;
    else hi = mid;
  }
  return table[lo]![1];
}
