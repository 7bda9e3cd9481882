// Loads the saved ESP pages of test/fixtures/pages/<esp>/<case>.html with their <case>.expected.json, for the
// fixture, registry and content tests (and the e2e suite, which serves the same files under the real hosts).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

export const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

export interface ExpectedRow {
  /** CSS selector of the row element (preferred) … */
  rowSelector?: string;
  /** … or its position among the data rows of the tables the reader found (headers excluded). */
  rowIndex?: number;
  label: 'human' | 'scanner' | 'proxy' | 'suspect';
  /** Reason codes that must be among the row's reasons. */
  reasons?: string[];
  /** Fields the row's (first) event must have. `timestamp` is ISO 8601. */
  type?: 'open' | 'click';
  recipient?: string;
  ip?: string;
  url?: string;
  timestamp?: string;
  count?: number;
  userAgent?: string;
}

/** Campaign B of a live page after window.__fixture.switchCampaign(): its address, name and rows. */
export interface ExpectedSwitch {
  url: string;
  campaignName: string;
  /** Every row of campaign B that must get a mark; A's rows are gone from the page. */
  rows: ExpectedRow[];
}

export interface ExpectedPage {
  url: string;
  adapter: string;
  pageKind: string | null;
  /** "Now" when the page was saved (for relative dates). */
  now?: string;
  sentAt?: string;
  campaignName?: string;
  campaignKey?: string;
  /** Recipients the page says the campaign was delivered to ("Sent … to 2,418 subscribers"). */
  deliveredCount?: number;
  /** Number of tables the reader must find. */
  tables?: number;
  /** Every row that must get a mark, and no other. */
  rows: ExpectedRow[];
  deliveries?: Array<{ recipient: string; deliveredAt: string }>;
  linkStats?: Array<{ url: string; totalClicks: number; uniqueClicks?: number }>;
  /** Live pages (with a script): rows that must be marked after window.__fixture.loadMore(). */
  afterLoadMore?: ExpectedRow[];
  /** Live pages whose window.__fixture.switchCampaign() shows another campaign on the same page. */
  afterSwitch?: ExpectedSwitch;
  /** Why this page exists (what it tests). */
  about?: string;
}

/**
 * Rows whose reading is right but whose label is the classifier's open question (issue 13), named with the reason,
 * never skipped silently: the fixture and e2e checks require such a row to be read and marked, with any label.
 */
export const CLASSIFIER_GAPS: Record<string, { rowSelector: string; reason: string }> = {};

/**
 * `querySelectorAll` that also looks inside open shadow roots (a report rendered by a web component keeps its
 * rows there, where `document.querySelector` never looks).
 */
export function queryAllDeep(root: Document | Element, selector: string): Element[] {
  const found: Element[] = [];
  const scopes: Array<Document | Element | ShadowRoot> = [root];
  while (scopes.length > 0) {
    const scope = scopes.shift()!;
    found.push(...Array.from(scope.querySelectorAll(selector)));
    for (const element of Array.from(scope.querySelectorAll('*'))) if (element.shadowRoot) scopes.push(element.shadowRoot);
  }
  return found;
}

export function queryDeep(root: Document | Element, selector: string): Element | null {
  return queryAllDeep(root, selector)[0] ?? null;
}

export interface FixturePage {
  esp: string;
  name: string;
  htmlPath: string;
  html: string;
  expected: ExpectedPage;
}

/**
 * Pages written blind, without looking at the adapters' own fixtures, to find where reading breaks on
 * variation (test/fixtures/pages/unseen/<esp>/). Their rows name elements by `rowIndex`, so the e2e suite
 * (which marks pages whose rows all have a `rowSelector`, against the browser's own clock) leaves them out:
 * several read relative times ("5 minutes ago") against the `now` of their expected file.
 */
export const UNSEEN_DIR = join(PAGES_DIR, 'unseen');

export function listUnseenPages(): FixturePage[] {
  return listFixturePages(UNSEEN_DIR).map((page) => ({ ...page, esp: `unseen/${page.esp}` }));
}

export function listFixturePages(root: string = PAGES_DIR): FixturePage[] {
  const pages: FixturePage[] = [];
  for (const esp of readdirSync(root).sort()) {
    const dir = join(root, esp);
    if (dir === UNSEEN_DIR) continue;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.html')).sort()) {
      const name = file.replace(/\.html$/, '');
      const expectedPath = join(dir, `${name}.expected.json`);
      if (!existsSync(expectedPath)) throw new Error(`${esp}/${file} has no ${name}.expected.json`);
      pages.push({
        esp,
        name,
        htmlPath: join(dir, file),
        html: readFileSync(join(dir, file), 'utf8'),
        expected: JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedPage,
      });
    }
  }
  return pages;
}

/**
 * A jsdom window on the saved page at its real URL. The page's own scripts run, as they do in a browser: a page
 * whose report is built by a web component or a grid script has no rows without them.
 */
export function loadPage(page: { html: string; expected: { url: string } }): JSDOM {
  return new JSDOM(page.html, { url: page.expected.url, pretendToBeVisual: true, runScripts: 'dangerously' });
}
