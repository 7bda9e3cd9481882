// @vitest-environment jsdom
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp, type PopupTab } from '../../src/popup/App';
import { popupView, sitePatternFor } from '../../src/popup/popup-state';
import type { TabReport } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, mergeSettingsChanges, type Settings } from '../../src/shared/settings';
import { formatCount, formatRate } from '../../src/ui/format';
import { BROADCAST_CHANNEL } from '../../src/shared/messages';
import { byTestId, installFakeWorker, waitFor, type FakeWorker } from '../ui/fixtures/fake-worker';
import { realisticCampaign, realisticReport } from '../ui/fixtures/realistic-campaign';

const READER_PATTERNS = ['https://app.sendgrid.com/email_activity*'];
const SUPPORTED = ['SendGrid: Email Activity (the feed and a message’s event panel)'];
const SENDGRID_TAB: PopupTab = { id: 7, url: 'https://app.sendgrid.com/email_activity' };
const report = realisticReport();
const noSleep = { sleep: () => Promise.resolve(), baseDelayMs: 0 };

let worker: FakeWorker | undefined;
let settings: Settings;
const mounted: HTMLElement[] = [];

function newRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  mounted.push(root);
  return root;
}

function mount(tab: PopupTab | undefined, tabReports: TabReport[]) {
  settings = structuredClone(DEFAULT_SETTINGS);
  let call = 0;
  worker = installFakeWorker({
    'get-settings': () => settings,
    'save-settings': ({ settings: changes }) => (settings = mergeSettingsChanges(settings, changes)),
    // Successive polls see the next state, the last one repeating.
    'get-tab-report': () => tabReports[Math.min(call++, tabReports.length - 1)]!,
    'list-user-ranges': () => [{ id: 1, cidr: '203.0.113.0/24', label: 'Head office (Zürich)', kind: 'web-gateway', addedAt: 1 }],
  });
  const root = newRoot();
  render(<PopupApp tab={tab} readerPatterns={READER_PATTERNS} supportedPages={SUPPORTED} pollMs={5} retry={noSleep} />, root);
  return root;
}

afterEach(() => {
  // Unmount, so a popup of an earlier test stops polling.
  for (const root of mounted.splice(0)) render(null, root);
  worker?.uninstall();
  worker = undefined;
  document.body.innerHTML = '';
});

