// Built only into the e2e bundles (`vite build --mode e2e-chrome|e2e-firefox`, where __SIEVE_E2E__ is true and
// main.ts imports this module). WebDriver BiDi cannot navigate a tab to a moz-extension:// page, and an
// extension popup cannot be opened headless, so the suite asks the extension itself: it loads
//   https://<any ESP host>/__sieve_e2e__/open?page=popup&report=<URL of the report tab>
// and this hook opens the popup (or options/demo page) in a new tab, with `?tab=<id of the report tab>` so the
// popup shows that tab's report (src/popup/main.tsx honours `?tab=`). The ESP host permission is what lets the
// worker see the hook tab's URL; nothing here widens what the release build can do.
import browser from 'webextension-polyfill';

export const E2E_HOOK_PATH = '/__sieve_e2e__/open';
/**
 * `https://<ESP host>/__sieve_e2e__/fail-writes?count=N` makes the next N IndexedDB writes (put/add) to the
 * stores that keep page reports fail the way a full disk does, then closes the tab that asked: its closing
 * says the fault is armed. `count=0` disarms it.
 */
export const E2E_FAIL_WRITES_PATH = '/__sieve_e2e__/fail-writes';
/** The stores a page report is written to (src/background/db.ts storePageReport). */
const REPORT_STORES = new Set(['audits', 'pageRows']);

const PAGES = {
  popup: 'src/popup/index.html',
  options: 'src/options/index.html',
  demo: 'src/demo/index.html',
} as const;

export type E2eHookPage = keyof typeof PAGES;

export interface E2eHookRequest {
  page: E2eHookPage;
  /** URL of the tab whose report the popup should show… */
  reportUrl?: string;
  /** …or that tab's id (extension pages such as the demo know their own id, web pages do not). */
  tabId?: number;
}

/** The query of an https URL at `path`, or undefined for any other URL. */
function hookQuery(url: string, path: string): URLSearchParams | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.pathname === path ? parsed.searchParams : undefined;
  } catch {
    return undefined;
  }
}

/** The request encoded in a hook URL, or undefined for any other URL. */
export function parseE2eHookUrl(url: string): E2eHookRequest | undefined {
  const query = hookQuery(url, E2E_HOOK_PATH);
  if (!query) return undefined;
  const page = query.get('page');
  if (page !== 'popup' && page !== 'options' && page !== 'demo') return undefined;
  const reportUrl = query.get('report') ?? undefined;
  const tabId = Number(query.get('tab') ?? Number.NaN);
  return {
    page,
    ...(reportUrl ? { reportUrl } : {}),
    ...(Number.isInteger(tabId) && tabId > 0 ? { tabId } : {}),
  };
}

/** The fault armed by the fail-writes hook URL, or undefined for any other URL. */
export function parseFailWritesUrl(url: string): { count: number } | undefined {
  const query = hookQuery(url, E2E_FAIL_WRITES_PATH);
  if (!query) return undefined;
  const count = Number(query.get('count') ?? Number.NaN);
  return Number.isInteger(count) && count >= 0 ? { count } : undefined;
}

let failingWrites = 0;

/**
 * Wraps IDBObjectStore put/add in this worker: while writes are armed to fail, a write to a report store throws
 * the DOMException a full disk raises (name QuotaExceededError), before anything is written; the extension's
 * own code (idb, storePageReport, storageProblem) handles it as it would the browser's.
 */
function installWriteFault(): void {
  const proto = IDBObjectStore.prototype;
  for (const method of ['put', 'add'] as const) {
    const original = proto[method];
    proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>): IDBRequest<IDBValidKey> {
      if (failingWrites > 0 && REPORT_STORES.has(this.name)) {
        failingWrites -= 1;
        throw new DOMException(`e2e: simulated full disk writing to ${this.name}`, 'QuotaExceededError');
      }
      return original.apply(this, args);
    };
  }
}

async function openRequestedPage(request: E2eHookRequest): Promise<void> {
  let query = '';
  if (request.tabId !== undefined) {
    query = `?tab=${request.tabId}`;
  } else if (request.reportUrl) {
    const tabs = await browser.tabs.query({});
    const reportTab = tabs.find((tab) => tab.url === request.reportUrl);
    // -1 is a tab that does not exist: the popup then shows its "no report" state, which the test will notice.
    query = `?tab=${reportTab?.id ?? -1}`;
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`${PAGES[request.page]}${query}`), active: true });
}

export function install(): void {
  installWriteFault();
  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
    // Act once per hook load: when it has finished loading.
    if (changeInfo.status !== 'complete' || !tab.url) return;
    const fault = parseFailWritesUrl(tab.url);
    if (fault) {
      failingWrites = fault.count;
      void browser.tabs.remove(tabId).catch((error: unknown) => console.error('Scanner Sieve e2e hook failed', error));
      return;
    }
    const request = parseE2eHookUrl(tab.url);
    if (!request) return;
    void openRequestedPage(request).catch((error: unknown) => console.error('Scanner Sieve e2e hook failed', error));
  });
}
