// The fields other areas read off a verdict and a summary: the ESP's own flag beside our label, events with
// nothing to judge, Gmail's own checker, click-to-open bounds and the ESP's counters passed through.
import { existsSync, readFileSync } from 'node:fs';
import { classifyCampaign } from '../../src/classifier';
import { importText } from '../../src/importers';
import { getBundledIndex } from '../../src/ranges';
import type { Campaign, EngagementEvent } from '../../src/shared/types';
import { testRanges } from './test-ranges';

const SENT = Date.UTC(2026, 9, 14, 14, 0, 0);
const at = (seconds: number) => SENT + seconds * 1000;
const CHROME_NOW = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36';
const GMAIL_CHECKER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0';
const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';

function campaignOf(events: Array<Omit<EngagementEvent, 'sourceIndex'>>, extra: Partial<Campaign> = {}): Campaign {
  return { sentAt: SENT, ...extra, events: events.map((event, i) => ({ ...event, sourceIndex: i })) };
}

describe("the ESP's flag beside our label", () => {
  const report = classifyCampaign(
    campaignOf([
      // SendGrid's sg_machine_open on an Apple prefetch: both say machine.
      { type: 'open', recipient: 'a@icloud.com', timestamp: at(300), ip: '172.225.77.9', userAgent: 'Mozilla/5.0', sourceBotHint: 'true' },
      // The ESP calls a person's late desktop open a bot: we disagree.
      { type: 'open', recipient: 'b@home.net', timestamp: at(9000), ip: '73.2.2.2', userAgent: CHROME_NOW, sourceBotHint: 'true' },
      // The ESP says "not a bot" on a python script: we disagree the other way.
      { type: 'click', recipient: 'c@corp.com', timestamp: at(40), ip: '81.3.3.3', userAgent: 'python-requests/2.31.0', url: 'https://l/1', sourceBotHint: 'false' },
      // No flag: no espFlag.
      { type: 'open', recipient: 'd@home.net', timestamp: at(7000), ip: '73.4.4.4', userAgent: CHROME_NOW },
    ]),
    { ranges: testRanges },
  );

  it('copies the flag and says whether our label agrees', () => {
    expect(report.verdicts[0]).toMatchObject({ label: 'proxy', espFlag: { flag: 'true', agrees: true } });
    expect(report.verdicts[1]!.label).not.toBe('scanner');
    expect(report.verdicts[1]!.espFlag).toEqual({ flag: 'true', agrees: false });
    expect(report.verdicts[2]).toMatchObject({ label: 'scanner', espFlag: { flag: 'false', agrees: false } });
    expect(report.verdicts[3]!.espFlag).toBeUndefined();
  });
});

describe('events that carry nothing to judge', () => {
  it('stay human and are marked unjudged; an event with any field is judged', () => {
    const report = classifyCampaign(
      campaignOf([
        { type: 'click', recipient: 'a@corp.com', url: 'https://l/1' },
        { type: 'open', recipient: 'b@corp.com' },
        { type: 'open', recipient: 'c@corp.com', userAgent: CHROME_NOW },
        { type: 'open', recipient: 'd@corp.com', sourceBotHint: 'false' },
      ]),
      { ranges: testRanges },
    );
    expect(report.verdicts.map((v) => [v.label, v.unjudged === true])).toEqual([
      ['human', true],
      ['human', true],
      ['human', false],
      ['human', false],
    ]);
  });
});

describe("Gmail's own checker", () => {
  it('is a machine seconds after send, while the image proxy is the person opening', () => {
    const report = classifyCampaign(
      campaignOf([
        { type: 'open', recipient: 'a@gmail.com', timestamp: at(4), ip: '66.102.8.40', userAgent: GMAIL_CHECKER },
        { type: 'open', recipient: 'a@gmail.com', timestamp: at(4000), ip: '66.249.84.10', userAgent: GMAIL_PROXY },
      ]),
      { ranges: testRanges },
    );
    expect(report.verdicts[0]).toMatchObject({ label: 'scanner', vendor: 'google' });
    expect(report.verdicts[0]!.reasons).toContain('bot-ua');
    expect(report.verdicts[1]!.label).toBe('human');
  });

  const marketo = '../shared/external-samples/exports/marketo/fivetran-dbt_marketo-activity_open_email_data.csv';
  it.skipIf(!existsSync(marketo))('finds the four checker opens in the real Marketo export and nothing else by that agent', () => {
    const imported = importText(readFileSync(marketo, 'utf8'));
    const report = classifyCampaign(imported.campaign, { ranges: getBundledIndex() });
    const checker = imported.campaign.events.map((event) => (event.userAgent ?? '').includes('Edge/12.246'));
    expect(checker.filter(Boolean)).toHaveLength(4);
    report.verdicts.forEach((verdict, i) => {
      if (checker[i]) expect(verdict.label).toBe('scanner');
    });
  });
});

describe('click-to-open and delivered', () => {
  it('counts a clicker whose open was not seen as an opener, so click-to-open never passes 100 %', () => {
    const report = classifyCampaign(
      campaignOf(
        [
          { type: 'click', recipient: 'a@home.net', timestamp: at(5000), ip: '73.1.1.1', userAgent: CHROME_NOW, url: 'https://l/1' },
          { type: 'click', recipient: 'b@home.net', timestamp: at(6000), ip: '73.2.2.2', userAgent: CHROME_NOW, url: 'https://l/1' },
          { type: 'open', recipient: 'b@home.net', timestamp: at(5900), ip: '73.2.2.2', userAgent: CHROME_NOW },
        ],
        { deliveredCount: 10 },
      ),
      { ranges: testRanges },
    );
    expect(report.summary.qualified.uniqueOpens).toBe(1);
    expect(report.summary.qualified.uniqueClicks).toBe(2);
    expect(report.summary.qualified.clickToOpenRate).toBe(1);
    expect(report.summary.raw.clickToOpenRate).toBe(1);
  });

  it('leaves click-to-open undefined when the source has no click events', () => {
    const report = classifyCampaign(campaignOf([{ type: 'open', recipient: 'a@home.net', timestamp: at(5000), ip: '73.1.1.1', userAgent: CHROME_NOW }], { deliveredCount: 5 }));
    expect(report.summary.qualified.openRate).toBe(0.2);
    expect(report.summary.qualified.clickToOpenRate).toBeUndefined();
    expect(report.summary.raw.clickToOpenRate).toBeUndefined();
  });

  it('never reports fewer delivered than the recipients who engaged', () => {
    const events = ['a', 'b', 'c'].map((name, k) => ({ type: 'open' as const, recipient: `${name}@home.net`, timestamp: at(5000 + k), ip: `73.1.1.${k + 1}`, userAgent: CHROME_NOW }));
    const report = classifyCampaign(campaignOf(events, { deliveredCount: 2 }));
    expect(report.summary.delivered).toBe(3);
    expect(report.summary.qualified.openRate).toBe(1);
  });

  it("copies the ESP's own counters to the summary unchanged", () => {
    const espTotals = { recipients: 38, delivered: 37, opens: 61, uniqueOpens: 20, clicks: 9, uniqueClicks: 4 };
    const report = classifyCampaign(campaignOf([], { espTotals }));
    expect(report.summary.espTotals).toEqual(espTotals);
  });
});
