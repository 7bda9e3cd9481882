// @vitest-environment jsdom
// The bundled demo report runs the same reader, runner and marks as the content script: every engagement row
// of the fictional campaign is marked, and the scanners, proxies and people it was written to show get the
// labels the conventions call for.
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { demoAdapter } from '../../src/adapters/generic';
import { startPageRunner } from '../../src/content/page-runner';
import { LABEL_ATTRIBUTE, REASONS_ATTRIBUTE } from '../../src/content/marks';
import { buildDemoReport, DEMO_ROWS, DEMO_SENT_AT } from '../../src/demo/report-data';
import { createFakeWorker } from './fake-worker';

it('marks the demo report: sweeps as scanners, MPP as proxy, image-proxy opens and later visits as people', async () => {
  const dom = new JSDOM('<!doctype html><main><div id="report"></div></main>', { url: 'chrome-extension://sieve/src/demo/index.html' });
  const doc = dom.window.document;
  buildDemoReport(doc, doc.getElementById('report')!);
  const worker = createFakeWorker();
  const runner = startPageRunner({ doc, transport: worker, adapterFor: () => demoAdapter });
  try {
    const result = await runner.rescan();
    expect(result.outcome).toBe('marked');
    const sent = worker.sentRows[0]!;
    expect(sent.esp).toBe('demo');
    expect(sent.campaign.sentAt).toBe(DEMO_SENT_AT);
    expect(sent.campaign.deliveredCount).toBe(240);
    expect(sent.campaign.name).toBe('Spring launch — Email activity');
    const engagement = DEMO_ROWS.filter((row) => row.event !== 'Delivered');
    expect(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(engagement.length);

    const rowsOf = (recipient: string, event: string, ip: string) =>
      Array.from(doc.querySelectorAll('tbody tr')).filter(
        (row) => row.children[0]!.textContent === recipient && row.children[1]!.textContent === event && row.children[3]!.textContent === ip,
      );
    const label = (row: Element) => row.getAttribute(LABEL_ATTRIBUTE);
    const reasons = (row: Element) => (row.getAttribute(REASONS_ATTRIBUTE) ?? '').split(';');
    // Safe Links sweep seconds after the send, then the lawyer herself from her office network.
    for (const row of rowsOf('martha.gale@brambleandco-legal.example', 'Clicked', '40.94.88.201')) expect(label(row)).toBe('scanner');
    for (const row of rowsOf('martha.gale@brambleandco-legal.example', 'Clicked', '81.2.69.160')) expect(label(row)).toBe('human');
    // Apple MPP prefetch is a proxy; the same person's Safari click through iCloud Private Relay is a person.
    for (const row of rowsOf('ella.moreau@icloud.example', 'Opened', '146.75.134.17')) {
      expect(label(row)).toBe('proxy');
      expect(reasons(row)).toContain('mpp-ua');
    }
    for (const row of rowsOf('ella.moreau@icloud.example', 'Clicked', '146.75.134.21')) expect(label(row)).toBe('human');
    // Gmail's image proxy fetches when the person opens: human, with the reason saying so.
    const gmailOpen = rowsOf('priya.nair@gmail.example', 'Opened', '66.249.84.70')[0]!;
    expect(label(gmailOpen)).toBe('human');
    expect(reasons(gmailOpen)).toContain('image-proxy:gmail');
    // A headless browser clicking nine seconds after the send.
    expect(label(rowsOf('j.osei@northgate-insure.example', 'Clicked', '3.250.12.9')[0]!)).toBe('scanner');
    const summary = doc.querySelector('[data-sieve-summary]')!.shadowRoot!.textContent ?? '';
    expect(summary).toContain('Open rate');
  } finally {
    runner.stop();
  }
});
