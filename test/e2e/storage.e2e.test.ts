// Issue 12 in real browsers (Chromium and Firefox ESR, real IndexedDB): nothing the extension stores is lost to
// an update, to two pages saving settings at once, or to two tabs sending rows of one campaign at once; and an
// ESP page cannot detect the extension through web-accessible resources; and a full disk still leaves the page
// labelled, with the popup saying why the report was not kept and how to free space.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import { REFRESH_ORIGINS } from '../../src/ranges/official-sources';
import type { StorageProblem, TabReport } from '../../src/shared/messages';
import { browsersUnderTest, type BrowserName, type ExtensionBrowser } from './harness/browsers';
import { findFixturePages } from './harness/fixture-server';
import {
  APPLE_ONLY_ADDRESS,
  GOOGLE_LISTS_CREATED,
  MICROSOFT_ONLY_ADDRESS,
  OFFICIAL_HOSTS,
  makeOfficialListCopies,
  serveOfficialListCopies,
} from './harness/official-lists';
import {
  EXTENSION_DIRS,
  FIXTURE_ROOTS,
  askWorker,
  askWorkerValue as ask,
  openExtensionPage,
  readMarks,
  startLoopbackEnvironment,
  useBrowserRun,
  waitFor,
  withGrantedSites,
  type LoopbackEnvironment,
  type WorkerReply as Reply,
} from './harness/session';

const BROWSERS: BrowserName[] = browsersUnderTest();
const APPLE_EGRESS = 'https://mask-api.icloud.com/egress-ip-ranges.csv';

/** A static saved SendGrid page (no script of its own) with the labels its rows must get. */
const SENDGRID_PAGE = findFixturePages(FIXTURE_ROOTS).find(
  (page) =>
    page.url !== undefined &&
    new URL(page.url).hostname === 'app.sendgrid.com' &&
    (page.expected?.rows.length ?? 0) > 0 &&
    !readFileSync(page.absolutePath, 'utf8').includes('<script'),
);

let env: LoopbackEnvironment;

beforeAll(async () => {
  env = await startLoopbackEnvironment();
});

afterAll(async () => {
  await env?.close();
});

/**
 * Sends `count` open rows of one SendGrid campaign as the content script does (a page-rows message from the page
 * at `?page=<first>`), from an extension page; returns the worker's reply.
 */
