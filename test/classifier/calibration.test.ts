// Issue 13 "calibrated scores": an event's score is a machine probability you can check. On generated seeds the
// table was not fitted on (test/scripts/fit-calibration.ts fits seeds 11–30), ordinary and hard campaigns of
// every list kind in all eight views (with and without addresses, agents, second-resolution times), each score decile holding enough events shows an observed machine
// share within 5 points of the mean score, and the scores spread over several deciles, not only the two ends.
import { calibrate, CALIBRATION, type EvidenceKey } from '../../src/classifier/calibration';
import { MIN_EVENTS_TO_JUDGE, reliabilityTable, scoredTruth } from '../bench/calibration-data';

describe('calibrated scores', () => {
  it('match the observed machine share within 5 points per decile on held-out seeds, over at least six deciles', () => {
    const pairs = scoredTruth([404, 505, 606], true);
    const judged = reliabilityTable(pairs).filter((decile) => decile.count >= MIN_EVENTS_TO_JUDGE);
    const gaps = judged.map((d) => `${d.from.toFixed(1)}: predicted ${d.predicted.toFixed(1)} observed ${d.observed.toFixed(1)} (${d.count})`);
    expect(judged.length, gaps.join('\n')).toBeGreaterThanOrEqual(6);
    for (const decile of judged) expect(Math.abs(decile.predicted - decile.observed), gaps.join('\n')).toBeLessThanOrEqual(5);
  }, 300_000);

  it('is a monotone map of the raw score per evidence table, so the order of events (and every label) stays', () => {
    const raws = Array.from({ length: 1001 }, (_, i) => i / 1000);
    for (const [evidence, table] of Object.entries(CALIBRATION) as Array<[EvidenceKey, (typeof CALIBRATION)[EvidenceKey]]>) {
      const calibrated = raws.map((raw) => calibrate(raw, evidence));
      for (let i = 1; i < calibrated.length; i++) expect(calibrated[i]!).toBeGreaterThanOrEqual(calibrated[i - 1]!);
      expect(calibrate(0, evidence)).toBe(table[0]![1]);
      expect(calibrate(Number.NaN, evidence)).toBe(0);
      for (let i = 1; i < table.length; i++) {
        expect(table[i]![0]).toBeGreaterThan(table[i - 1]![0]);
        expect(table[i]![1]).toBeGreaterThanOrEqual(table[i - 1]![1]);
      }
      expect(table[table.length - 1]![0]).toBe(1);
    }
  });

  it('reads the table for the evidence an event carried: the same weak score is a person on a full export, likely a machine on a bare page', () => {
    // A raw score of 0.2 is one weak signal: on a full export the other evidence was seen and cleared the event.
    expect(calibrate(0.2, 'address+agent+seconds')).toBeLessThan(0.05);
    expect(calibrate(0.2, 'none')).toBeGreaterThan(0.5);
  });
});
