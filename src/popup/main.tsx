import { render } from 'preact';
import browser from 'webextension-polyfill';
import { ADAPTERS, SUPPORTED_PAGES } from '../adapters/registry';
import '../ui/theme.css';
import { PopupApp, type PopupTab } from './App';

/** The tab to report on: `?tab=<id>` (the e2e suite opens the popup page in a normal tab), else the active tab. */
async function resolveTab(search: string): Promise<PopupTab | undefined> {
  const forced = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(forced) && forced > 0) {
    const tab = await browser.tabs.get(forced).catch(() => undefined);
    return { id: forced, url: tab?.url };
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id !== undefined ? { id: active.id, url: active.url } : undefined;
}

document.body.classList.add('popup');
const root = document.getElementById('app');
if (root) {
  const readerPatterns = ADAPTERS.flatMap((adapter) => adapter.matches);
  void resolveTab(location.search).then((tab) => {
    render(<PopupApp tab={tab} readerPatterns={readerPatterns} supportedPages={SUPPORTED_PAGES} />, root);
  });
}
