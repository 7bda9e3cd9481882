// Pairs of (raw classifier score, machine truth) on generated campaigns, for fitting the calibration table
// (test/scripts/fit-calibration.ts) and for checking it (calibration.bench.ts). Ordinary and hard behaviours,
// every list kind; `seeds` keeps the fit and the check on different campaigns.
import { classifyCampaign } from '../../src/classifier';
import { getBundledIndex } from '../../src/ranges';
import { generateCampaign, HARD_BEHAVIOURS, ORDINARY_BEHAVIOURS } from '../generator/campaign';

export interface ScoredTruth {
  score: number;
  machine: boolean;
}

export function scoredTruth(seeds: readonly number[], calibrated: boolean): ScoredTruth[] {
  const ranges = getBundledIndex();
  const pairs: ScoredTruth[] = [];
  for (const behaviours of [ORDINARY_BEHAVIOURS, HARD_BEHAVIOURS]) {
    for (const kind of ['b2b', 'consumer', 'mixed'] as const) {
      for (const seed of seeds) {
        const generated = generateCampaign({ seed, kind, behaviours, recipients: 1500 });
        const report = classifyCampaign(generated.campaign, { ranges, uncalibrated: !calibrated });
        report.verdicts.forEach((verdict, i) => pairs.push({ score: verdict.score, machine: generated.truth[i] !== 'human' }));
      }
    }
  }
  return pairs;
}
