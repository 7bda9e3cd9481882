// The latest report per tab, for the popup. Kept in storage.session so a restarted service worker still knows
// what each tab showed (memory alone would lose it every ~30 s of idleness in Chrome MV3).
import browser from 'webextension-polyfill';
import type { TabReport } from '../shared/messages';

const memory = new Map<number, TabReport>();
const keyOf = (tabId: number) => `tab:${tabId}`;

interface SessionArea {
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function sessionArea(): SessionArea | undefined {
  return (browser.storage as unknown as { session?: SessionArea }).session;
}

export async function getTabReport(tabId: number): Promise<TabReport> {
  const cached = memory.get(tabId);
  if (cached) return cached;
  const stored = (await sessionArea()?.get(keyOf(tabId)))?.[keyOf(tabId)] as TabReport | undefined;
  if (stored) memory.set(tabId, stored);
  return stored ?? {};
}

/** Merges `update` into the tab's report; a new URL starts a fresh report (the user navigated). */
export async function updateTabReport(tabId: number, update: TabReport): Promise<TabReport> {
  const previous = await getTabReport(tabId);
  const base = previous.url && update.url && previous.url !== update.url ? {} : previous;
  const next: TabReport = { ...base, ...update, updatedAt: Date.now() };
  memory.set(tabId, next);
  try {
    await sessionArea()?.set({ [keyOf(tabId)]: next });
  } catch {
    // storage.session has a 10 MB quota: a huge report stays in memory only, and the popup still gets it.
  }
  return next;
}

/** Tabs that have a report (our content script ran there), from memory and from storage.session. */
export async function knownTabIds(): Promise<number[]> {
  const ids = new Set(memory.keys());
  const stored = await sessionArea()?.get(null);
  for (const key of Object.keys(stored ?? {})) {
    const match = /^tab:(\d+)$/.exec(key);
    if (match) ids.add(Number(match[1]));
  }
  return [...ids];
}

/** Every tab showing the accumulated report `campaignKey`, with its report replaced (after a re-classify). */
export async function replaceCampaignReport(campaignKey: string, report: NonNullable<TabReport['report']>): Promise<number[]> {
  const updated: number[] = [];
  for (const tabId of await knownTabIds()) {
    const current = await getTabReport(tabId);
    if (current.campaignKey !== campaignKey) continue;
    await updateTabReport(tabId, { report });
    updated.push(tabId);
  }
  return updated;
}

export async function forgetTab(tabId: number): Promise<void> {
  memory.delete(tabId);
  await sessionArea()?.remove(keyOf(tabId));
}
