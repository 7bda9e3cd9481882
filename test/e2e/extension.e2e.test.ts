// The built extension in real headless Chromium and Firefox ESR, on saved ESP pages served over HTTPS on
// loopback under the real host names. See test/e2e/README.md for how the pieces fit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import packageJson from '../../package.json' with { type: 'json' };
import type { BrowserName, ExtensionBrowser } from './harness/browsers';
import { findFixturePages, type FixturePage } from './harness/fixture-server';
import {
  ARTIFACT_DIR,
  FIXTURE_ROOTS,
  askWorker,
  launchBrowser,
  openExtensionPage,
  readMarks,
  startLoopbackEnvironment,
  waitFor,
  type LoopbackEnvironment,
} from './harness/session';

const BROWSERS: BrowserName[] = ['chromium', 'firefox'];
const LABELS = ['human', 'scanner', 'proxy', 'suspect'] as const;

/** Saved pages whose `.expected.json` names rows by selector: the ones a browser can check row by row. */
const MARKED_PAGES: FixturePage[] = findFixturePages(FIXTURE_ROOTS).filter(
  (page) => page.url && page.expected && page.expected.rows.length > 0 && page.expected.rows.every((row) => row.rowSelector),
);
const SENDGRID_PAGE = MARKED_PAGES.find((page) => new URL(page.url!).hostname === 'app.sendgrid.com');

let env: LoopbackEnvironment;

beforeAll(async () => {
  env = await startLoopbackEnvironment();
});

afterAll(async () => {
  await env?.close();
});

/** Opens a saved page under its real URL and waits until every expected row carries a mark. */
async function openMarkedPage(session: ExtensionBrowser, fixture: FixturePage): Promise<{ page: Page; url: string }> {
  const url = env.server.localUrl(fixture.url!);
  const page = await session.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const selectors = fixture.expected!.rows.map((row) => row.rowSelector!);
  await waitFor(`data-sieve-label on ${selectors.length} rows of ${fixture.file} at ${url}`, async () => {
    const marks = await readMarks(page, selectors);
    const unmarked = marks.filter((mark) => mark.label === null);
    return unmarked.length === 0 ? marks : false;
  });
  return { page, url };
}

/** `selector label` lines, so a mismatch shows every row side by side. */
function labelLines(rows: Array<{ selector: string; label: string | null }>): string[] {
  return rows.map((row) => `${row.selector} ${row.label}`);
}

async function countMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate((labels) => {
    const counts: Record<string, number> = {};
    for (const label of labels) counts[label] = document.querySelectorAll(`[data-sieve-label="${label}"]`).length;
    return counts;
  }, [...LABELS]);
}

/** The popup's figure for a data-testid, as a number ("1,240" → 1240). */
async function popupNumber(popup: Page, testId: string): Promise<number> {
  const text = await popup.$eval(`[data-testid="${testId}"]`, (element) => element.textContent ?? '');
  return Number(text.replace(/[^\d.-]/g, ''));
}

