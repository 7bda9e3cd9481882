// @vitest-environment jsdom
// A report rendered by a web component keeps its rows in an open shadow root: they are read and marked, and rows
// the component adds later (inside the shadow root, where the document's observer never looks) are marked too.
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { startRecordedRunner } from './fake-worker';

const PAGE = `<!doctype html><html lang="en"><body><h1>Activity</h1><activity-table></activity-table>
<script>
  customElements.define('activity-table', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = '<table><thead><tr><th>Event</th><th>Recipient</th><th>Time</th><th>IP</th></tr></thead><tbody>' +
        '<tr id="r1"><td>Opened</td><td>ann@example.org</td><td>2026-12-05 10:00:00 UTC</td><td>81.2.69.160</td></tr>' +
        '<tr id="r2"><td>Clicked</td><td>ann@example.org</td><td>2026-12-05 10:02:00 UTC</td><td>81.2.69.160</td></tr></tbody></table>';
    }
    addRow() {
      const row = document.createElement('tr');
      row.id = 'r3';
      row.innerHTML = '<td>Opened</td><td>bo@example.org</td><td>2026-12-05 12:00:00 UTC</td><td>81.2.69.161</td>';
      this.shadowRoot.querySelector('tbody').append(row);
    }
  });
</script></body></html>`;

it('reads and marks a report inside a shadow root, and the rows it adds later', async () => {
  const dom = new JSDOM(PAGE, { url: 'https://app.sendgrid.com/email_activity', runScripts: 'dangerously', pretendToBeVisual: true });
  const doc = dom.window.document;
  const host = doc.querySelector('activity-table') as HTMLElement & { addRow(): void };
  const { runner, runs, runAfter } = startRecordedRunner(doc);
  const label = (id: string) => host.shadowRoot!.getElementById(id)?.getAttribute(LABEL_ATTRIBUTE) ?? null;
  try {
    await runner.rescan();
    expect([label('r1'), label('r2')]).toEqual(['human', 'human']);
    const next = runAfter(runs.length);
    host.addRow();
    await next;
    expect(label('r3')).toBe('human');
  } finally {
    runner.stop();
    dom.window.close();
  }
});
