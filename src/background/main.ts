// The background worker: the ONE handler map of the extension. Every request is checked against
// shared/messages.ts (payload and sender context) before a handler sees it; anything else is refused.
import browser from 'webextension-polyfill';
import {
  CHANNEL,
  classifySender,
  validateMessage,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderContext,
  type SenderInfo,
} from '../shared/messages';
import type { Settings } from '../shared/settings';
import { forgetTab, getTabReport, updateTabReport } from './tab-reports';
import { classifyImport, classifyPageRows, clearHistory, deleteAudit, listAudits, pinAudit, reclassifyStoredReports } from './audits';
import { loadSettings, updateSettings } from './settings-store';
import { broadcast } from './broadcast';
import { historyStatus, pruneHistory } from './history';
import { lookupStats } from './lookup-budget';
import {
  addUserRange,
  datasetInfo,
  ensureBundledDataset,
  getRangeLookup,
  listUserRanges,
  lookupIp,
  refreshRanges,
  removeUserRange,
  useBundledDataset,
} from './ranges-service';
import { syncCustomSiteScripts } from './custom-sites';
import { listClientHistory, mergeClients, recordAuditPoint, renameClient, reportEvents, splitClient } from './clients';
import { bufferImportChunk, takeImportBuffer } from './import-buffer';
import { install as installE2eHooks } from './e2e-hooks';

/**
 * After a settings change: tell open pages at once, then re-apply the settings to every stored report, page and
 * imported alike (the classifier settings change labels; the cap may prune) and tell them again. After new range
 * data (a download, back to the bundled list) the same re-classification. Exported for tests, which wait for it.
 */
export let settingsApplied: Promise<void> = Promise.resolve();

async function reclassifyAll(reason: 'settings' | 'dataset', settings?: Settings): Promise<void> {
  const auditIds = await reclassifyStoredReports(settings ?? (await loadSettings()), await getRangeLookup());
  await broadcast('reports-changed', { reason, auditIds });
}

function applySettings(previous: Settings, saved: Settings): void {
  // Open pages hear of the new settings at once; the stored reports follow, after any re-application still
  // running (they run one after the other, the newest last).
  const told = broadcast('settings-changed', { settings: saved });
  const reapplied = settingsApplied.then(async () => {
    if (JSON.stringify(previous.classifier) !== JSON.stringify(saved.classifier)) await reclassifyAll('settings', saved);
    if (saved.history.capMegabytes < previous.history.capMegabytes) {
      const pruned = await pruneHistory(saved);
      if (pruned.length > 0) await broadcast('reports-changed', { reason: 'pruned', auditIds: [] });
    }
  });
  settingsApplied = Promise.all([told, reapplied])
    .then(() => undefined)
    .catch((error: unknown) => console.error('Scanner Sieve: new settings could not be applied to stored reports', error));
}

function applyDataset(): void {
  settingsApplied = settingsApplied.then(() => reclassifyAll('dataset')).catch((error: unknown) =>
    console.error('Scanner Sieve: the new range data could not be applied to stored reports', error),
  );
}

interface HandlerContext {
  context: SenderContext;
  tabId?: number;
}

type Handlers = { [T in MessageType]: (payload: RequestOf<T>, ctx: HandlerContext) => Promise<ResponseOf<T>> };