async function sendPageRows(from: Page, campaignKey: string, first: number, count: number): Promise<Reply<{ accumulatedRows: number }>> {
  return from.evaluate(
    async (key, firstRow, rowCount) => {
      const runtime =
        (globalThis as unknown as { browser?: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).browser?.runtime ??
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime;
      const sent = Date.parse('2026-03-10T14:00:00Z');
      const events = Array.from({ length: rowCount }, (_, k) => ({
        type: 'open',
        sourceIndex: k,
        recipient: `reader${firstRow + k}@example${(firstRow + k) % 40}.org`,
        timestamp: sent + (600 + (firstRow + k) * 37) * 1000,
        ip: `81.2.${(firstRow + k) & 255}.${1 + ((firstRow + k) % 200)}`,
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      }));
      return runtime.sendMessage({
        channel: 'scanner-sieve/v1',
        type: 'page-rows',
        payload: {
          url: `https://app.sendgrid.com/email_activity?page=${firstRow}`,
          esp: 'sendgrid',
          pageKind: 'activity',
          campaignKey: key,
          campaign: { name: 'Two tabs', sentAt: sent, deliveredCount: 5000, events },
          rowKeys: events.map((_, k) => `row-${firstRow + k}`),
        },
      });
    },
    campaignKey,
    first,
    count,
  ) as Promise<Reply<{ accumulatedRows: number }>>;
}

/**
 * Arms the e2e write fault (src/background/e2e-hooks.ts): the worker's next `count` IndexedDB writes to the
 * report stores throw the browser's QuotaExceededError. The worker closes the hook tab once armed.
 */
async function failReportWrites(session: ExtensionBrowser, count: number): Promise<void> {
  const hook = await session.browser.newPage();
  await hook.goto(env.server.localUrl(`https://app.sendgrid.com/__sieve_e2e__/fail-writes?count=${count}`), { waitUntil: 'load' });
  await waitFor(`the worker to arm ${count} failing writes (it closes the hook tab)`, async () =>
    (await session.browser.pages()).includes(hook) ? undefined : true,
  );
}

/** The newest source date of the bundled data, one day later: a download newer than what this version ships. */
function dayAfterBundled(): string {
  const newest = BUNDLED_ENTRIES.reduce((latest, entry) => (entry.date > latest ? entry.date : latest), '');
  return new Date(Date.parse(newest) + 86_400_000).toISOString().slice(0, 10);
}

describe.each(BROWSERS)('%s: stored data survives', (name) => {
  const run = useBrowserRun(name, () => env);

  it('exposes no web-accessible resource: an ESP page cannot fetch anything of the extension', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIRS[name], 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
    const page = await run.session.browser.newPage();
    try {
      await page.goto(env.server.localUrl('https://app.sendgrid.com/email_activity'), { waitUntil: 'load' });
      // Every file the build ships, the content script's chunks included (crxjs used to list those as
      // web-accessible on every ESP host, so a page could fetch them and learn the extension and its build).
      const shipped = ['manifest.json', 'content-standalone.js', ...readdirSync(join(EXTENSION_DIRS[name], 'assets')).map((file) => `assets/${file}`)];
      const fetched = await page.evaluate(async (origin, paths) => {
        const answered: string[] = [];
        for (const path of paths) {
          try {
            await fetch(`${origin}${path}`);
            answered.push(path);
          } catch {
            // Refused: not web-accessible.
          }
        }
        return answered;
      }, run.session.extensionOrigin, shipped);
      expect(shipped.length).toBeGreaterThan(5);
      expect(fetched).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps both changes when two pages save different settings at once', async () => {
    const [first, second] = await Promise.all([
      askWorker(run.control, 'save-settings', { settings: { showMarks: false } }),
      askWorker(run.control, 'save-settings', { settings: { mode: 'log-only' } }),
    ]);
    expect([first, second].every((reply) => (reply as Reply<unknown>).ok)).toBe(true);
    const stored = await ask<{ showMarks: boolean; mode: string }>(run.control, 'get-settings', {});
    expect(stored).toMatchObject({ showMarks: false, mode: 'log-only' });
    await ask(run.control, 'save-settings', { settings: { showMarks: true, mode: 'filter' } });
  });

  it('stores 600 rows when two senders deliver 300 rows each of one campaign at once', async () => {
    await ask(run.control, 'clear-history', {});
    const replies = await Promise.all([sendPageRows(run.control, 'sendgrid:two-tabs', 0, 300), sendPageRows(run.control, 'sendgrid:two-tabs', 300, 300)]);
    const counts = replies.map((reply) => (reply.ok ? reply.value.accumulatedRows : -1));
    expect(counts.sort((a, b) => a - b)).toEqual([300, 600]);
  });

  it('labels a page on a full disk, keeps the labels, and the popup says so with the history size and "Free space…"', async () => {
    expect(SENDGRID_PAGE, 'a static saved app.sendgrid.com page with expected rows').toBeDefined();
    const fixture = SENDGRID_PAGE!;
    await ask(run.control, 'clear-history', {});
    // One stored report, so the banner's size is a real figure.
    expect(await sendPageRows(run.control, 'sendgrid:before-the-disk-filled', 0, 200)).toMatchObject({ ok: true, value: { accumulatedRows: 200 } });
    const before = await ask<{ reports: number; historyBytes: number }>(run.control, 'history-status', {});
    expect(before.reports).toBe(1);
    expect(before.historyBytes).toBeGreaterThan(0);
    // Every report write fails until disarmed: re-sends of the page's rows (re-renders) fail the same way.
    await failReportWrites(run.session, 1000);
    try {
      env.server.pin(fixture);
      const url = env.server.localUrl(fixture.url!);
      const page = await run.session.browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const selectors = fixture.expected!.rows.map((row) => row.rowSelector!);
      // Classify first, store after: the rows are marked with their expected labels although nothing was stored.
      const marks = await waitFor(`marks on the ${selectors.length} rows of ${fixture.file} on a full disk`, async () => {
        const read = await readMarks(page, selectors);
        return read.every((mark) => mark.label !== null) ? read : undefined;
      });
      expect(marks.map((mark) => mark.label)).toEqual(fixture.expected!.rows.map((row) => row.label));

      const popup = await openExtensionPage(run.session, env, 'popup', url);
      try {
        const tabId = Number(new URL(await popup.evaluate(() => location.href)).searchParams.get('tab'));
        expect(tabId, 'the e2e hook found the report tab').toBeGreaterThan(0);
        const problem = await waitFor('the tab report to carry the storage problem', async () => {
          const tabReport = await ask<TabReport>(run.control, 'get-tab-report', { tabId });
          return tabReport.report && tabReport.storageProblem ? tabReport.storageProblem : undefined;
        });
        expect(problem).toMatchObject({ kind: 'quota' } satisfies Partial<StorageProblem>);
        expect(problem.message).toContain('QuotaExceededError');
        // The size is the history as it stands (what the failed write would have added is not in it).
        expect(problem.historyBytes).toBe(before.historyBytes);
        expect(problem.historyCapBytes).toBeGreaterThan(0);
        // Nothing of this page was kept: the history has what it had before.
        expect((await ask<{ reports: number }>(run.control, 'history-status', {})).reports).toBe(before.reports);

        const banner = await waitFor('the popup storage banner ([data-testid="storage-banner"])', () =>
          popup.$eval('[data-testid="storage-banner"]', (element) => element.textContent ?? '').catch(() => undefined),
        );
        const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
        expect(banner).toContain('storage is full');
        expect(banner).toContain(`history ${megabytes(problem.historyBytes)} MB, cap ${megabytes(problem.historyCapBytes)} MB`);
        // The way to free space: the button opens the options page at its data section.
        const pagesBefore = new Set(await run.session.browser.pages());
        await popup.click('[data-testid="free-space"]');
        const options = await waitFor('"Free space…" to open the options page at #data', async () => {
          for (const candidate of await run.session.browser.pages()) {
            if (pagesBefore.has(candidate)) continue;
            const href = await candidate.evaluate(() => location.href).catch(() => '');
            if (href.startsWith(`${run.session.extensionOrigin}src/options/index.html`) && href.endsWith('#data')) return candidate;
          }
          return undefined;
        });
        await options.close();
      } finally {
        await popup.close();
        await page.close();
      }
    } finally {
      await failReportWrites(run.session, 0);
    }
  });

  it('keeps a refreshed dataset newer than the bundled one across an extension update', async () => {
    // The state an older version left: "Refresh from official sources" stored Apple's full list (14,000 prefixes).
    const downloadedOn = dayAfterBundled();
    const refreshed = {
      version: BUNDLED_DATASET_VERSION - 1,
      source: 'refreshed',
      fetchedAt: Date.parse(downloadedOn),
      entries: [
        {
          vendor: 'apple-icloud',
          kind: 'mail-proxy',
          tag: 'private-relay',
          // Benchmark space (RFC 2544) that no bundled entry covers, so only the download can answer for it.
          cidrs: Array.from({ length: 14_000 }, (_, k) => `198.18.${k >> 6}.${(k & 63) * 4}/30`),
          source: APPLE_EGRESS,
          date: downloadedOn,
        },
        ...BUNDLED_ENTRIES,
      ],
    };
    await run.control.evaluate(
      (dataset) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('scanner-sieve');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('dataset', 'readwrite');
            tx.objectStore('dataset').put(dataset, 'current');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      refreshed,
    );
    // The update: the new version's worker starts on the same profile and reconciles the stored dataset.
    await run.restart();
    // The worker reconciles at start; wait until it has (the version moves to this build's).
    const info = await waitFor('the worker to reconcile the stored dataset at start', async () => {
      const current = await ask<{ source: string; sourcesDate: string; prefixCount: number; version: string }>(run.control, 'dataset-info', {});
      return current.version === String(BUNDLED_DATASET_VERSION) ? current : undefined;
    });
    expect(info.source).toBe('refreshed');
    expect(info.sourcesDate).toBe(downloadedOn);
    expect(info.prefixCount).toBeGreaterThan(14_000);
    expect(info.version).toBe(String(BUNDLED_DATASET_VERSION));
    // An address only the downloaded list has is still found.
    expect(await ask<{ vendor: string } | null>(run.control, 'lookup-ip', { ip: '198.18.100.1' })).toMatchObject({ vendor: 'apple-icloud' });
    // And the user can go back to the bundled list.
    const bundled = await ask<{ source: string }>(run.control, 'use-bundled-ranges', {});
    expect(bundled.source).toBe('bundled');
  });
});

describe.each(BROWSERS)('%s: first run', (name) => {
  // The three official origins listed as granted (the state after the user accepted the permission prompt the
  // click raises, which a headless browser cannot answer): the click then goes straight to the download.
  const run = useBrowserRun(name, () => env, { extensionDir: () => withGrantedSites(EXTENSION_DIRS[name], REFRESH_ORIGINS) });

  it('shows the consent card, fetches nothing before the click, and downloads from the named sources on the click', async () => {
    const officialHosts = REFRESH_ORIGINS.map((origin) => new URL(origin.replace('/*', '/')).hostname).sort();
    const options = await openExtensionPage(run.session, env, 'options');
    try {
      // The page the install opens (the e2e build does not open it by itself; see src/background/main.ts).
      await options.evaluate(() => {
        location.href = `${location.origin}/src/options/index.html?first-run=1#ranges`;
      });
      const consent = await waitFor('the first-run consent card ([data-testid="first-run-consent"])', () =>
        options.$eval('[data-testid="first-run-consent"]', (element) => element.textContent ?? '').catch(() => undefined),
      );
      const shownAt = Date.now();
      // The sentence says what is downloaded and names the bundled list it replaces.
      expect(consent.length).toBeGreaterThan(40);
      // Nothing fetched while the card waits for the user: no attempt reaches the egress recorder.
      await new Promise((resolveWait) => setTimeout(resolveWait, 2_000));
      expect(env.egress.attemptsSince(shownAt).map((attempt) => `${attempt.method} ${attempt.target}`)).toEqual([]);
      const info = await ask<{ source: string }>(options, 'dataset-info', {});
      expect(info.source).toBe('bundled');

      const clickedAt = Date.now();
      await options.click('[data-testid="first-run-download"]');
      // The click downloads: one request to each official source. The recorder refuses them (nothing leaves
      // loopback), so the card then reports the failure and the bundled list stays.
      const attempted = await waitFor(`requests to ${officialHosts.join(', ')} after the click`, () => {
        const hosts = [...new Set(env.egress.attemptsSince(clickedAt).map((attempt) => attempt.target.replace(/:443$/, '')))].sort();
        return officialHosts.every((host) => hosts.includes(host)) ? hosts : undefined;
      });
      expect(attempted).toEqual(officialHosts);
      const status = await waitFor('the card to report the outcome ([data-testid="first-run-status"])', () =>
        options.$eval('[data-testid="first-run-status"]', (element) => element.textContent ?? '').then((text) => (text.length > 0 ? text : undefined)),
      );
      expect(status.length).toBeGreaterThan(0);
      expect((await ask<{ source: string }>(options, 'dataset-info', {})).source).toBe('bundled');
    } finally {
      await options.close();
    }
  });
});

/** Two opens of one campaign as an import sends them: one with an address only the downloaded Apple copy has. */
function importWithAppleOnlyOpen(label: string) {
  const sent = Date.parse('2026-11-24T10:00:00Z');
  return {
    fileName: `${label}.json`,
    format: 'sendgrid-webhook',
    campaign: {
      name: `First run ${label}`,
      esp: 'sendgrid',
      sentAt: sent,
      deliveredCount: 40,
      events: [
        // Apple's prefetch as some exports show it: an address, no agent. Only the relay list can tell.
        { type: 'open', sourceIndex: 0, recipient: 'ann@icloud.com', timestamp: sent + 300_000, ip: APPLE_ONLY_ADDRESS },
        {
          type: 'open',
          sourceIndex: 1,
          recipient: 'bo@example.org',
          timestamp: sent + 4_000_000,
          ip: '81.2.69.142',
          userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
        },
      ],
    },
  };
}

interface ImportVerdicts {
  auditId: string;
  report: { verdicts: Array<{ sourceIndex: number; label: string; reasons: string[] }>; summary: { byLabel: Record<string, number> } };
}

async function appleOnlyVerdict(page: Page, label: string) {
  const answer = await ask<ImportVerdicts>(page, 'classify-import', importWithAppleOnlyOpen(label));
  return { auditId: answer.auditId, verdict: answer.report.verdicts.find((verdict) => verdict.sourceIndex === 0)! };
}

/** What the options page's ranges section says is in use, and each downloaded list's row. */
async function readRangesSection(options: Page): Promise<{ inUse: string; lists: string[] }> {
  const inUse = await waitFor('the ranges section to say the official lists are in use ([data-testid="dataset-in-use"])', () =>
    options
      .$eval('[data-testid="dataset-in-use"]', (element) => element.textContent ?? '')
      .then((text) => (text.startsWith('Downloaded') ? text : undefined))
      .catch(() => undefined),
  );
  const lists = await options.$$eval('[data-testid="dataset-list"]', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent).join(' | ')));
  return { inUse, lists };
}

