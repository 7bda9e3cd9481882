// The range on every qualified figure: a Poisson-binomial interval over unique recipients from the per-event
// probabilities, exact for few uncertain recipients and normal for many, always holding the labelled count.
import { classifyCampaign } from '../../src/classifier';
import { poissonBinomialInterval, qualifiedRanges } from '../../src/classifier/qualified-ranges';
import { generateCampaign, HARD_BEHAVIOURS } from '../generator/campaign';
import { testRanges } from './test-ranges';

describe('Poisson-binomial interval', () => {
  it('is a point for certain outcomes and the binomial quantiles for equal probabilities', () => {
    expect(poissonBinomialInterval([1, 1, 0, 0, 1])).toEqual([3, 3]);
    // Binomial(20, 0.5): P(X ≤ 5) = 0.0207, P(X ≤ 6) = 0.0577 → the 95 % central interval is [6, 14].
    expect(poissonBinomialInterval(new Array(20).fill(0.5))).toEqual([6, 14]);
  });

  it('agrees between the exact path (few uncertain) and the normal path (many)', () => {
    const spread = (n: number) => Array.from({ length: n }, (_, k) => (k % 10) / 10 + 0.05);
    // Variance Σq(1−q) = 1.675 per ten: 2000 → sd 18.3 → width ≈ 2 × 1.96 × 18.3 ≈ 72 (normal path).
    const [low, high] = poissonBinomialInterval(spread(2000));
    expect(low).toBeLessThan(1000);
    expect(high).toBeGreaterThan(1000);
    expect(high - low).toBeGreaterThanOrEqual(68);
    expect(high - low).toBeLessThanOrEqual(76);
    // 500 (exact path): sd 9.15 → width ≈ 36.
    const [exactLow, exactHigh] = poissonBinomialInterval(spread(500));
    expect(exactHigh - exactLow).toBeGreaterThanOrEqual(33);
    expect(exactHigh - exactLow).toBeLessThanOrEqual(38);
    expect((exactLow + exactHigh) / 2).toBeCloseTo(250, -1);
  });

  it('counts a recipient once however many events, and holds the labelled count', () => {
    const events = [
      { recipient: 'a', type: 'open' as const, score: 0.9, label: 'scanner' as const },
      { recipient: 'a', type: 'open' as const, score: 0.1, label: 'human' as const },
      { recipient: 'b', type: 'open' as const, score: 0.4, label: 'suspect' as const },
    ];
    const ranges = qualifiedRanges(events, 10, false, { uniqueOpens: 2, uniqueClicks: 0 });
    expect(ranges.uniqueOpens![0]).toBeLessThanOrEqual(2);
    expect(ranges.uniqueOpens![1]).toBeGreaterThanOrEqual(2);
    expect(ranges.uniqueOpens![1]).toBeLessThanOrEqual(2);
    expect(ranges.openRate![1]).toBeLessThanOrEqual(0.2);
    expect(ranges.uniqueClicks).toEqual([0, 0]);
  });
});

describe('ranges in the summary', () => {
  it('give a range around each people figure of a generated campaign, with the truth close by', () => {
    const generated = generateCampaign({ seed: 77, kind: 'mixed', behaviours: HARD_BEHAVIOURS });
    const { summary } = classifyCampaign(generated.campaign, { ranges: testRanges });
    const ranges = summary.qualifiedRanges!;
    expect(ranges.level).toBe(0.95);
    for (const [range, labelled, truth] of [
      [ranges.uniqueOpens!, summary.qualified.uniqueOpens, generated.humanOpeners.size],
      [ranges.uniqueClicks!, summary.qualified.uniqueClicks, generated.humanClickers.size],
    ] as const) {
      expect(range[0]).toBeLessThanOrEqual(labelled);
      expect(range[1]).toBeGreaterThanOrEqual(labelled);
      expect(range[1]).toBeGreaterThan(range[0]);
      // Within 2 % of delivered of the true count (the hard set's suspects are mostly scanners, so the labelled
      // figure, and the range around it, can sit a little above the truth).
      expect(truth).toBeGreaterThanOrEqual(range[0] - 0.02 * summary.delivered!);
      expect(truth).toBeLessThanOrEqual(range[1] + 0.02 * summary.delivered!);
    }
    expect(ranges.openRate![0]).toBeCloseTo(ranges.uniqueOpens![0] / summary.delivered!, 10);
  });
});
