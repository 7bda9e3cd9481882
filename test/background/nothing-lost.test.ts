// Issue 12 (and issue 9 point 8): ways the worker used to lose data, each reproduced through the worker's own
// handler map on fake-indexeddb: concurrent writers of one campaign, concurrent settings saves from two pages,
// a full disk, an unbounded history, a settings change that left stored reports stale.
import browser from 'webextension-polyfill';
import { closeSieveDb, getPageRows, listAuditRecords, openSieveDb } from '../../src/background/db';
import { envelope, type Reply } from '../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { Campaign, EngagementEvent } from '../../src/shared/types';

type FakeRuntime = { __dispatch(message: unknown, sender: unknown): Promise<Reply<never>> | undefined };
const runtime = browser.runtime as unknown as FakeRuntime;
const OWN_ID = browser.runtime.id;
const POPUP = { id: OWN_ID, url: browser.runtime.getURL('src/popup/index.html') };
const OPTIONS = { id: OWN_ID, url: browser.runtime.getURL('src/options/index.html') };
const contentOn = (url: string, tabId: number) => ({ id: OWN_ID, url, tab: { id: tabId, url } });

(globalThis as Record<string, unknown>).__SIEVE_E2E__ = false;
(globalThis as Record<string, unknown>).__SIEVE_BROWSER__ = 'chrome';

const sent = Date.parse('2026-03-10T14:00:00Z');
const DESKTOP_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** One page of a paginated activity report: `count` readers opening over the afternoon, from home addresses. */
function activityPage(first: number, count: number, name = 'Spring sale'): { campaign: Campaign; rowKeys: string[] } {
  const events: EngagementEvent[] = Array.from({ length: count }, (_, k) => {
    const n = first + k;
    return {
      type: 'open',
      sourceIndex: k,
      recipient: `reader${n}@example${n % 40}.org`,
      timestamp: sent + (600 + n * 37) * 1000,
      ip: `81.${(n >> 8) & 255}.${n & 255}.${1 + (n % 200)}`,
      userAgent: DESKTOP_CHROME,
    };
  });
  return { campaign: { name, sentAt: sent, deliveredCount: 5000, events }, rowKeys: events.map((_, k) => `row-${first + k}`) };
}

async function sendRows(campaignKey: string, first: number, count: number, tabId: number, name?: string) {
  const url = `https://app.sendgrid.com/email_activity?campaign=${encodeURIComponent(campaignKey)}&page=${first}`;
  const { campaign, rowKeys } = activityPage(first, count, name);
  return (await runtime.__dispatch(
    envelope('page-rows', { url, esp: 'sendgrid', pageKind: 'activity', campaignKey, campaign, rowKeys }),
    contentOn(url, tabId),
  )) as Reply<'page-rows'>;
}

