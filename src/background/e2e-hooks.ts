// Built only into the e2e bundles (`vite build --mode e2e-chrome|e2e-firefox`, where __SIEVE_E2E__ is true and
// main.ts imports this module). WebDriver BiDi cannot navigate a tab to a moz-extension:// page, and an
// extension popup cannot be opened headless, so the suite asks the extension itself: it loads
//   https://<any ESP host>/__sieve_e2e__/open?page=popup&report=<URL of the report tab>
// and this hook opens the popup (or options/demo page) in a new tab, with `?tab=<id of the report tab>` so the
// popup shows that tab's report (src/popup/main.tsx honours `?tab=`). The ESP host permission is what lets the
// worker see the hook tab's URL; nothing here widens what the release build can do.
import browser from 'webextension-polyfill';

export const E2E_HOOK_PATH = '/__sieve_e2e__/open';

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

/** The request encoded in a hook URL, or undefined for any other URL. */
export function parseE2eHookUrl(url: string): E2eHookRequest | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.pathname !== E2E_HOOK_PATH) return undefined;
  const page = parsed.searchParams.get('page');
  if (page !== 'popup' && page !== 'options' && page !== 'demo') return undefined;
  const reportUrl = parsed.searchParams.get('report') ?? undefined;
  const tabId = Number(parsed.searchParams.get('tab') ?? Number.NaN);
  return {
    page,
    ...(reportUrl ? { reportUrl } : {}),
    ...(Number.isInteger(tabId) && tabId > 0 ? { tabId } : {}),
  };
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
  browser.tabs.onUpdated.addListener((_tabId, changeInfo, tab) => {
    // Act once per hook load: when it has finished loading.
    if (changeInfo.status !== 'complete' || !tab.url) return;
    const request = parseE2eHookUrl(tab.url);
    if (!request) return;
    void openRequestedPage(request).catch((error: unknown) => console.error('Scanner Sieve e2e hook failed', error));
  });
}
