// Pairs of (raw classifier score, machine truth) on generated campaigns, for fitting the calibration table
// (test/scripts/fit-calibration.ts) and for checking it (calibration.bench.ts, test/classifier/calibration.test.ts).
// Ordinary and hard behaviours, every list kind, and each campaign also in the thinner views pages and some
// exports give (issue 13 "less information, still right"): with and without addresses, agents and
// second-resolution times (eight views). Those hold the ambiguous evidence (a lone weak signal) whose scores sit between the
// sure ends; without them the fit has almost nothing there to learn from. `seeds` keeps fit and check apart.
import { classifyCampaign } from '../../src/classifier';
import { getBundledIndex } from '../../src/ranges';
import { type Evidence, evidenceKey, type EvidenceKey } from '../../src/classifier/calibration';
import type { Campaign, EngagementEvent } from '../../src/shared/types';
import { generateCampaign, HARD_BEHAVIOURS, ORDINARY_BEHAVIOURS } from '../generator/campaign';

export interface ScoredTruth {
  score: number;
  machine: boolean;
  /** Which calibration table the event's score belongs to (what evidence it carried). */
  evidence: EvidenceKey;
}

const toMinute = (timestamp: number | undefined): number | undefined =>
  timestamp === undefined ? undefined : Math.floor(timestamp / 60_000) * 60_000;

/** The full export and every thinner view of it: each evidence combination calibration.ts keeps a table for. */
export const CAMPAIGN_VIEWS: readonly Evidence[] = [true, false].flatMap((address) =>
  [true, false].flatMap((agent) => [true, false].map((seconds) => ({ address, agent, seconds }))),
);

function viewOf(campaign: Campaign, { address, agent, seconds }: Evidence): Campaign {
  const events = campaign.events.map((event): EngagementEvent => {
    const { ip, userAgent, timestamp, ...rest } = event;
    const view: EngagementEvent = { ...rest };
    if (address && ip !== undefined) view.ip = ip;
    if (agent && userAgent !== undefined) view.userAgent = userAgent;
    const time = seconds ? timestamp : toMinute(timestamp);
    if (time !== undefined) view.timestamp = time;
    return view;
  });
  return { ...campaign, events };
}

export function scoredTruth(seeds: readonly number[], calibrated: boolean, views: readonly Evidence[] = CAMPAIGN_VIEWS, recipients = 1500): ScoredTruth[] {
  const ranges = getBundledIndex();
  const pairs: ScoredTruth[] = [];
  for (const behaviours of [ORDINARY_BEHAVIOURS, HARD_BEHAVIOURS]) {
    for (const kind of ['b2b', 'consumer', 'mixed'] as const) {
      for (const seed of seeds) {
        const generated = generateCampaign({ seed, kind, behaviours, recipients });
        for (const view of views) {
          const campaign = viewOf(generated.campaign, view);
          const report = classifyCampaign(campaign, { ranges, uncalibrated: !calibrated });
          report.verdicts.forEach((verdict, i) => {
            const event = campaign.events[i]!;
            // The classifier reads the resolution from the campaign's stamps; the generator's are to the second.
            const evidence = { address: event.ip !== undefined, agent: event.userAgent !== undefined, seconds: view.seconds };
            pairs.push({ score: verdict.score, machine: generated.truth[i] !== 'human', evidence: evidenceKey(evidence) });
          });
        }
      }
    }
  }
  return pairs;
}

/** Deciles with fewer events are printed but not judged: a handful cannot show a share to within 5 points. */
export const MIN_EVENTS_TO_JUDGE = 100;

export interface ReliabilityDecile {
  /** Lower edge of the score decile (0, 0.1, … 0.9). */
  from: number;
  count: number;
  /** Mean predicted machine probability and observed machine share, in percent (NaN when empty). */
  predicted: number;
  observed: number;
}

/** Events grouped by score decile: the mean score beside the observed machine share. */
export function reliabilityTable(pairs: readonly ScoredTruth[]): ReliabilityDecile[] {
  const sums = Array.from({ length: 10 }, () => ({ count: 0, predicted: 0, machines: 0 }));
  for (const { score, machine } of pairs) {
    const bin = sums[Math.min(9, Math.floor(score * 10))]!;
    bin.count++;
    bin.predicted += score;
    if (machine) bin.machines++;
  }
  return sums.map((bin, d) => ({
    from: d / 10,
    count: bin.count,
    predicted: (100 * bin.predicted) / bin.count,
    observed: (100 * bin.machines) / bin.count,
  }));
}