async function ask<T extends Parameters<typeof envelope>[0]>(type: T, payload: Parameters<typeof envelope<T>>[1], sender = OPTIONS) {
  const reply = (await runtime.__dispatch(envelope(type, payload), sender)) as Reply<T>;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

let main: typeof import('../../src/background/main');

beforeAll(async () => {
  main = await import('../../src/background/main');
});

describe('two tabs, one campaign (issue 9 point 8)', () => {
  it('stores 600 rows when two tabs send 300 rows each of the same campaign at once', async () => {
    const [left, right] = await Promise.all([sendRows('sendgrid:spring', 0, 300, 21), sendRows('sendgrid:spring', 300, 300, 22)]);
    expect(left.ok && right.ok).toBe(true);
    const stored = await getPageRows('sendgrid:spring');
    expect(Object.keys(stored?.rows ?? {})).toHaveLength(600);
    // The later of the two answers covers both tabs' rows.
    const counts = [left, right].map((reply) => (reply.ok ? reply.value.accumulatedRows : 0)).sort((a, b) => a - b);
    expect(counts).toEqual([300, 600]);
  });
});

describe('two pages, one setting (issue 12 point 3)', () => {
  it('keeps both changes when the popup and the options page save different fields at once', async () => {
    // Each page saves only the field it changed, as the popup and the options page now do.
    await Promise.all([
      ask('save-settings', { settings: { showMarks: false } }, POPUP),
      ask('save-settings', { settings: { mode: 'log-only' } }, OPTIONS),
      ask('save-settings', { settings: { classifier: { burstWindowSeconds: 3 } } }, OPTIONS),
    ]);
    await main.settingsApplied;
    const stored = await ask('get-settings', {});
    expect(stored.showMarks).toBe(false);
    expect(stored.mode).toBe('log-only');
    expect(stored.classifier.burstWindowSeconds).toBe(3);
    // The rest of the classifier group is untouched by a partial save.
    expect(stored.classifier.machineThreshold).toBe(DEFAULT_SETTINGS.classifier.machineThreshold);
    await ask('save-settings', { settings: DEFAULT_SETTINGS });
    await main.settingsApplied;
  });

  it('broadcasts the saved settings to open pages', async () => {
    const heard: unknown[] = [];
    const sendMessage = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      heard.push(message);
      return undefined;
    });
    try {
      await ask('save-settings', { settings: { showMarks: false } }, POPUP);
      await main.settingsApplied;
      expect(heard).toContainEqual(
        expect.objectContaining({ type: 'settings-changed', payload: { settings: expect.objectContaining({ showMarks: false }) } }),
      );
    } finally {
      sendMessage.mockRestore();
      await ask('save-settings', { settings: { showMarks: true } }, POPUP);
      await main.settingsApplied;
    }
  });
});

describe('a settings change re-applies to stored reports (issue 11 point 9, worker side)', () => {
  it('re-classifies the stored rows of an accumulated report and the tab showing it', async () => {
    // A reader who clicked a hidden honeypot link: human until the user lists the honeypot.
    const url = 'https://app.sendgrid.com/email_activity?campaign=honeypot';
    const campaign: Campaign = {
      name: 'Honeypot check',
      sentAt: sent,
      events: [{ type: 'click', sourceIndex: 0, recipient: 'ana@contoso.com', timestamp: sent + 3_600_000, ip: '81.2.69.142', userAgent: DESKTOP_CHROME, url: 'https://shop.example.com/hp-trap/1' }],
    };
    const first = (await runtime.__dispatch(
      envelope('page-rows', { url, esp: 'sendgrid', pageKind: 'activity', campaignKey: 'sendgrid:honeypot', campaign, rowKeys: ['h0'] }),
      contentOn(url, 31),
    )) as Reply<'page-rows'>;
    expect(first.ok && first.value.report.summary.qualified.uniqueClicks).toBe(1);

    await ask('save-settings', { settings: { classifier: { honeypotPatterns: ['/hp-trap/'] } } });
    await main.settingsApplied;

    const audit = (await listAuditRecords()).find((record) => record.id === 'page:sendgrid:honeypot');
    expect(audit?.summary.qualified.uniqueClicks).toBe(0);
    const tab = await ask('get-tab-report', { tabId: 31 }, POPUP);
    expect(tab.report?.verdicts[0]?.label).toBe('scanner');
    expect(tab.report?.verdicts[0]?.reasons).toContain('honeypot');
    await ask('save-settings', { settings: { classifier: { honeypotPatterns: [] } } });
    await main.settingsApplied;
  });
});

