// Issue 12 in real browsers (Chromium and Firefox ESR, real IndexedDB): nothing the extension stores is lost to
// an update, to two pages saving settings at once, or to two tabs sending rows of one campaign at once; and an
// ESP page cannot detect the extension through web-accessible resources.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import type { BrowserName, ExtensionBrowser } from './harness/browsers';
import { EXTENSION_DIRS, askWorker, launchBrowser, openExtensionPage, startLoopbackEnvironment, waitFor, type LoopbackEnvironment } from './harness/session';

const BROWSERS: BrowserName[] = ['chromium', 'firefox'];
const APPLE_EGRESS = 'https://mask-api.icloud.com/egress-ip-ranges.csv';

let env: LoopbackEnvironment;

beforeAll(async () => {
  env = await startLoopbackEnvironment();
});

afterAll(async () => {
  await env?.close();
});

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

async function ask<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await askWorker(page, type, payload)) as Reply<T>;
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

/** The newest source date of the bundled data, one day later: a download newer than what this version ships. */
function dayAfterBundled(): string {
  const newest = BUNDLED_ENTRIES.reduce((latest, entry) => (entry.date > latest ? entry.date : latest), '');
  return new Date(Date.parse(newest) + 86_400_000).toISOString().slice(0, 10);
}

describe.each(BROWSERS)('%s: stored data survives', (name) => {
  let session: ExtensionBrowser;
  let control: Page;

  beforeAll(async () => {
    session = await launchBrowser(name, env);
    control = await openExtensionPage(session, env, 'options');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('exposes no web-accessible resource: an ESP page cannot fetch anything of the extension', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIRS[name], 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
    const page = await session.browser.newPage();
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
      }, session.extensionOrigin, shipped);
      expect(shipped.length).toBeGreaterThan(5);
      expect(fetched).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps both changes when two pages save different settings at once', async () => {
    const [first, second] = await Promise.all([
      askWorker(control, 'save-settings', { settings: { showMarks: false } }),
      askWorker(control, 'save-settings', { settings: { mode: 'log-only' } }),
    ]);
    expect([first, second].every((reply) => (reply as Reply<unknown>).ok)).toBe(true);
    const stored = await ask<{ showMarks: boolean; mode: string }>(control, 'get-settings', {});
    expect(stored).toMatchObject({ showMarks: false, mode: 'log-only' });
    await ask(control, 'save-settings', { settings: { showMarks: true, mode: 'filter' } });
  });

  it('stores 600 rows when two senders deliver 300 rows each of one campaign at once', async () => {
    await ask(control, 'clear-history', {});
    const replies = await control.evaluate(async () => {
      const runtime =
        (globalThis as unknown as { browser?: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).browser?.runtime ??
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime;
      const sent = Date.parse('2026-03-10T14:00:00Z');
      const rows = (first: number) => {
        const events = Array.from({ length: 300 }, (_, k) => ({
          type: 'open',
          sourceIndex: k,
          recipient: `reader${first + k}@example${(first + k) % 40}.org`,
          timestamp: sent + (600 + (first + k) * 37) * 1000,
          ip: `81.2.${(first + k) & 255}.${1 + ((first + k) % 200)}`,
          userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        }));
        return {
          channel: 'scanner-sieve/v1',
          type: 'page-rows',
          payload: {
            url: `https://app.sendgrid.com/email_activity?page=${first}`,
            esp: 'sendgrid',
            pageKind: 'activity',
            campaignKey: 'sendgrid:two-tabs',
            campaign: { name: 'Two tabs', sentAt: sent, deliveredCount: 5000, events },
            rowKeys: events.map((_, k) => `row-${first + k}`),
          },
        };
      };
      return Promise.all([runtime.sendMessage(rows(0)), runtime.sendMessage(rows(300))]);
    });
    const counts = (replies as Array<Reply<{ accumulatedRows: number }>>).map((reply) => (reply.ok ? reply.value.accumulatedRows : -1));
    expect(counts.sort((a, b) => a - b)).toEqual([300, 600]);
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
    await control.evaluate(
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
    const { profileDir } = session;
    await session.close();
    session = await launchBrowser(name, env, { profileDir });
    control = await openExtensionPage(session, env, 'options');
    // The worker reconciles at start; wait until it has (the version moves to this build's).
    const info = await waitFor('the worker to reconcile the stored dataset at start', async () => {
      const current = await ask<{ source: string; sourcesDate: string; prefixCount: number; version: string }>(control, 'dataset-info', {});
      return current.version === String(BUNDLED_DATASET_VERSION) ? current : undefined;
    });
    expect(info.source).toBe('refreshed');
    expect(info.sourcesDate).toBe(downloadedOn);
    expect(info.prefixCount).toBeGreaterThan(14_000);
    expect(info.version).toBe(String(BUNDLED_DATASET_VERSION));
    // An address only the downloaded list has is still found.
    expect(await ask<{ vendor: string } | null>(control, 'lookup-ip', { ip: '198.18.100.1' })).toMatchObject({ vendor: 'apple-icloud' });
    // And the user can go back to the bundled list.
    const bundled = await ask<{ source: string }>(control, 'use-bundled-ranges', {});
    expect(bundled.source).toBe('bundled');
  });
});
