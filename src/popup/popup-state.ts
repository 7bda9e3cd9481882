// What the popup shows for a tab, decided from the worker's tab report and the tab's URL. Pure, so every state
// is tested without a browser.
import type { TabReport } from '../shared/messages';
import { urlMatches } from '../adapters/match-pattern';

export type PopupView =
  | { kind: 'unsupported' }
  /** A supported page whose content script has not reported yet (still loading). */
  | { kind: 'waiting' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'no-table'; supportedPages: string[] }
  /** An engagement table (or feed) without opens or clicks, after the reader's bounded wait. */
  | { kind: 'no-events' }
  | { kind: 'error'; message: string }
  | { kind: 'ready' };

/**
 * `readerPatterns`: match patterns of pages the reader handles (the adapters' and the user's added sites). A tab
 * whose content script has said anything is past "unsupported" whatever its URL.
 */
export function popupView(tabReport: TabReport, tabUrl: string | undefined, readerPatterns: readonly string[]): PopupView {
  const page = tabReport.page;
  if (page?.state === 'error') return { kind: 'error', message: page.message };
  if (page?.state === 'no-table') return { kind: 'no-table', supportedPages: page.supportedPages };
  if (page?.state === 'no-events') return { kind: 'no-events' };
  if (page?.state === 'reading') return { kind: 'reading', done: page.done, total: page.total };
  if (tabReport.report) return { kind: 'ready' };
  if (page?.state === 'ready' || tabReport.url) return { kind: 'waiting' };
  if (tabUrl && urlMatches(readerPatterns, tabUrl)) return { kind: 'waiting' };
  return { kind: 'unsupported' };
}

/** The optional host permission pattern for a tab's site ("add this site"), or undefined for non-https pages. */
export function sitePatternFor(tabUrl: string | undefined): string | undefined {
  if (!tabUrl) return undefined;
  try {
    const url = new URL(tabUrl);
    return url.protocol === 'https:' && url.hostname ? `https://${url.hostname}/*` : undefined;
  } catch {
    return undefined;
  }
}
