// Issue 9 in real browsers (Chromium and Firefox ESR): the popup names the campaign the page shows and how its
// identity was found, a single-page app that switches to another campaign in the same tab starts a fresh report
// (B's rows marked, A's not counted), two pages differing only by a tag or a #route keep separate reports, and a
// page still waiting for events (or without an engagement table) says so after the reader's bounded wait.
import type { Page } from 'puppeteer-core';
import type { TabReport } from '../../src/shared/messages';
import { ENGLISH } from '../../src/ui/messages-en';
import { browsersUnderTest, type BrowserName } from './harness/browsers';
import { findFixturePages, type ExpectedRow, type FixturePage } from './harness/fixture-server';
import {
  FIXTURE_ROOTS,
  askWorkerValue as ask,
  openExtensionPage,
  readMarks,
  startLoopbackEnvironment,
  useBrowserRun,
  waitFor,
  type LoopbackEnvironment,
} from './harness/session';

const BROWSERS: BrowserName[] = browsersUnderTest();
const LABELS = ['human', 'scanner', 'proxy', 'suspect'] as const;
const PAGES = findFixturePages(FIXTURE_ROOTS);

function fixture(file: string): FixturePage {
  const page = PAGES.find((candidate) => candidate.file === file);
  if (!page?.expected || !page.url) throw new Error(`saved page ${file} with its .expected.json is missing`);
  return page;
}

/** Live pages whose `window.__fixture.switchCampaign()` turns campaign A into campaign B in the same tab. */
const SWITCHING_PAGES = PAGES.filter((page) => page.expected?.afterSwitch !== undefined);
/** Pages that differ from their partner only by a query filter or a #route: each must be its own campaign. */
const PAIRS: Array<[string, string]> = [
  ['postmark/blind-campaigns-tag-a.html', 'postmark/blind-campaigns-tag-b.html'],
  ['activecampaign/blind-campaigns-hash-a.html', 'activecampaign/blind-campaigns-hash-b.html'],
];

let env: LoopbackEnvironment;

beforeAll(async () => {
  env = await startLoopbackEnvironment();
});

afterAll(async () => {
  await env?.close();
});

async function waitForMarks(page: Page, rows: readonly ExpectedRow[], where: string): Promise<Array<string | null>> {
  const selectors = rows.map((row) => row.rowSelector!);
  const marks = await waitFor(`data-sieve-label on all ${selectors.length} expected rows of ${where}`, async () => {
    const read = await readMarks(page, selectors);
    return read.every((mark) => mark.label !== null) ? read : undefined;
  });
  return marks.map((mark) => mark.label);
}

async function countMarks(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-sieve-label]').length);
}

async function tabIdOf(popup: Page): Promise<number> {
  return Number(new URL(await popup.evaluate(() => location.href)).searchParams.get('tab'));
}

/** What the popup says about the page: the identity line, how it was found, the counts by label. */
interface PopupReading {
  identity: string;
  how: string;
  counts: Record<string, number>;
}

async function readPopup(popup: Page, where: string): Promise<PopupReading> {
  await waitFor(`the popup's report of ${where} ([data-testid="report"])`, () => popup.$('[data-testid="report"]').then((element) => element ?? undefined));
  const text = (testId: string) => popup.$eval(`[data-testid="${testId}"]`, (element) => element.textContent ?? '');
  const counts: Record<string, number> = {};
  for (const label of LABELS) counts[label] = Number((await text(`count-${label}`)).replace(/[^\d]/g, ''));
  return { identity: await text('campaign-identity'), how: await text('campaign-identity-how'), counts };
}

/** Words of `url` (decoded) that `other` does not have: what tells the two campaigns apart in the address. */
function distinguishingWords(url: string, other: string): string[] {
  const words = (address: string) => new Set(decodeURIComponent(address).match(/[\w-]{3,}/g) ?? []);
  const theirs = words(other);
  return [...words(url)].filter((word) => !theirs.has(word));
}