describe('a full disk (issue 12 point 2)', () => {
  it('labels the page first and says the history could not be stored, with its size', async () => {
    await sendRows('sendgrid:before-full', 0, 50, 41, 'Earlier report');
    // The disk fills up: every write to the accumulated rows fails the way browsers fail it.
    const put = IDBObjectStore.prototype.put;
    const failing = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'pageRows') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    let reply: Reply<'page-rows'>;
    try {
      reply = await sendRows('sendgrid:full-disk', 0, 120, 42, 'Report on a full disk');
    } finally {
      failing.mockRestore();
    }
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    // Every row still has its label.
    expect(reply.value.rowVerdicts).toHaveLength(120);
    expect(reply.value.rowVerdicts.map((verdict) => verdict.sourceIndex)).toEqual(Array.from({ length: 120 }, (_, k) => k));
    expect(reply.value.rowVerdicts.every((verdict) => ['human', 'suspect', 'scanner', 'proxy'].includes(verdict.label))).toBe(true);
    expect(reply.value.storageProblem).toMatchObject({ kind: 'quota', historyCapBytes: DEFAULT_SETTINGS.history.capMegabytes * 1024 * 1024 });
    expect(reply.value.storageProblem!.historyBytes).toBeGreaterThan(0);
    // Nothing half-written: neither the rows nor the history record of the failed report.
    expect(await getPageRows('sendgrid:full-disk')).toBeUndefined();
    expect((await listAuditRecords()).some((record) => record.id === 'page:sendgrid:full-disk')).toBe(false);
    // The popup gets the problem with the tab's report; the next successful write clears it.
    const tab = await ask('get-tab-report', { tabId: 42 }, POPUP);
    expect(tab.storageProblem?.kind).toBe('quota');
    expect(tab.report?.verdicts).toHaveLength(120);
    await sendRows('sendgrid:full-disk', 120, 10, 42, 'Report on a full disk');
    expect((await ask('get-tab-report', { tabId: 42 }, POPUP)).storageProblem).toBeUndefined();
  });
});

describe('history cap (issue 12 point 2)', () => {
  beforeAll(async () => {
    await ask('clear-history', {});
  });

  it('prunes the oldest unpinned reports to stay under the cap, never a pinned one, and says what it removed', async () => {
    // Six reports of ~1.2 MB each (3,000 rows), the oldest pinned.
    for (let k = 0; k < 6; k++) {
      await sendRows(`sendgrid:campaign-${k}`, k * 10_000, 3000, 50 + k, `Campaign ${k}`);
      if (k === 0) await ask('pin-audit', { id: 'page:sendgrid:campaign-0', pinned: true });
    }
    const before = await ask('history-status', {});
    expect(before.reports).toBe(6);
    expect(before.pinned).toBe(1);
    const perReport = before.historyBytes / 6;
    expect(perReport).toBeGreaterThan(500_000);

    // The user lowers the cap to 5 MB: ~4 reports fit; the oldest unpinned go first.
    await ask('save-settings', { settings: { history: { capMegabytes: 5 } } });
    await main.settingsApplied;
    const after = await ask('history-status', {});
    expect(after.historyBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    const kept = (await ask('list-audits', {})).map((record) => record.campaignName).sort();
    expect(kept).toContain('Campaign 0'); // pinned, oldest of all
    expect(kept).toContain('Campaign 5'); // newest
    expect(kept).not.toContain('Campaign 1'); // oldest unpinned
    expect(after.lastPruned?.names[0]).toBe('Campaign 1');
    expect(after.lastPruned?.reports).toBe(6 - kept.length);
    // The pruned report's rows are gone with it (they would otherwise count unseen).
    expect(await getPageRows('sendgrid:campaign-1')).toBeUndefined();

    // Writing more at the cap keeps pruning, still never the pinned report.
    await sendRows('sendgrid:campaign-6', 60_000, 3000, 56, 'Campaign 6');
    const names = (await ask('list-audits', {})).map((record) => record.campaignName);
    expect(names).toContain('Campaign 0');
    expect(names).toContain('Campaign 6');
    expect((await ask('history-status', {})).historyBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    await ask('save-settings', { settings: { history: { capMegabytes: DEFAULT_SETTINGS.history.capMegabytes } } });
    await main.settingsApplied;
  });
});

afterAll(async () => {
  await closeSieveDb();
  await openSieveDb(); // leave the default connection usable for later files in this worker thread
});