describe.each(BROWSERS)('%s with the built e2e extension', (name) => {
  let session: ExtensionBrowser;
  let launchedAt: number;
  /** The SendGrid report tab the popup tests report on. */
  let report: { page: Page; url: string } | undefined;

  beforeAll(async () => {
    launchedAt = Date.now();
    session = await launchBrowser(name, env);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('marks the rows of a saved SendGrid page served as app.sendgrid.com with the expected labels', async () => {
    expect(SENDGRID_PAGE, 'a saved app.sendgrid.com page with expected rows under test/fixtures/pages').toBeDefined();
    const fixture = SENDGRID_PAGE!;
    report = await openMarkedPage(session, fixture);
    const rows = fixture.expected!.rows;
    const marks = await readMarks(report.page, rows.map((row) => row.rowSelector!));
    expect(labelLines(marks)).toEqual(labelLines(rows.map((row) => ({ selector: row.rowSelector!, label: row.label }))));
    for (const [index, row] of rows.entries()) {
      expect(marks[index]!.reasons, `reasons on ${row.rowSelector}`).toEqual(expect.arrayContaining(row.reasons ?? []));
    }
    // Rows the reader must skip (headers, "processed"/"delivered") carry no mark: only the expected rows do.
    const counts = await countMarks(report.page);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(rows.length);
  });

  it('answers a ping from an extension page through the validated message map', async () => {
    const options = await openExtensionPage(session, env, 'options');
    try {
      const reply = await askWorker(options, 'ping', {});
      expect(reply).toEqual({ ok: true, value: { version: packageJson.version } });
      // The receiver validates payloads: a malformed ping is refused, not answered.
      const refused = (await askWorker(options, 'ping', 'not an object')) as { ok: boolean; error?: string };
      expect(refused.ok).toBe(false);
    } finally {
      await options.close();
    }
  });

  it('renders the popup for the marked report tab with the same counts as the marks (screenshot)', async () => {
    expect(report, 'the SendGrid report tab from the first test').toBeDefined();
    const popup = await openExtensionPage(session, env, 'popup', report!.url);
    try {
      await popup.setViewport({ width: 420, height: 800 });
      await waitFor('the popup to show the report ([data-testid="report"])', () => popup.$('[data-testid="report"]').then((el) => el ?? undefined));
      const marks = await countMarks(report!.page);
      for (const label of LABELS) {
        expect(await popupNumber(popup, `count-${label}`), `popup count-${label}`).toBe(marks[label]);
      }
      // The popup shows what the worker holds for that tab: compare with the worker's own summary.
      const tabReport = (await askWorker(popup, 'get-tab-report', { tabId: await tabIdOf(popup) })) as {
        ok: boolean;
        value: { report?: { summary: { byLabel: Record<string, number>; totalEvents: number } } };
      };
      expect(tabReport.ok).toBe(true);
      expect(tabReport.value.report?.summary.byLabel).toEqual(expect.objectContaining(marks));
      await popup.screenshot({ path: join(ARTIFACT_DIR, `${name}-popup.png`), fullPage: true });
    } finally {
      await popup.close();
    }
  });

  it('renders the options page (screenshot)', async () => {
    const options = await openExtensionPage(session, env, 'options');
    try {
      await options.setViewport({ width: 1024, height: 800 });
      await waitFor('the options page to render a heading', () =>
        options.$('h1, h2').then((el) => el ?? undefined),
      );
      const text = await options.evaluate(() => document.body.innerText);
      expect(text.trim().length).toBeGreaterThan(20);
      await options.screenshot({ path: join(ARTIFACT_DIR, `${name}-options.png`), fullPage: true });
    } finally {
      await options.close();
    }
  });

  it('sent no request off loopback while the extension worked, and would have caught one', async () => {
    const attempts = env.egress.attemptsSince(launchedAt);
    writeFileSync(join(ARTIFACT_DIR, `${name}-egress.json`), JSON.stringify(attempts, null, 2));
    expect(attempts.map((attempt) => `${attempt.method} ${attempt.target}`)).toEqual([]);
    // The check is not vacuous: the pages did load from the loopback server…
    expect(env.server.requests.filter((request) => request.at >= launchedAt).length).toBeGreaterThan(0);
    // …and a request to the outside from the page is seen by the recorder (and refused there).
    expect(report, 'the SendGrid report tab from the first test').toBeDefined();
    const probeAt = Date.now();
    await report!.page.evaluate(() => fetch('https://example.com/escape-probe', { mode: 'no-cors' }).catch(() => undefined));
    await waitFor('the egress recorder to see the deliberate probe to example.com', () =>
      env.egress.attemptsSince(probeAt).some((attempt) => attempt.target.startsWith('example.com')),
    );
  });
});

/** The id the popup was opened for (`?tab=` in its URL). */
async function tabIdOf(popup: Page): Promise<number> {
  const href = await popup.evaluate(() => location.href);
  return Number(new URL(href).searchParams.get('tab'));
}
