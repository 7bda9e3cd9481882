// The range on every qualified figure: a Poisson-binomial interval over unique recipients from the per-event
// probabilities (each event's band of machine probability), exact for few uncertain recipients and normal for
// many; it holds the generator's true count of people in at least 90 % of campaigns.
import { classifyCampaign } from '../../src/classifier';
import { machineBand, poissonBinomialInterval, qualifiedRanges } from '../../src/classifier/qualified-ranges';
import { generateCampaign, HARD_BEHAVIOURS } from '../generator/campaign';
import { rangeCoverage } from './range-coverage';
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

  it('counts a recipient once however many events, and widens with the bands of suspects, not of settled events', () => {
    const events = [
      { recipient: 'a', type: 'open' as const, score: 1, suspect: false },
      { recipient: 'a', type: 'open' as const, score: 0.001, suspect: false },
      { recipient: 'b', type: 'open' as const, score: 1, suspect: false },
      { recipient: 'c', type: 'open' as const, score: 0.001, suspect: false },
    ];
    // a and c each have a near-certain human open, b only a certain machine one: 2 openers, no doubt.
    const settled = qualifiedRanges(events, 10);
    expect(settled.uniqueOpens).toEqual([2, 2]);
    expect(settled.openRate).toEqual([0.2, 0.2]);
    expect(settled.uniqueClicks).toEqual([0, 0]);
    // Five suspects at a low score: each may be a person or a machine, so the range spans most of 0..5.
    const suspects = Array.from({ length: 5 }, (_, k) => ({ recipient: `s${k}`, type: 'click' as const, score: 0.209, suspect: true }));
    const [low, high] = qualifiedRanges(suspects, 10).uniqueClicks!;
    expect(low).toBeLessThanOrEqual(1);
    expect(high).toBe(5);
    // The same scores on settled `human` verdicts: fewer of them are machines, so the low end is higher.
    const humans = suspects.map((event) => ({ ...event, suspect: false }));
    expect(qualifiedRanges(humans, 10).uniqueClicks![0]).toBeGreaterThan(low);
    expect(qualifiedRanges(humans, 10).uniqueClicks![1]).toBe(5);
  });

  it('gives every event a band that holds its own score', () => {
    for (const score of [0, 0.001, 0.005, 0.03, 0.064, 0.209, 0.4, 0.499, 0.757, 0.924, 0.967, 0.99, 0.999, 1]) {
      for (const suspect of [false, true]) {
        const [low, high] = machineBand({ recipient: 'r', type: 'click', score, suspect });
        expect(low).toBeLessThanOrEqual(score);
        expect(high).toBeGreaterThanOrEqual(score);
      }
    }
  });
});

describe('ranges in the summary', () => {
  // Seeds other than those the bands were measured on (1–5); every list kind, ordinary and hard.
  const SEEDS = [31, 32, 33, 34, 35];
  it.each([false, true])('hold the true count of people in at least 90 percent of generated campaigns (hard set: %s), and stay narrow', (hard) => {
    const coverage = rangeCoverage(SEEDS, ['b2b', 'consumer', 'mixed'], hard, testRanges);
    expect(coverage.covered / coverage.ranges, coverage.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    // Strong evidence keeps the range tight: the median range is under 2.5 % of delivered (~50 of 2000).
    expect(coverage.medianWidthShare).toBeLessThan(0.025);
    expect(coverage.medianWidth).toBeGreaterThan(0);
  });

  it('give the rates as the counts over delivered', () => {
    const generated = generateCampaign({ seed: 77, kind: 'mixed', behaviours: HARD_BEHAVIOURS });
    const { summary } = classifyCampaign(generated.campaign, { ranges: testRanges });
    const ranges = summary.qualifiedRanges!;
    expect(ranges.level).toBe(0.95);
    expect(ranges.openRate![0]).toBeCloseTo(ranges.uniqueOpens![0] / summary.delivered!, 10);
    expect(ranges.clickRate![1]).toBeCloseTo(ranges.uniqueClicks![1] / summary.delivered!, 10);
    expect(ranges.uniqueClicks![1]).toBeGreaterThan(ranges.uniqueClicks![0]);
  });
});