const handlers: Handlers = {
  async ping() {
    return { version: browser.runtime.getManifest().version };
  },
  async 'page-rows'(payload, ctx) {
    const result = await classifyPageRows(payload, await loadSettings(), await getRangeLookup());
    // The labels go back even when the history point cannot be written (a full storage.local).
    await recordAuditPoint(`page:${payload.campaignKey}`, { account: payload.campaign.account, url: payload.url, esp: payload.esp }, result.report.summary).catch(
      (error: unknown) => console.error('Scanner Sieve: history point not stored', error),
    );
    if (ctx.tabId !== undefined) {
      await updateTabReport(ctx.tabId, {
        url: payload.url,
        campaignKey: payload.campaignKey,
        esp: payload.esp,
        pageKind: payload.pageKind,
        campaignName: payload.campaign.name,
        ...(payload.identity ? { identity: payload.identity } : {}),
        page: { state: 'ready' },
        report: result.report,
        accumulatedRows: result.accumulatedRows,
        // Cleared by the next successful write: the banner shows only while the last write failed.
        storageProblem: result.storageProblem,
      });
    }
    return result;
  },
  async 'page-state'(payload, ctx) {
    if (ctx.tabId !== undefined) {
      await updateTabReport(ctx.tabId, {
        url: payload.url,
        page: payload.state,
        ...(payload.esp ? { esp: payload.esp } : {}),
        ...(payload.campaignName ? { campaignName: payload.campaignName } : {}),
        ...(payload.identity ? { identity: payload.identity } : {}),
      });
    }
    return null;
  },
  async 'get-tab-report'({ tabId }) {
    return getTabReport(tabId);
  },
  async 'get-settings'() {
    return loadSettings();
  },
  async 'save-settings'({ settings }) {
    const previous = await loadSettings();
    const saved = await updateSettings(settings);
    await syncCustomSiteScripts(saved.customSites);
    applySettings(previous, saved);
    return saved;
  },
  async 'classify-import'({ importId, ...payload }) {
    const campaign = importId
      ? { ...payload.campaign, events: [...takeImportBuffer(importId), ...payload.campaign.events] }
      : payload.campaign;
    const result = await classifyImport({ ...payload, campaign }, await loadSettings(), await getRangeLookup());
    // A report that could not be stored has no place in the history over time either.
    if (!result.storageProblem) {
      await recordAuditPoint(result.auditId, { account: campaign.account, esp: campaign.esp ?? payload.format }, result.report.summary);
    }
    return result;
  },
  async 'import-chunk'({ importId, events }) {
    return { buffered: bufferImportChunk(importId, events) };
  },
  async 'list-audits'() {
    return listAudits();
  },
  async 'delete-audit'({ id }) {
    await deleteAudit(id);
    return null;
  },
  async 'clear-history'() {
    await clearHistory();
    return null;
  },
  async 'pin-audit'({ id, pinned }) {
    await pinAudit(id, pinned);
    return null;
  },
  async 'history-status'() {
    return historyStatus(await loadSettings());
  },
  async 'lookup-stats'() {
    return lookupStats();
  },
  async 'use-bundled-ranges'() {
    const info = await useBundledDataset();
    applyDataset();
    return info;
  },
  async 'lookup-ip'({ ip }) {
    return (await lookupIp(ip)) ?? null;
  },
  async 'dataset-info'() {
    return datasetInfo();
  },
  async 'list-user-ranges'() {
    return listUserRanges();
  },
  async 'add-user-range'(payload) {
    return addUserRange(payload);
  },
  async 'remove-user-range'({ id }) {
    await removeUserRange(id);
    return null;
  },
  async 'refresh-ranges'() {
    const info = await refreshRanges();
    applyDataset();
    return info;
  },
  // History by client and the rows behind a report: src/background/clients.ts.
  'report-events': ({ campaignKey }) => reportEvents(campaignKey),
  'list-client-history': async () => listClientHistory(await listAudits()),
  'rename-client': async ({ key, name }) => (await renameClient(key, name), null),
  'merge-clients': async ({ from, into }) => (await mergeClients(from, into), null),
  'split-client': async ({ key }) => (await splitClient(key), null),
};

const ownOrigin = browser.runtime.getURL('');

async function handle(message: unknown, sender: SenderInfo): Promise<Reply<MessageType>> {
  const context = classifySender(sender, browser.runtime.id, ownOrigin);
  const checked = validateMessage(message, context);
  if (!checked.ok || !context) return { ok: false, error: checked.ok ? 'unknown sender' : checked.error };
  const { type, payload } = checked.envelope;
  try {
    const handler = handlers[type] as (payload: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(payload, { context, tabId: sender.tab?.id });
    return { ok: true, value } as Reply<MessageType>;
  } catch (error) {
    console.error(`Scanner Sieve: ${type} failed`, error);
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Answer only our own channel; returning undefined lets other listeners (none today) answer theirs.
  if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) {
    return undefined;
  }
  return handle(message, sender);
});

browser.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
});

// A site granted or revoked anywhere (options page, popup, the browser's own extension settings) changes where
// the content script may run; the popup may close during the permission prompt, so the worker re-syncs here too.
const resyncCustomSites = () => void loadSettings().then((settings) => syncCustomSiteScripts(settings.customSites));
browser.permissions.onAdded.addListener(resyncCustomSites);
browser.permissions.onRemoved.addListener(resyncCustomSites);

browser.runtime.onInstalled.addListener((details) => {
  void ensureBundledDataset();
  // First install: the options page with the card offering the official lists (one click, nothing fetched before).
  // Not in the e2e build, whose suite drives its own tabs.
  if (details.reason === 'install' && !__SIEVE_E2E__) {
    void browser.tabs.create({ url: browser.runtime.getURL('src/options/index.html?first-run=1#ranges') });
  }
});

// Also at every worker start: an update that raced the install event must not leave the index empty.
void ensureBundledDataset();
resyncCustomSites();

// A static import: Chrome forbids import() in service workers, and vite's preload helper for it touches
// `document`, which threw at the worker's top level and failed its registration. The release build drops the
// module: install() is only called behind the compile-time false flag and the module has no side effects.
if (__SIEVE_E2E__) {
  installE2eHooks();
}