describe.each(BROWSERS)('%s: first run, the download succeeds', (name) => {
  // Granted as in the failure case above; the restart reloads this same copy (same extension id and storage).
  const run = useBrowserRun(name, () => env, { extensionDir: () => withGrantedSites(EXTENSION_DIRS[name], REFRESH_ORIGINS) });
  let stopServing: () => void;

  beforeAll(() => {
    // Loopback copies of the official lists under their real URLs (see harness/official-lists.ts).
    stopServing = serveOfficialListCopies(env);
  });

  afterAll(() => {
    stopServing?.();
  });

  it('downloads the official lists on the click, says so with their dates, labels an address only they have, and keeps them after a restart', async () => {
    const copies = makeOfficialListCopies();
    let options = await openExtensionPage(run.session, env, 'options');
    await options.evaluate(() => {
      location.href = `${location.origin}/src/options/index.html?first-run=1#ranges`;
    });
    await waitFor('the first-run card ([data-testid="first-run-download"])', () => options.$('[data-testid="first-run-download"]').then((button) => button ?? undefined));
    // Before the download the bundled list does not know the Apple-only address: an import of it has no relay reason.
    const before = await appleOnlyVerdict(options, 'before');
    expect(before.verdict.reasons).not.toContain('proxy-ip:apple-icloud');
    const servedBefore = env.server.requests.length;

    const clickedAt = Date.now();
    await options.click('[data-testid="first-run-download"]');
    const outcome = await waitFor('the page to report the download ([data-testid="first-run-outcome"])', () =>
      options.$eval('[data-testid="first-run-outcome"]', (element) => element.textContent ?? '').catch(() => undefined),
    );
    expect(outcome).toMatch(/^Updated: dataset \d+, [\d,]+ prefixes\.$/);
    // One request per official list, each answered from the loopback copy; nothing left loopback.
    const fetched = env.server.requests.slice(servedBefore).filter((request) => OFFICIAL_HOSTS.includes(request.host));
    expect(fetched.map((request) => `${request.host}${request.path.split('?')[0]} ${request.status}`).sort()).toEqual(
      copies.files.map((file) => `${new URL(file.url).host}${new URL(file.url).pathname} 200`).sort(),
    );
    expect(env.egress.attemptsSince(clickedAt).filter((attempt) => OFFICIAL_HOSTS.some((host) => attempt.target.startsWith(`${host}:`)))).toEqual([]);

    // The options page says the official lists are in use, each with its date: Google's as the list states it,
    // Microsoft's and Apple's the day of the download.
    const today = new Date().toISOString().slice(0, 10);
    const shown = await readRangesSection(options);
    expect(shown.inUse).toBe(`Downloaded from the official sources (lists dated ${today})`);
    expect(shown.lists).toHaveLength(copies.files.length);
    const row = (url: string) => shown.lists.find((text) => text.includes(url)) ?? `no row for ${url}`;
    const [microsoft, goog, cloud, apple] = copies.files.map((file) => row(file.url));
    expect(microsoft).toContain(`| ${today} |`);
    expect(goog).toContain(`| ${GOOGLE_LISTS_CREATED.slice(0, 10)} |`);
    expect(cloud).toContain(`| ${GOOGLE_LISTS_CREATED.slice(0, 10)} |`);
    expect(apple).toBe(`Apple Mail Privacy Protection (iCloud) | ${copies.files[3]!.url} | ${today} | ${copies.appleBlocks + 1}`);

    // The classifier now labels the Apple-only address: a new import, and the one stored before (re-classified).
    const after = await appleOnlyVerdict(options, 'after');
    expect(after.verdict).toMatchObject({ label: 'proxy' });
    expect(after.verdict.reasons).toContain('proxy-ip:apple-icloud');
    await waitFor('the import stored before the download to be re-classified with the downloaded lists', async () => {
      const stored = (await ask<Array<{ id: string; summary: { byLabel: Record<string, number> } }>>(options, 'list-audits', {})).find(
        (audit) => audit.id === before.auditId,
      );
      return stored && stored.summary.byLabel.proxy === 1 ? stored : undefined;
    });
    expect(await ask<{ vendor: string } | null>(options, 'lookup-ip', { ip: MICROSOFT_ONLY_ADDRESS })).toMatchObject({ vendor: 'microsoft' });

    // A restart on the same profile keeps the downloaded lists: same page, same answer, nothing downloaded again.
    const servedBeforeRestart = env.server.requests.length;
    await run.restart();
    options = run.control;
    await options.evaluate(() => {
      location.hash = '#ranges';
    });
    const afterRestart = await readRangesSection(options);
    expect(afterRestart).toEqual(shown);
    const again = await appleOnlyVerdict(options, 'after-restart');
    expect(again.verdict.reasons).toContain('proxy-ip:apple-icloud');
    expect(env.server.requests.slice(servedBeforeRestart).filter((request) => OFFICIAL_HOSTS.includes(request.host))).toEqual([]);
  });
});
