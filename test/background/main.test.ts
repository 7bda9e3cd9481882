// The worker's handler map, driven through the (fake) runtime the way the browser drives it: a content script
// on an ESP page, the popup, and strangers. Uses fake-indexeddb (loaded by test/setup/unit.ts).
import browser from 'webextension-polyfill';
import { CHANNEL, envelope, type Reply } from '../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { Campaign } from '../../src/shared/types';

type FakeRuntime = { __dispatch(message: unknown, sender: unknown): Promise<Reply<never>> | undefined };
const runtime = browser.runtime as unknown as FakeRuntime;
const OWN_ID = browser.runtime.id;
const POPUP = { id: OWN_ID, url: browser.runtime.getURL('src/popup/index.html') };
const contentOn = (url: string, tabId: number) => ({ id: OWN_ID, url, tab: { id: tabId, url } });

// Globals the build defines.
(globalThis as Record<string, unknown>).__SIEVE_E2E__ = false;
(globalThis as Record<string, unknown>).__SIEVE_BROWSER__ = 'chrome';

const sent = Date.parse('2025-03-04T15:00:00Z');
const at = (seconds: number) => sent + seconds * 1000;

/** One page of a SendGrid activity report: a Safe Links burst on one recipient, a person reading later. */
function pageOne(): Campaign {
  return {
    name: 'March webinar invite',
    sentAt: sent,
    deliveredCount: 200,
    events: [
      { type: 'open', sourceIndex: 0, recipient: 'kim@contoso.com', timestamp: at(9), ip: '40.94.33.10', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36' },
      { type: 'click', sourceIndex: 1, recipient: 'kim@contoso.com', timestamp: at(41), ip: '40.94.33.10', url: 'https://acme.test/webinar', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36' },
      { type: 'click', sourceIndex: 2, recipient: 'kim@contoso.com', timestamp: at(41.4), ip: '40.94.33.10', url: 'https://acme.test/agenda', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36' },
      { type: 'click', sourceIndex: 3, recipient: 'kim@contoso.com', timestamp: at(41.9), ip: '40.94.33.10', url: 'https://acme.test/privacy', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36' },
      { type: 'open', sourceIndex: 4, recipient: 'lee@example.org', timestamp: at(5400), ip: '81.2.69.142', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15' },
    ],
  };
}

function pageTwo(): Campaign {
  return {
    sentAt: sent,
    events: [
      { type: 'click', sourceIndex: 0, recipient: 'lee@example.org', timestamp: at(5460), ip: '81.2.69.142', url: 'https://acme.test/webinar', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15' },
    ],
  };
}

beforeAll(async () => {
  await import('../../src/background/main');
});

describe('background handler map', () => {
  it('answers a ping from the popup and from a content script', async () => {
    const fromPopup = await runtime.__dispatch(envelope('ping', {}), POPUP);
    expect(fromPopup).toEqual({ ok: true, value: { version: '0.0.0-test' } });
    const fromPage = await runtime.__dispatch(envelope('ping', {}), contentOn('https://app.sendgrid.com/email_activity', 7));
    expect(fromPage?.ok).toBe(true);
  });

  it('ignores messages of other channels and refuses strangers', async () => {
    expect(runtime.__dispatch({ hello: 'world' }, POPUP)).toBeUndefined();
    const stranger = await runtime.__dispatch(envelope('list-audits', {}), { id: 'other-extension', url: 'chrome-extension://other/x.html' });
    expect(stranger).toEqual({ ok: false, error: 'sender may not send list-audits' });
    const privileged = await runtime.__dispatch(envelope('clear-history', {}), contentOn('https://app.sendgrid.com/', 7));
    expect(privileged?.ok).toBe(false);
    const malformed = await runtime.__dispatch({ channel: CHANNEL, type: 'page-rows', payload: { url: 5 } }, contentOn('https://app.sendgrid.com/', 7));
    expect(malformed).toEqual({ ok: false, error: 'invalid payload for page-rows' });
  });

  it('classifies page rows, accumulates pagination, and serves the tab report to the popup', async () => {
    const url = 'https://app.sendgrid.com/email_activity?page=1';
    const first = (await runtime.__dispatch(
      envelope('page-rows', { url, esp: 'sendgrid', pageKind: 'activity', campaignKey: 'sendgrid:webinar', campaign: pageOne(), rowKeys: ['r0', 'r1', 'r2', 'r3', 'r4'] }),
      contentOn(url, 11),
    )) as Reply<'page-rows'>;
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.rowVerdicts.map((v) => v.sourceIndex)).toEqual([0, 1, 2, 3, 4]);
    // The three-link burst from Microsoft's Safe Links space is a scanner; the reader an hour later is not.
    expect(first.value.rowVerdicts.slice(1, 4).map((v) => v.label)).toEqual(['scanner', 'scanner', 'scanner']);
    expect(first.value.rowVerdicts[4]?.label).toBe('human');
    expect(first.value.accumulatedRows).toBe(5);

    const second = (await runtime.__dispatch(
      envelope('page-rows', { url: 'https://app.sendgrid.com/email_activity?page=2', esp: 'sendgrid', pageKind: 'activity', campaignKey: 'sendgrid:webinar', campaign: pageTwo(), rowKeys: ['r5'] }),
      contentOn(url, 11),
    )) as Reply<'page-rows'>;
    expect(second.ok && second.value.accumulatedRows).toBe(6);
    expect(second.ok && second.value.rowVerdicts.map((v) => v.sourceIndex)).toEqual([0]);
    expect(second.ok && second.value.report.summary.qualified.uniqueClicks).toBe(1);
    expect(second.ok && second.value.report.summary.raw.uniqueClicks).toBe(2);

    const tab = (await runtime.__dispatch(envelope('get-tab-report', { tabId: 11 }), POPUP)) as Reply<'get-tab-report'>;
    expect(tab.ok && tab.value.report?.summary.raw.uniqueClicks).toBe(2);
    expect(tab.ok && tab.value.accumulatedRows).toBe(6);

    const audits = (await runtime.__dispatch(envelope('list-audits', {}), POPUP)) as Reply<'list-audits'>;
    expect(audits.ok && audits.value.map((a) => a.id)).toContain('page:sendgrid:webinar');
  });

  it('records page states such as "no table found" for the popup', async () => {
    const url = 'https://app.sendgrid.com/settings';
    await runtime.__dispatch(envelope('page-state', { url, state: { state: 'no-table', supportedPages: ['SendGrid Email Activity'] } }), contentOn(url, 12));
    const tab = (await runtime.__dispatch(envelope('get-tab-report', { tabId: 12 }), POPUP)) as Reply<'get-tab-report'>;
    expect(tab.ok && tab.value.page).toEqual({ state: 'no-table', supportedPages: ['SendGrid Email Activity'] });
  });

  it('saves sanitized settings and applies strictness to later classifications', async () => {
    const saved = (await runtime.__dispatch(
      envelope('save-settings', { settings: { ...DEFAULT_SETTINGS, classifier: { ...DEFAULT_SETTINGS.classifier, strict: true, machineThreshold: 7 } } }),
      POPUP,
    )) as Reply<'save-settings'>;
    expect(saved.ok && saved.value.classifier.strict).toBe(true);
    expect(saved.ok && saved.value.classifier.machineThreshold).toBe(DEFAULT_SETTINGS.classifier.machineThreshold);
    const loaded = (await runtime.__dispatch(envelope('get-settings', {}), POPUP)) as Reply<'get-settings'>;
    expect(loaded.ok && loaded.value.classifier.strict).toBe(true);
  });

  it('classifies an imported export into the history, and deletes and clears it', async () => {
    const imported = (await runtime.__dispatch(
      envelope('classify-import', { campaign: { ...pageOne(), esp: 'sendgrid' }, fileName: 'activity.csv', format: 'sendgrid-csv' }),
      POPUP,
    )) as Reply<'classify-import'>;
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    let audits = (await runtime.__dispatch(envelope('list-audits', {}), POPUP)) as Reply<'list-audits'>;
    expect(audits.ok && audits.value.find((a) => a.id === imported.value.auditId)?.campaignName).toBe('March webinar invite');
    await runtime.__dispatch(envelope('delete-audit', { id: imported.value.auditId }), POPUP);
    audits = (await runtime.__dispatch(envelope('list-audits', {}), POPUP)) as Reply<'list-audits'>;
    expect(audits.ok && audits.value.some((a) => a.id === imported.value.auditId)).toBe(false);
    await runtime.__dispatch(envelope('clear-history', {}), POPUP);
    audits = (await runtime.__dispatch(envelope('list-audits', {}), POPUP)) as Reply<'list-audits'>;
    expect(audits.ok && audits.value).toEqual([]);
  });

  it('classifies a big import sent in chunks exactly like the same campaign in one message', async () => {
    const whole = { ...pageOne(), esp: 'sendgrid' };
    const single = (await runtime.__dispatch(envelope('classify-import', { campaign: whole, fileName: 'a.json', format: 'sendgrid-webhook' }), POPUP)) as Reply<'classify-import'>;
    const [first, second, ...rest] = whole.events;
    const chunk1 = (await runtime.__dispatch(envelope('import-chunk', { importId: 'imp-1', events: [first!, second!] }), POPUP)) as Reply<'import-chunk'>;
    expect(chunk1).toEqual({ ok: true, value: { buffered: 2 } });
    const chunked = (await runtime.__dispatch(
      envelope('classify-import', { campaign: { ...whole, events: rest }, fileName: 'a.json', format: 'sendgrid-webhook', importId: 'imp-1' }),
      POPUP,
    )) as Reply<'classify-import'>;
    expect(chunked.ok && single.ok).toBe(true);
    if (!chunked.ok || !single.ok) return;
    expect(chunked.value.report.verdicts).toEqual(single.value.report.verdicts);
    // The buffer is gone once used: naming it again is refused with a reason a person can act on.
    const again = (await runtime.__dispatch(
      envelope('classify-import', { campaign: { ...whole, events: [] }, fileName: 'a.json', format: 'sendgrid-webhook', importId: 'imp-1' }),
      POPUP,
    )) as Reply<'classify-import'>;
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error).toMatch(/import the file again/);
  });

  it('looks up IPs in the bundled ranges and in user ranges', async () => {
    const microsoft = (await runtime.__dispatch(envelope('lookup-ip', { ip: '40.94.33.10' }), POPUP)) as Reply<'lookup-ip'>;
    expect(microsoft.ok && microsoft.value?.vendor).toBe('microsoft');
    const added = (await runtime.__dispatch(envelope('add-user-range', { cidr: '198.51.100.0/24', label: 'Our QA sandbox', kind: 'scanner' }), POPUP)) as Reply<'add-user-range'>;
    expect(added.ok).toBe(true);
    const mine = (await runtime.__dispatch(envelope('lookup-ip', { ip: '198.51.100.77' }), POPUP)) as Reply<'lookup-ip'>;
    expect(mine.ok && mine.value?.kind).toBe('scanner');
    const info = (await runtime.__dispatch(envelope('dataset-info', {}), POPUP)) as Reply<'dataset-info'>;
    expect(info.ok && info.value.userRangeCount).toBe(1);
    expect(info.ok && info.value.prefixCount).toBeGreaterThan(20);
  });
});
