// Acceptance (issue 3, "Done when"): on generated B2B, consumer and mixed campaigns (several seeds), directly
// and through four export formats: scanner-click F1 ≥ 0.95, machine-open F1 (scanner + proxy opens) ≥ 0.95,
// fast human responders labelled scanner ≤ 2 %, qualified unique click and open rates within 1 point of the
// truth — and each figure at least as good as every published rule set run on the same campaign.
import { classifyCampaign } from '../../src/classifier';
import { importText } from '../../src/importers';
import { getBundledIndex } from '../../src/ranges';
import type { Campaign, Label, RangeLookup } from '../../src/shared/types';
import { generateCampaign, HARD_BEHAVIOURS, type GeneratedCampaign, type ListKind } from '../generator/campaign';
import { EXPORT_FORMATS, serializeCampaign } from '../generator/formats';
import { BASELINES } from './baselines';
import { figuresByTag } from './behaviour-figures';
import { evaluate, type Figures } from './evaluate';
import { testRanges } from './test-ranges';

const SEEDS = [101, 202, 303];
const KINDS: ListKind[] = ['b2b', 'consumer', 'mixed'];
const bundled: RangeLookup = getBundledIndex();

interface Scored {
  figures: Figures;
  /** Fast-responder events and how many were labelled scanner (pooled across seeds below). */
  fast: { total: number; scanner: number };
}

function score(generated: GeneratedCampaign, labels: Label[]): Scored {
  const figures = evaluate(generated, labels);
  return { figures, fast: { total: figures.fastHumanEvents, scanner: Math.round(figures.fastHumanAsScanner * figures.fastHumanEvents) } };
}

function sieveLabels(campaign: Campaign, ranges: RangeLookup): Label[] {
  return classifyCampaign(campaign, { ranges }).verdicts.map((verdict) => verdict.label);
}

/** The same generated campaign as an importer reads it back from an export file, truth re-aligned by record. */
function throughExport(generated: GeneratedCampaign, format: (typeof EXPORT_FORMATS)[number]): GeneratedCampaign {
  const serialized = serializeCampaign(generated, format);
  const imported = importText(serialized.text);
  expect(imported.format).toBe(format);
  expect(imported.errors).toEqual([]);
  expect(imported.campaign.events).toHaveLength(generated.campaign.events.length);
  const { campaign } = imported;
  return {
    ...generated,
    campaign,
    truth: campaign.events.map((event) => serialized.recordTruth[event.sourceIndex]!.truth),
    fastHuman: campaign.events.map((event) => serialized.recordTruth[event.sourceIndex]!.fastHuman),
    delivered: campaign.deliveredCount ?? generated.delivered,
  };
}

interface Bar {
  clickF1: number;
  openF1: number;
  fastAsScanner: number;
  clickRateError: number;
  openRateError: number;
  /** Also no more fast responders marked than any rule set (the ordinary bar; the hard bar is absolute). */
  fastNoWorseThanBaselines: boolean;
}

/** Issue 13's ordinary-set acceptance figures. */
const ORDINARY_BAR: Bar = { clickF1: 0.995, openF1: 0.98, fastAsScanner: 0.02, clickRateError: 0.4, openRateError: 0.5, fastNoWorseThanBaselines: true };
/** Issue 13's hard-set acceptance figures. */
const HARD_BAR: Bar = { clickF1: 0.97, openF1: 0.98, fastAsScanner: 0.03, clickRateError: 1.5, openRateError: 1, fastNoWorseThanBaselines: false };

