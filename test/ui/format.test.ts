import fc from 'fast-check';
import { formatCount, formatDuration, formatPoints, formatRate, rateDifferencePoints } from '../../src/ui/format';

describe('format', () => {
  it('prints counts and rates the way the popup shows them', () => {
    expect(formatCount(1240)).toBe('1,240');
    expect(formatRate(0.4213)).toBe('42.1%');
    expect(formatRate(undefined)).toBe('n/a');
    expect(formatPoints(-23.6)).toBe('\u221223.6');
    expect(formatPoints(2)).toBe('+2.0');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(300)).toBe('5 min');
    expect(formatDuration(10_000)).toBe('3 h');
  });

  it('the printed difference is always the difference of the two printed rates', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, qualified) => {
        const points = rateDifferencePoints(raw, qualified)!;
        const shown = (rate: number) => Number(formatRate(rate).replace('%', ''));
        expect(points).toBeCloseTo(shown(qualified) - shown(raw), 6);
      }),
    );
  });

  it('has no difference when a rate is unknown', () => {
    expect(rateDifferencePoints(undefined, 0.2)).toBeUndefined();
    expect(formatPoints(undefined)).toBe('n/a');
  });
});