describe.each(BROWSERS)('%s: which campaign the page shows', (name) => {
  const run = useBrowserRun(name, () => env);

  it('has saved pages to test', () => {
    expect(SWITCHING_PAGES.map((page) => page.file).sort()).toEqual(
      ['campaign-monitor/blind-campaigns-live-cid-switch.html', 'sendgrid/blind-campaigns-live-category-chip.html'],
    );
  });

  it.each(SWITCHING_PAGES.map((page) => [page.file, page] as const))(
    '%s: after switchCampaign() marks B, and the popup names B, how it was found, and counts none of A',
    async (_file, saved) => {
      const expected = saved.expected!;
      const after = expected.afterSwitch!;
      await ask(run.control, 'clear-history', {});
      env.server.pin(saved);
      const urlA = env.server.localUrl(saved.url!);
      const page = await run.session.browser.newPage();
      try {
        await page.goto(urlA, { waitUntil: 'load' });
        expect(await waitForMarks(page, expected.rows, `campaign A of ${saved.file}`)).toEqual(expected.rows.map((row) => row.label));
        const popupA = await openExtensionPage(run.session, env, 'popup', urlA);
        try {
          const shownA = await readPopup(popupA, `campaign A of ${saved.file}`);
          expect(shownA.identity).toContain(expected.campaignName!);
          expect(Object.values(shownA.counts).reduce((sum, count) => sum + count, 0)).toBe(expected.rows.length);
        } finally {
          await popupA.close();
        }

        await page.evaluate(() => (window as unknown as { __fixture: { switchCampaign(): unknown } }).__fixture.switchCampaign());
        const urlB = env.server.localUrl(after.url);
        await waitFor(`the address of campaign B (${after.url})`, async () => ((await page.evaluate(() => location.href)) === urlB ? true : undefined));
        expect(await waitForMarks(page, after.rows, `campaign B of ${saved.file}`)).toEqual(after.rows.map((row) => row.label));
        // A's rows left the page with their marks: only B's rows carry one.
        expect(await countMarks(page)).toBe(after.rows.length);

        const popupB = await openExtensionPage(run.session, env, 'popup', urlB);
        try {
          const tabId = await tabIdOf(popupB);
          expect(tabId, 'the e2e hook found the switched tab').toBeGreaterThan(0);
          // The worker holds B's rows only (a fresh report under B's key), once the page has sent them.
          const tabReport = await waitFor(`the tab report of campaign B of ${saved.file}`, async () => {
            const report = await ask<TabReport>(run.control, 'get-tab-report', { tabId });
            return report.campaignName === after.campaignName && report.accumulatedRows === after.rows.length ? report : undefined;
          });
          expect(tabReport.identity?.label).toBe(after.campaignName);
          const shownB = await readPopup(popupB, `campaign B of ${saved.file}`);
          expect(shownB.identity).toContain(after.campaignName);
          expect(shownB.identity).not.toContain(expected.campaignName!);
          // How: the part of the address (or filter) that names B, not A.
          const namesB = distinguishingWords(after.url, saved.url!);
          expect(namesB.some((word) => shownB.how.includes(word)), `"${shownB.how}" names one of ${namesB.join(', ')}`).toBe(true);
          expect(distinguishingWords(saved.url!, after.url).some((word) => shownB.how.includes(word)), `"${shownB.how}" names A`).toBe(false);
          // None of A's rows counted: the popup's counts are B's marks.
          const byLabel: Record<string, number> = {};
          for (const row of after.rows) byLabel[row.label] = (byLabel[row.label] ?? 0) + 1;
          expect(shownB.counts).toEqual(Object.fromEntries(LABELS.map((label) => [label, byLabel[label] ?? 0])));
        } finally {
          await popupB.close();
        }
      } finally {
        await page.close();
      }
    },
  );

  it.each(PAIRS)('%s and %s keep separate reports', async (fileA, fileB) => {
    await ask(run.control, 'clear-history', {});
    const opened: Array<{ saved: FixturePage; page: Page; tabId: number; report: TabReport }> = [];
    try {
      for (const saved of [fixture(fileA), fixture(fileB)]) {
        env.server.pin(saved);
        const url = env.server.localUrl(saved.url!);
        const page = await run.session.browser.newPage();
        await page.goto(url, { waitUntil: 'load' });
        expect(await waitForMarks(page, saved.expected!.rows, saved.file)).toEqual(saved.expected!.rows.map((row) => row.label));
        const popup = await openExtensionPage(run.session, env, 'popup', url);
        try {
          const tabId = await tabIdOf(popup);
          const report = await waitFor(`the tab report of ${saved.file}`, async () => {
            const reply = await ask<TabReport>(run.control, 'get-tab-report', { tabId });
            return reply.accumulatedRows === saved.expected!.rows.length ? reply : undefined;
          });
          const shown = await readPopup(popup, saved.file);
          expect(shown.identity).toContain(saved.expected!.campaignName!);
          expect(Object.values(shown.counts).reduce((sum, count) => sum + count, 0)).toBe(saved.expected!.rows.length);
          opened.push({ saved, page, tabId, report });
        } finally {
          await popup.close();
        }
      }
      const [a, b] = opened;
      expect(a!.report.campaignKey).toBeDefined();
      expect(b!.report.campaignKey).not.toBe(a!.report.campaignKey);
      // A's report still holds only A's rows after B was read.
      const aAgain = await ask<TabReport>(run.control, 'get-tab-report', { tabId: a!.tabId });
      expect(aAgain.accumulatedRows).toBe(a!.saved.expected!.rows.length);
      expect(aAgain.campaignName).toBe(a!.saved.expected!.campaignName);
      const audits = await ask<Array<{ campaignName: string }>>(run.control, 'list-audits', {});
      expect(audits.map((audit) => audit.campaignName).sort()).toEqual(
        [a!.saved.expected!.campaignName!, b!.saved.expected!.campaignName!].sort(),
      );
    } finally {
      for (const { page } of opened) await page.close();
    }
  });

  it.each([
    ['klaviyo/blind-waiting-no-activity-yet.html', 'state-no-events', ENGLISH.ui_noEventsTitle],
    ['mailchimp/blind-waiting-reports-dashboard.html', 'state-no-table', ENGLISH.ui_noTableTitle],
  ])('%s: the popup says "%s" after the bounded wait, and nothing is marked', async (file, state, sentence) => {
    const saved = fixture(file);
    env.server.pin(saved);
    const url = env.server.localUrl(saved.url!);
    const page = await run.session.browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      const popup = await openExtensionPage(run.session, env, 'popup', url);
      try {
        // The reader settles within its bounded wait (seconds), although the page keeps polling.
        const shown = await waitFor(`the popup's ${state} state for ${file}`, () =>
          popup.$eval(`[data-testid="${state}"]`, (element) => element.textContent ?? '').catch(() => undefined),
          20_000,
        );
        expect(shown).toContain(sentence);
        expect(await popup.$('[data-testid="report"]')).toBeNull();
        expect(await countMarks(page)).toBe(0);
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });
});
