// @vitest-environment jsdom
import { render } from 'preact';
import { describeReason } from '../../src/classifier/reasons';
import { ReportView, topReasonCodes } from '../../src/ui/components/Report';
import { formatCount, formatPoints, formatRate, rateDifferencePoints } from '../../src/ui/format';
import { LABELS } from '../../src/shared/types';
import { byTestId } from './fixtures/fake-worker';
import { realisticReport } from './fixtures/realistic-campaign';

const report = realisticReport();
const { summary } = report;

function mount(node: preact.ComponentChild) {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

describe('ReportView', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the raw and qualified rates of the summary side by side with the difference in points', () => {
    const root = mount(<ReportView report={report} campaignName="Spring sale 2026" esp="sendgrid" source="page" />);
    const pairs = [
      ['open-rate', summary.raw.openRate, summary.qualified.openRate],
      ['click-rate', summary.raw.clickRate, summary.qualified.clickRate],
      ['click-to-open-rate', summary.raw.clickToOpenRate, summary.qualified.clickToOpenRate],
    ] as const;
    for (const [id, raw, qualified] of pairs) {
      expect(byTestId(root, `raw-${id}`).textContent).toBe(formatRate(raw));
      expect(byTestId(root, `qualified-${id}`).textContent).toBe(formatRate(qualified));
      expect(byTestId(root, `diff-${id}`).textContent).toBe(`${formatPoints(rateDifferencePoints(raw, qualified))} pts`);
    }
    expect(byTestId(root, 'raw-open-rate').textContent).toBe('86.7%');
    expect(byTestId(root, 'campaign-name').textContent).toBe('Spring sale 2026');
    expect(byTestId(root, 'delivered-count').textContent).toBe(formatCount(summary.delivered!));
  });

  it('shows counts by label and by vendor exactly as the summary has them', () => {
    const root = mount(<ReportView report={report} source="page" />);
    for (const label of LABELS) {
      expect(byTestId(root, `count-${label}`).textContent).toBe(formatCount(summary.byLabel[label]));
    }
    expect(Object.keys(summary.byVendor).length).toBeGreaterThan(0);
    for (const [vendor, count] of Object.entries(summary.byVendor)) {
      expect(byTestId(root, `vendor-${vendor}`).textContent).toBe(formatCount(count));
    }
    expect(root.textContent).toContain('Microsoft 365');
  });

  it('shows recipients by mail host only when the lookup added them', () => {
    const without = mount(<ReportView report={report} source="page" />);
    expect(without.querySelector('[data-testid^="mailhost-"]')).toBeNull();
    const withHosts = { ...report, summary: { ...summary, byMailHost: { microsoft365: 12, google: 10, other: 21 } } };
    const root = mount(<ReportView report={withHosts} source="page" />);
    expect(byTestId(root, 'mailhost-microsoft365').textContent).toBe('12');
    expect(byTestId(root, 'mailhost-other').textContent).toBe('21');
    expect(root.textContent).toContain('Microsoft 365');
    const order = [...root.querySelectorAll<HTMLElement>('[data-testid^="mailhost-"]')].map((cell) => cell.dataset.testid);
    expect(order).toEqual(['mailhost-other', 'mailhost-microsoft365', 'mailhost-google']);
  });

  it('lists the top reasons in plain words, most frequent first', () => {
    const root = mount(<ReportView report={report} source="page" topReasons={3} />);
    const items = [...root.querySelectorAll<HTMLElement>('[data-reason]')];
    const expected = topReasonCodes(summary.byReason, 3);
    expect(items.map((item) => item.dataset.reason)).toEqual(expected.map(([code]) => code));
    items.forEach((item, at) => {
      const [code, count] = expected[at]!;
      expect(item.textContent).toContain(describeReason(code));
      expect(item.querySelector('[data-testid="reason-count"]')!.textContent).toBe(`${formatCount(count)} events`);
    });
  });

  it('draws one stacked bar segment per band and label, summing to every timed event, with a text alternative', () => {
    const root = mount(<ReportView report={report} source="page" />);
    const histogram = byTestId(root, 'timing-histogram');
    const svg = histogram.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const labelledBy = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(labelledBy.map((id) => document.getElementById(id)?.textContent ?? '')).toEqual([
      'When events happened after delivery',
      expect.stringContaining('log scale'),
    ]);
    const segmentTotal = [...svg.querySelectorAll('rect.bar')].reduce((sum, rect) => {
      const count = Number(/: ([\d,]+) /.exec(rect.querySelector('title')!.textContent!)![1]!.replace(/,/g, ''));
      return sum + count;
    }, 0);
    expect(segmentTotal).toBe(summary.timing.length);
    // The same numbers as a table, for people who cannot see the chart.
    const tableTotal = [...histogram.querySelectorAll('details tbody td')].reduce(
      (sum, cell) => sum + Number(cell.textContent!.replace(/,/g, '')),
      0,
    );
    expect(tableTotal).toBe(summary.timing.length);
  });

  it('lists every link with raw and people clicks, and warns about scanner unsubscribes', () => {
    const root = mount(<ReportView report={report} source="page" />);
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="link-row"]')];
    expect(rows).toHaveLength(summary.links.length);
    for (const row of rows) {
      const link = summary.links.find((candidate) => candidate.url === row.dataset.url)!;
      expect(row.querySelector('[data-testid="link-raw-clicks"]')!.textContent).toBe(formatCount(link.rawClicks));
      expect(row.querySelector('[data-testid="link-qualified-clicks"]')!.textContent).toBe(formatCount(link.qualifiedClicks));
    }
    expect(summary.scannerUnsubscribes).toBeGreaterThan(0);
    expect(byTestId(root, 'unsubscribe-warning').textContent).toContain(`${summary.scannerUnsubscribes} unsubscribe link clicks`);
  });

  it('has no unsubscribe warning when no scanner unsubscribed, and shows the link-floor basis on aggregate pages', () => {
    const aggregate = {
      verdicts: [],
      summary: {
        ...summary,
        scannerUnsubscribes: 0,
        links: [{ url: 'https://a.example/x', rawClicks: 700, qualifiedClicks: 210, rawUniqueClicks: 500, qualifiedUniqueClicks: 180, estimated: true }],
        linkFloor: { scannerShare: 0.7, basis: 'the least-clicked link drew 180 unique clicks' },
      },
    };
    const root = mount(<ReportView report={aggregate} source="page" />);
    expect(root.querySelector('[data-testid="unsubscribe-warning"]')).toBeNull();
    expect(byTestId(root, 'link-floor').textContent).toContain('Estimated 70% of clicks came from scanners');
    expect(byTestId(root, 'link-floor').textContent).toContain('the least-clicked link drew 180 unique clicks');
    expect(byTestId(root, 'link-qualified-clicks').textContent).toBe('≈ 210');
  });

  it('copies the plain-text summary to the clipboard and says so', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    const root = mount(<ReportView report={report} campaignName="Spring sale 2026" source="page" />);
    byTestId(root, 'copy-summary').click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Campaign “Spring sale 2026”');
    expect(written[0]).toContain(`${formatRate(summary.qualified.openRate)} from people`);
    expect(byTestId(root, 'actions-status').textContent).toBe('Summary copied to the clipboard.');
  });

  it('exports the events CSV as a download named after the campaign', () => {
    const created: Blob[] = [];
    const clicked: string[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test/1';
    };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    try {
      const root = mount(<ReportView report={report} campaignName="Spring sale 2026" source="page" />);
      byTestId(root, 'export-csv').click();
      byTestId(root, 'export-json').click();
      expect(clicked).toEqual(['scanner-sieve-spring-sale-2026-events.csv', 'scanner-sieve-spring-sale-2026-summary.json']);
      expect(created[0]!.type).toBe('text/csv;charset=utf-8');
      expect(created[1]!.type).toBe('application/json');
    } finally {
      click.mockRestore();
    }
  });
});