describe('popup', () => {
  it('shows the report of the tab with the summary numbers', async () => {
    const root = mount(SENDGRID_TAB, [
      { url: SENDGRID_TAB.url, esp: 'sendgrid', campaignName: 'Spring sale 2026', page: { state: 'ready' }, report },
    ]);
    await waitFor(() => byTestId(root, 'state-ready'));
    expect(worker!.callsOf('get-tab-report')).toEqual([{ tabId: 7 }]);
    expect(byTestId(root, 'campaign-name').textContent).toBe('Spring sale 2026');
    expect(byTestId(root, 'raw-open-rate').textContent).toBe(formatRate(report.summary.raw.openRate));
    expect(byTestId(root, 'qualified-open-rate').textContent).toBe(formatRate(report.summary.qualified.openRate));
    expect(byTestId(root, 'raw-click-rate').textContent).toBe(formatRate(report.summary.raw.clickRate));
    expect(byTestId(root, 'qualified-click-rate').textContent).toBe(formatRate(report.summary.qualified.clickRate));
    expect(byTestId(root, 'count-scanner').textContent).toBe(formatCount(report.summary.byLabel.scanner));
    expect(byTestId(root, 'count-proxy').textContent).toBe(formatCount(report.summary.byLabel.proxy));
    expect(byTestId(root, 'delivered-count').textContent).toBe(formatCount(report.summary.delivered!));
    // The first screen: the headline for the mode, the counts, the exports; the rest folds.
    expect(byTestId(root, 'headline-opens').textContent).toBe(formatCount(report.summary.qualified.uniqueOpens));
    expect(byTestId(root, 'export-csv')).toBeTruthy();
    expect(byTestId(root, 'fold-rates').tagName).toBe('DETAILS');
    expect(byTestId(root, 'state-announcement').textContent).toBe(
      `Report ready for Spring sale 2026: people open rate ${formatRate(report.summary.qualified.openRate)}.`,
    );
  });

  it('says when the report could not be stored (full disk), with the history size and a way to free space', async () => {
    const storageProblem = { kind: 'quota' as const, message: 'QuotaExceededError', historyBytes: 190 * 1024 * 1024, historyCapBytes: 200 * 1024 * 1024 };
    const root = mount(SENDGRID_TAB, [{ url: SENDGRID_TAB.url, esp: 'sendgrid', page: { state: 'ready' }, report, storageProblem }]);
    await waitFor(() => byTestId(root, 'state-ready'));
    expect(byTestId(root, 'storage-banner').textContent).toContain('storage is full (history 190 MB, cap 200 MB)');
    // The labels are still shown: the report is there.
    expect(byTestId(root, 'raw-open-rate').textContent).toBe(formatRate(report.summary.raw.openRate));
    const create = vi.spyOn(browser.tabs, 'create');
    byTestId(root, 'free-space').click();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/src\/options\/index\.html#data$/) });
    create.mockRestore();
  });

  it('says a page is not supported, lists the supported pages and adds the site with its permission', async () => {
    const tab = { id: 3, url: 'https://mail.example.com/reports/42' };
    const root = mount(tab, [{}]);
    await waitFor(() => byTestId(root, 'state-unsupported'));
    expect(byTestId(root, 'supported-pages').textContent).toContain('SendGrid: Email Activity');
    const request = vi.spyOn(browser.permissions, 'request');
    byTestId(root, 'add-site').click();
    await waitFor(() => expect(settings.customSites).toEqual(['https://mail.example.com/*']));
    expect(request).toHaveBeenCalledWith({ origins: ['https://mail.example.com/*'] });
    expect(await browser.permissions.contains({ origins: ['https://mail.example.com/*'] })).toBe(true);
    await waitFor(() => expect(byTestId(root, 'status').textContent).toContain('Reload the page'));
    byTestId(root, 'reload-page');
    request.mockRestore();
  });

  it('changes nothing when the site permission is refused', async () => {
    const root = mount({ id: 4, url: 'https://esp.example.net/stats' }, [{}]);
    await waitFor(() => byTestId(root, 'add-site'));
    const request = vi.spyOn(browser.permissions, 'request').mockResolvedValue(false);
    byTestId(root, 'add-site').click();
    await waitFor(() => expect(byTestId(root, 'status').textContent).toContain('was not granted'));
    expect(worker!.callsOf('save-settings')).toEqual([]);
    request.mockRestore();
  });

  it('says no table was found with the page’s list of supported pages', async () => {
    const root = mount(SENDGRID_TAB, [
      { url: SENDGRID_TAB.url, page: { state: 'no-table', supportedPages: ['Mailchimp: click performance'] } },
    ]);
    await waitFor(() => byTestId(root, 'state-no-table'));
    expect(byTestId(root, 'supported-pages').textContent).toBe('Mailchimp: click performance');
  });

  it('shows reading progress, then the report when the page is read', async () => {
    const root = mount(SENDGRID_TAB, [
      { url: SENDGRID_TAB.url, page: { state: 'reading', done: 400, total: 1000 } },
      { url: SENDGRID_TAB.url, page: { state: 'reading', done: 400, total: 1000 } },
      { url: SENDGRID_TAB.url, page: { state: 'ready' }, report, campaignName: 'Spring sale 2026' },
    ]);
    await waitFor(() => byTestId(root, 'state-reading'));
    const progress = byTestId(root, 'reading-progress') as HTMLProgressElement;
    expect(progress.value).toBe(400);
    expect(progress.max).toBe(1000);
    expect(root.textContent).toContain('400 of 1,000 rows read');
    expect(byTestId(root, 'state-announcement').textContent).toBe('Reading the report… 25%');
    await waitFor(() => byTestId(root, 'state-ready'));
    expect(byTestId(root, 'count-human').textContent).toBe(formatCount(report.summary.byLabel.human));
  });

  it('waits on a supported page whose reader has not reported yet', async () => {
    const root = mount(SENDGRID_TAB, [{}, {}, { url: SENDGRID_TAB.url, page: { state: 'ready' }, report }]);
    await waitFor(() => byTestId(root, 'state-waiting'));
    await waitFor(() => byTestId(root, 'state-ready'));
    expect(worker!.callsOf('get-tab-report').length).toBeGreaterThanOrEqual(3);
  });

  it('follows the page while open: more rows read later update the numbers', async () => {
    const firstPage = realisticReport({ ...realisticCampaign(), events: realisticCampaign().events.slice(0, 40) });
    const root = mount(SENDGRID_TAB, [
      { url: SENDGRID_TAB.url, page: { state: 'ready' }, report: firstPage, updatedAt: 1 },
      { url: SENDGRID_TAB.url, page: { state: 'ready' }, report: firstPage, updatedAt: 1 },
      { url: SENDGRID_TAB.url, page: { state: 'ready' }, report, updatedAt: 2 },
    ]);
    await waitFor(() => expect(byTestId(root, 'count-scanner').textContent).toBe(formatCount(firstPage.summary.byLabel.scanner)));
    expect(firstPage.summary.byLabel.scanner).not.toBe(report.summary.byLabel.scanner);
    await waitFor(() => expect(byTestId(root, 'count-scanner').textContent).toBe(formatCount(report.summary.byLabel.scanner)));
  });

  it('puts the people numbers first in filter mode and the reported ones in log-only mode, and follows a settings broadcast at once', async () => {
    const root = mount(SENDGRID_TAB, [{ url: SENDGRID_TAB.url, page: { state: 'ready' }, report, updatedAt: 1 }]);
    await waitFor(() => byTestId(root, 'headline'));
    expect(byTestId(root, 'headline-opens').textContent).toBe(formatCount(report.summary.qualified.uniqueOpens));
    expect(byTestId(root, 'headline').textContent).toMatch(/^People/);
    // The options page saves log-only; the worker broadcasts; the popup re-reads without waiting for a poll.
    settings = { ...settings, mode: 'log-only' };
    const calls = worker!.callsOf('get-settings').length;
    (browser.runtime as unknown as { __dispatch(message: unknown, sender: unknown): unknown }).__dispatch(
      { channel: BROADCAST_CHANNEL, type: 'settings-changed', payload: { settings } },
      { id: browser.runtime.id },
    );
    await waitFor(() => expect(byTestId(root, 'headline-opens').textContent).toBe(formatCount(report.summary.raw.uniqueOpens)));
    expect(byTestId(root, 'headline').textContent).toMatch(/^Reported/);
    expect(worker!.callsOf('get-settings').length).toBeGreaterThan(calls);
  });

  it('keeps the report on screen when a later refresh finds the worker gone', async () => {
    settings = structuredClone(DEFAULT_SETTINGS);
    worker = installFakeWorker({
      'get-settings': () => settings,
      'get-tab-report': () => ({ url: SENDGRID_TAB.url, page: { state: 'ready' }, report, updatedAt: 1 }),
    });
    const original = browser.runtime.sendMessage;
    let tabReportCalls = 0;
    // After the first answer the worker is gone: the runtime rejects, as it does while a worker restarts.
    browser.runtime.sendMessage = (async (message: unknown) => {
      if ((message as { type?: string }).type === 'get-tab-report' && ++tabReportCalls > 1) {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return original(message);
    }) as typeof browser.runtime.sendMessage;
    try {
      const root = newRoot();
      render(<PopupApp tab={SENDGRID_TAB} readerPatterns={READER_PATTERNS} supportedPages={SUPPORTED} pollMs={5} retry={noSleep} />, root);
      await waitFor(() => byTestId(root, 'state-ready'));
      await waitFor(() => expect(tabReportCalls).toBeGreaterThan(8));
      expect(root.querySelector('[data-testid="state-restarting"], [data-testid="state-error"]')).toBeNull();
      expect(byTestId(root, 'count-scanner').textContent).toBe(formatCount(report.summary.byLabel.scanner));
    } finally {
      browser.runtime.sendMessage = original;
    }
  });

  it('shows the page’s error message', async () => {
    const root = mount(SENDGRID_TAB, [
      { url: SENDGRID_TAB.url, page: { state: 'error', message: 'The table has no time column, so timing cannot be judged.' } },
    ]);
    await waitFor(() => byTestId(root, 'state-error'));
    expect(byTestId(root, 'error-message').textContent).toBe('The table has no time column, so timing cannot be judged.');
  });

  it('says the worker is restarting while it does not answer, then shows the report', async () => {
    const original = browser.runtime.sendMessage;
    let failures = 2;
    let releaseRetry: () => void = () => undefined;
    browser.runtime.sendMessage = (async (message: unknown) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return original(message);
    }) as typeof browser.runtime.sendMessage;
    settings = structuredClone(DEFAULT_SETTINGS);
    worker = installFakeWorker({
      'get-settings': () => settings,
      'get-tab-report': () => ({ url: SENDGRID_TAB.url, page: { state: 'ready' }, report }),
    });
    const root = newRoot();
    const gate = () => new Promise<void>((resolve) => (releaseRetry = resolve));
    try {
      render(<PopupApp tab={SENDGRID_TAB} readerPatterns={READER_PATTERNS} supportedPages={SUPPORTED} retry={{ sleep: gate }} />, root);
      await waitFor(() => expect(byTestId(root, 'state-restarting').textContent).toContain('attempt 2'));
      releaseRetry();
      await waitFor(() => expect(byTestId(root, 'state-restarting').textContent).toContain('attempt 3'));
      releaseRetry();
      await waitFor(() => byTestId(root, 'state-ready'));
    } finally {
      browser.runtime.sendMessage = original;
    }
  });

  it('gives a clear error when the worker refuses', async () => {
    worker = installFakeWorker({
      'get-settings': () => {
        throw new Error('settings store is unavailable');
      },
    });
    const root = newRoot();
    render(<PopupApp tab={SENDGRID_TAB} readerPatterns={READER_PATTERNS} supportedPages={SUPPORTED} retry={noSleep} />, root);
    await waitFor(() => expect(byTestId(root, 'error-message').textContent).toBe('settings store is unavailable'));
  });

  it('toggles the in-page labels on the tab and saves the choice', async () => {
    const sent: unknown[] = [];
    const sendToTab = vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) => {
      sent.push(args);
      return undefined;
    });
    const root = mount(SENDGRID_TAB, [{ url: SENDGRID_TAB.url, page: { state: 'ready' }, report }]);
    await waitFor(() => byTestId(root, 'toggle-marks'));
    const toggle = byTestId(root, 'toggle-marks') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    toggle.click();
    await waitFor(() => expect(settings.showMarks).toBe(false));
    expect(sent).toEqual([[7, { channel: 'scanner-sieve/v1', type: 'set-marks-visible', payload: { visible: false } }]]);
    await waitFor(() => expect((byTestId(root, 'toggle-marks') as HTMLInputElement).checked).toBe(false));
    sendToTab.mockRestore();
  });

  it('opens the demo report in a new tab', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    const root = mount(undefined, [{}]);
    byTestId(root, 'open-demo').click();
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://scanner-sieve-test/src/demo/index.html' });
    create.mockRestore();
  });
});

describe('popupView', () => {
  it('decides the state from the page state first, then the report, then the URL', () => {
    expect(popupView({}, 'https://example.com/', READER_PATTERNS)).toEqual({ kind: 'unsupported' });
    expect(popupView({}, 'https://app.sendgrid.com/email_activity?x=1', READER_PATTERNS)).toEqual({ kind: 'waiting' });
    expect(popupView({ report }, undefined, READER_PATTERNS)).toEqual({ kind: 'ready' });
    expect(popupView({ report, page: { state: 'reading', done: 1, total: 2 } }, undefined, [])).toEqual({
      kind: 'reading',
      done: 1,
      total: 2,
    });
    expect(popupView({ page: { state: 'error', message: 'x' }, report }, undefined, [])).toEqual({ kind: 'error', message: 'x' });
  });

  it('offers only https sites for "add this site"', () => {
    expect(sitePatternFor('https://mail.example.com:8443/a?b')).toBe('https://mail.example.com/*');
    expect(sitePatternFor('http://mail.example.com/')).toBeUndefined();
    expect(sitePatternFor('chrome://extensions')).toBeUndefined();
    expect(sitePatternFor(undefined)).toBeUndefined();
  });
});
