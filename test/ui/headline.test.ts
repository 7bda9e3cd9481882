// The numbers a marketer repeats: the headline follows the mode (filter = people first, log only = reported
// first) everywhere it is printed, click-to-open never exceeds 100 % and is "—" without clicks, the delivered
// count is never below the engaged recipients, and the ESP's own totals are shown beside ours with coverage.
import { describe, expect, it } from 'vitest';
import type { CampaignReport } from '../../src/shared/types';
import { buildClientSummaryText, buildSummaryJson } from '../../src/ui/report-export';
import { clickToOpenText, deliveredAtLeastEngaged, espTotalsText, headlineOf, learnedText, NO_VALUE } from '../../src/ui/headline';
import { emptySummary } from '../setup/summary';

const summary = emptySummary({
  delivered: 38,
  totalEvents: 90,
  raw: { uniqueOpens: 30, uniqueClicks: 12, openRate: 30 / 38, clickRate: 12 / 38, clickToOpenRate: 12 / 30 },
  qualified: { uniqueOpens: 9, uniqueClicks: 3, openRate: 9 / 38, clickRate: 3 / 38, clickToOpenRate: 3 / 9 },
  byLabel: { human: 20, scanner: 40, proxy: 25, suspect: 5 },
  qualifiedRanges: { level: 0.95, openRate: [0.2, 0.27] },
  espTotals: { opens: 61, recipients: 38 },
  learned: { burstWindowSeconds: 6, burstWindowSource: 'learned', machineBand: { fromSeconds: 20, toSeconds: 240 }, basis: 'from 412 gaps' },
});

describe('headline by mode', () => {
  it('filter: the people numbers are the headline and the reported ones the aside', () => {
    const headline = headlineOf(summary, 'filter');
    expect(headline.title).toMatch(/^People/);
    expect(headline.figures.find((figure) => figure.id === 'opens')!.value).toBe('9');
    expect(headline.figures.find((figure) => figure.id === 'open-rate')!.value).toBe('23.7% (20.0–27.0%)');
    expect(headline.aside).toBe('Reported: 30 opens (78.9%), 12 clicks');
  });

  it('log only: the reported numbers stay the headline and the people numbers are the aside', () => {
    const headline = headlineOf(summary, 'log-only');
    expect(headline.title).toMatch(/^Reported/);
    expect(headline.figures.find((figure) => figure.id === 'opens')!.value).toBe('30');
    expect(headline.aside).toBe('Of these, people: 9 opens (23.7%), 3 clicks');
  });

  it('the exports follow the mode too', () => {
    const report: CampaignReport = { verdicts: [], summary };
    expect(buildClientSummaryText(report, 'Spring', 'filter').split('\n')[1]).toMatch(/^People .*unique opens 9/);
    expect(buildClientSummaryText(report, 'Spring', 'log-only').split('\n')[1]).toMatch(/^Reported numbers .*unique opens 30/);
    const json = JSON.parse(buildSummaryJson(summary, { source: 'page', generatedAt: 0, mode: 'log-only' }));
    expect(json.mode).toBe('log-only');
    expect(json.headline.figures[0]).toEqual({ id: 'opens', name: 'Unique opens', value: '30' });
  });
});

describe('rates that add up', () => {
  it('click-to-open never shows above 100 % and is "—" without clicks', () => {
    expect(clickToOpenText({ uniqueOpens: 5, uniqueClicks: 10, clickToOpenRate: 2 })).toBe('100.0%');
    expect(clickToOpenText({ uniqueOpens: 10, uniqueClicks: 4, clickToOpenRate: 0.4 })).toBe('40.0%');
    expect(clickToOpenText({ uniqueOpens: 10, uniqueClicks: 0 })).toBe(NO_VALUE);
    // A clicks-only page: every clicker counts as an opener (the classifier's rule), so 100 %, not "—".
    expect(clickToOpenText({ uniqueOpens: 0, uniqueClicks: 4, clickToOpenRate: 1 })).toBe('100.0%');
  });

  it('never shows fewer delivered than recipients seen engaging', () => {
    expect(deliveredAtLeastEngaged({ ...summary, delivered: 20 })).toBe(30);
    expect(deliveredAtLeastEngaged(summary)).toBe(38);
    expect(deliveredAtLeastEngaged({ ...summary, delivered: undefined })).toBeUndefined();
  });

  it('shows the ESP’s own totals as reported by the ESP, with how much of them the rows cover', () => {
    expect(espTotalsText(summary)).toBe('Reported by the ESP: 38 recipients, 61 opens · the rows read here hold 30 of their 61 opens');
    expect(espTotalsText(emptySummary())).toBeUndefined();
  });

  it('says what the classifier learned from the campaign', () => {
    expect(learnedText(summary.learned)).toBe('in this campaign, machine bursts: links ≤ 6 s apart, 20 s–4 min after delivery');
  });
});
