// @vitest-environment jsdom
// The popup says which campaign the page shows and how the reader knew, and answers "no opens or clicks yet"
// for a report table without events, from the page state the content script sends.
import { render } from 'preact';
import { PopupApp, type PopupTab } from '../../src/popup/App';
import { popupView } from '../../src/popup/popup-state';
import type { TabReport } from '../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { byTestId, installFakeWorker, waitFor, type FakeWorker } from '../ui/fixtures/fake-worker';
import { realisticReport } from '../ui/fixtures/realistic-campaign';

const TAB: PopupTab = { id: 3, url: 'https://app.sendgrid.com/email_activity?filters=spring' };
const PATTERNS = ['https://app.sendgrid.com/email_activity*'];
const identity = { key: 'sendgrid:app.sendgrid.com/email_activity|filters=Spring sale', label: 'Spring sale', how: "subject filter 'Spring sale' in the address" };
let worker: FakeWorker | undefined;
const roots: HTMLElement[] = [];

function mount(tabReport: TabReport): HTMLElement {
  worker = installFakeWorker({ 'get-settings': () => structuredClone(DEFAULT_SETTINGS), 'get-tab-report': () => tabReport });
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(<PopupApp tab={TAB} readerPatterns={PATTERNS} supportedPages={[]} pollMs={5} retry={{ sleep: () => Promise.resolve(), baseDelayMs: 0 }} />, root);
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) render(null, root);
  worker?.uninstall();
  worker = undefined;
});

describe('page status in the popup', () => {
  it('says "No opens or clicks on this page yet" with the campaign it saw', async () => {
    const root = mount({ url: TAB.url, esp: 'sendgrid', identity, page: { state: 'no-events' } });
    await waitFor(() => byTestId(root, 'state-no-events'));
    expect(byTestId(root, 'page-state-sentence')!.textContent).toBe('No opens or clicks on this page yet');
    expect(byTestId(root, 'campaign-identity')!.textContent).toContain('Campaign: Spring sale');
    expect(byTestId(root, 'campaign-identity-how')!.textContent).toBe("Found from subject filter 'Spring sale' in the address.");
  });

  it('names the campaign and how it was found above the report', async () => {
    const root = mount({ url: TAB.url, esp: 'sendgrid', identity, page: { state: 'ready' }, report: realisticReport() });
    await waitFor(() => byTestId(root, 'state-ready'));
    expect(byTestId(root, 'campaign-identity')!.textContent).toContain('Spring sale');
  });

  it('maps the page state no-events to its own view', () => {
    expect(popupView({ page: { state: 'no-events' } }, TAB.url, PATTERNS)).toEqual({ kind: 'no-events' });
  });
});