function checkAcceptance(label: string, campaigns: GeneratedCampaign[], ranges: RangeLookup, bar: Bar = ORDINARY_BAR): void {
  const ours = campaigns.map((generated) => score(generated, sieveLabels(generated.campaign, ranges)));
  const baselines = Object.entries(BASELINES).map(([name, rule]) => ({
    name,
    results: campaigns.map((generated) => score(generated, rule(generated.campaign, ranges))),
  }));
  const rows = [{ name: 'scanner-sieve', results: ours }, ...baselines].map(({ name, results }) => {
    const fastTotal = results.reduce((sum, r) => sum + r.fast.total, 0);
    const fastScanner = results.reduce((sum, r) => sum + r.fast.scanner, 0);
    return {
      name,
      clickF1: Math.min(...results.map((r) => r.figures.scannerClickF1)),
      openF1: Math.min(...results.map((r) => r.figures.machineOpenF1)),
      fastAsScanner: fastTotal === 0 ? 0 : fastScanner / fastTotal,
      clickRateError: Math.max(...results.map((r) => Math.abs(r.figures.clickRate - r.figures.trueClickRate))),
      openRateError: Math.max(...results.map((r) => Math.abs(r.figures.openRate - r.figures.trueOpenRate))),
    };
  });
  console.log(
    `${label} (worst seed; fast responders pooled)\n` +
      rows
        .map(
          (r) =>
            `  ${r.name.padEnd(18)} clickF1 ${r.clickF1.toFixed(3)}  openF1 ${r.openF1.toFixed(3)}  fast→scanner ${(100 * r.fastAsScanner).toFixed(1)} %  ` +
            `click-rate err ${r.clickRateError.toFixed(2)} pt  open-rate err ${r.openRateError.toFixed(2)} pt`,
        )
        .join('\n'),
  );
  const sieve = rows[0]!;
  expect(sieve.clickF1).toBeGreaterThanOrEqual(bar.clickF1);
  expect(sieve.openF1).toBeGreaterThanOrEqual(bar.openF1);
  // ~50 fast-responder events per campaign: one person opening two tabs within a second is already 4 % of one
  // seed, so the rate is measured over all seeds together.
  expect(sieve.fastAsScanner).toBeLessThanOrEqual(bar.fastAsScanner);
  expect(sieve.clickRateError).toBeLessThanOrEqual(bar.clickRateError);
  expect(sieve.openRateError).toBeLessThanOrEqual(bar.openRateError);
  for (const baseline of rows.slice(1)) {
    expect(sieve.clickF1, baseline.name).toBeGreaterThan(baseline.clickF1);
    expect(sieve.openF1, baseline.name).toBeGreaterThan(baseline.openF1);
    expect(sieve.clickRateError, baseline.name).toBeLessThan(baseline.clickRateError);
    expect(sieve.openRateError, baseline.name).toBeLessThan(baseline.openRateError);
    // Rule sets that label almost nothing early also mislabel no fast responder; matching them is the ordinary
    // bar. On the hard set the bar is the absolute 3 %: those rule sets find almost no hard scanner.
    if (bar.fastNoWorseThanBaselines) expect(sieve.fastAsScanner, baseline.name).toBeLessThanOrEqual(baseline.fastAsScanner);
  }
}

describe.each(KINDS)('%s campaigns', (kind) => {
  const campaigns = SEEDS.map((seed) => generateCampaign({ seed, kind }));

  it('meet the acceptance figures and beat every published rule set (bundled ranges)', () => {
    checkAcceptance(`${kind}, direct, bundled ranges`, campaigns, bundled);
  });

  it('meet them with the independent test ranges too', () => {
    checkAcceptance(`${kind}, direct, test ranges`, campaigns, testRanges);
  });

  it.each(EXPORT_FORMATS)('meet them read back from a %s export', (format) => {
    checkAcceptance(`${kind}, via ${format}`, campaigns.map((generated) => throughExport(generated, format)), bundled);
  });
});

describe('robustness: scanners mostly on networks no list knows', () => {
  // The bundled ranges will always lag; with 40 % of listed vendors' fetches coming from unknown networks
  // (instead of the generator's 12 %), breadth, timing and session signals still carry the figures.
  it.each(['b2b', 'mixed'] as const)('%s campaigns still meet the acceptance figures', (kind) => {
    const campaigns = SEEDS.map((seed) => generateCampaign({ seed, kind, unlistedScannerShare: 0.4 }));
    checkAcceptance(`${kind}, 40 % unlisted scanner networks`, campaigns, bundled);
  });
});

describe('hard campaigns (issue 13: paced bursts, single-link scans, generic cloud egress, modern agents, shared egress, re-scans; fast, multi-link, Outlook, Zscaler and Private Relay people)', () => {
  // Seeds other than the calibration fit's (11–30, test/scripts/fit-calibration.ts) and the ordinary tests'.
  const HARD_SEEDS = [404, 505, 606];
  it.each(KINDS)('%s campaigns meet the hard figures directly and read back from a CSV export', (kind) => {
    const campaigns = HARD_SEEDS.map((seed) => generateCampaign({ seed, kind, behaviours: HARD_BEHAVIOURS }));
    checkAcceptance(`${kind}, hard, direct`, campaigns, bundled, HARD_BAR);
    checkAcceptance(`${kind}, hard, via csv`, campaigns.map((generated) => throughExport(generated, 'csv')), bundled, HARD_BAR);
  });

  it('leaves quick readers (a link every 5–15 s) and people whose browser sends the scanner’s own agent alone, and still catches the paced and modern-agent sweeps', () => {
    const runs = KINDS.flatMap((kind) =>
      HARD_SEEDS.map((seed) => {
        const generated = generateCampaign({ seed, kind, behaviours: HARD_BEHAVIOURS });
        return { generated, labels: classifyCampaign(generated.campaign, { ranges: bundled }).verdicts.map((verdict) => verdict.label) };
      }),
    );
    const byTag = new Map(figuresByTag(runs).map((figures) => [figures.tag, figures]));
    for (const tag of ['multi-link-clicker click', 'same-agent-as-scanner click', 'same-agent-as-scanner open', 'fast-responder click', 'fast-responder open']) {
      const figures = byTag.get(tag)!;
      expect(figures.people, tag).toBeGreaterThan(40);
      expect(figures.wronged / figures.people, tag).toBeLessThanOrEqual(0.01);
    }
    for (const tag of ['paced-burst click', 'modern-agent click', 'shared-egress click']) {
      const figures = byTag.get(tag)!;
      expect(figures.caught / figures.machines, tag).toBeGreaterThanOrEqual(0.995);
    }
  });
});
