// How often the 95 % range on unique person-openers and -clickers holds the generator's true count, over
// generated campaigns (ordinary and hard, several seeds and list kinds), and how wide the range is. Shared by the
// coverage test and `npm run bench` so both state the same figure.
import { classifyCampaign } from '../../src/classifier';
import type { RangeLookup } from '../../src/shared/types';
import { generateCampaign, HARD_BEHAVIOURS, type ListKind } from '../generator/campaign';

export interface RangeCoverage {
  /** Ranges checked (two per campaign: openers and clickers). */
  ranges: number;
  /** Ranges holding the true count. */
  covered: number;
  /** Median width (high − low) in recipients, and as a share of delivered. */
  medianWidth: number;
  medianWidthShare: number;
  /** The ranges that missed, for the message of a failing test. */
  misses: string[];
}

export function rangeCoverage(seeds: readonly number[], kinds: readonly ListKind[], hard: boolean, ranges: RangeLookup, recipients?: number): RangeCoverage {
  let checked = 0;
  let covered = 0;
  const widths: number[] = [];
  const shares: number[] = [];
  const misses: string[] = [];
  for (const seed of seeds) {
    for (const kind of kinds) {
      const generated = generateCampaign({ seed, kind, recipients, behaviours: hard ? HARD_BEHAVIOURS : undefined });
      const { summary } = classifyCampaign(generated.campaign, { ranges });
      const qualified = summary.qualifiedRanges!;
      for (const [name, range, truth] of [
        ['openers', qualified.uniqueOpens!, generated.humanOpeners.size],
        ['clickers', qualified.uniqueClicks!, generated.humanClickers.size],
      ] as const) {
        checked++;
        if (truth >= range[0] && truth <= range[1]) covered++;
        else misses.push(`${hard ? 'hard' : 'ordinary'} ${kind} seed ${seed} ${name}: truth ${truth}, range [${range[0]}, ${range[1]}]`);
        widths.push(range[1] - range[0]);
        shares.push((range[1] - range[0]) / generated.delivered);
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { ranges: checked, covered, medianWidth: median(widths), medianWidthShare: median(shares), misses };
}
