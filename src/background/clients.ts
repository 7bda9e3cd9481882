// History by client, for account managers: every audit belongs to a client (the ESP account or sub-account the
// page or export names, else the ESP's host or format), each audit keeps its raw vs people rates over time (one
// point per classification), and the user may rename a client or merge two. Also the page rows behind a tab's
// report, so the popup's CSV export carries every column the page showed.
//
// Kept in the extension's storage.local (not IndexedDB): a few small records, written when an audit is
// classified, read by the options page; user data only, never bundled data.
import browser from 'webextension-polyfill';
import type { AuditRecord, ClientHistory, ClientPoint, ClientSettings } from '../shared/messages';
import type { CampaignSummary, EngagementEvent } from '../shared/types';
import { sourceName } from '../shared/vendors';
import { toCampaign } from './accumulate';
import { getPageRows } from './db';

const CLIENTS_KEY = 'clients';
const POINTS_PREFIX = 'points:';
/** Points kept per audit (one per classification; the oldest go first). */
export const MAX_POINTS_PER_AUDIT = 200;
/** The most page rows sent back for an export in one message (Chrome refuses messages over 64 MiB). */
export const MAX_EXPORT_EVENTS = 100_000;

interface StoredPoints {
  clientKey: string;
  points: ClientPoint[];
}

type Area = { get(key: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };
const area = (): Area => browser.storage.local as unknown as Area;

/** The client an audit belongs to: the account the source names, else the page's host, else the ESP or format. */
export function clientKeyOf(source: { account?: string; url?: string; esp?: string }): string {
  const account = source.account?.trim();
  if (account) return `account:${account.toLowerCase()}`;
  if (source.url) {
    try {
      return `host:${new URL(source.url).hostname}`;
    } catch {
      // not a URL: fall through
    }
  }
  return `esp:${source.esp ?? 'unknown'}`;
}

/** What a client is called before the user names it: the account as written, the host, or the ESP's name. */
export function defaultClientName(clientKey: string, account?: string): string {
  const colon = clientKey.indexOf(':');
  const kind = clientKey.slice(0, colon);
  const value = clientKey.slice(colon + 1);
  if (kind === 'account') return account?.trim() || value;
  if (kind === 'esp') return sourceName(value);
  return value;
}

export function pointOf(summary: CampaignSummary, at: number): ClientPoint {
  const point: ClientPoint = {
    at,
    rawOpens: summary.raw.uniqueOpens,
    rawClicks: summary.raw.uniqueClicks,
    peopleOpens: summary.qualified.uniqueOpens,
    peopleClicks: summary.qualified.uniqueClicks,
  };
  if (summary.raw.openRate !== undefined) point.rawOpenRate = summary.raw.openRate;
  if (summary.qualified.openRate !== undefined) point.peopleOpenRate = summary.qualified.openRate;
  if (summary.raw.clickRate !== undefined) point.rawClickRate = summary.raw.clickRate;
  if (summary.qualified.clickRate !== undefined) point.peopleClickRate = summary.qualified.clickRate;
  return point;
}

async function loadClientSettings(): Promise<ClientSettings> {
  const stored = (await area().get(CLIENTS_KEY))[CLIENTS_KEY] as Partial<ClientSettings> | undefined;
  return { names: { ...(stored?.names ?? {}) }, mergedInto: { ...(stored?.mergedInto ?? {}) }, accounts: { ...(stored?.accounts ?? {}) } };
}

/** Follows merges to the client a key now belongs to (a chain of merges ends at one client; cycles are cut). */
export function resolveClient(settings: ClientSettings, key: string): string {
  const seen = new Set<string>();
  let current = key;
  while (settings.mergedInto[current] !== undefined && !seen.has(current)) {
    seen.add(current);
    current = settings.mergedInto[current]!;
  }
  return current;
}

/** Records one classification of an audit: the point over time and which client it belongs to. */
export async function recordAuditPoint(
  auditId: string,
  source: { account?: string; url?: string; esp?: string },
  summary: CampaignSummary,
  at: number = Date.now(),
): Promise<void> {
  const key = `${POINTS_PREFIX}${auditId}`;
  const clientKey = clientKeyOf(source);
  const stored = (await area().get(key))[key] as StoredPoints | undefined;
  const points = [...(stored?.points ?? []), pointOf(summary, at)].slice(-MAX_POINTS_PER_AUDIT);
  const writes: Record<string, unknown> = { [key]: { clientKey, points } satisfies StoredPoints };
  if (source.account?.trim()) {
    const settings = await loadClientSettings();
    if (settings.accounts[clientKey] !== source.account.trim()) {
      settings.accounts[clientKey] = source.account.trim();
      writes[CLIENTS_KEY] = settings;
    }
  }
  await area().set(writes);
}

/** Every audit grouped by client (merges applied, names as the user set them), each with its points over time. */
export async function listClientHistory(audits: readonly AuditRecord[]): Promise<ClientHistory[]> {
  const settings = await loadClientSettings();
  const all = await area().get(null);
  const byClient = new Map<string, ClientHistory>();
  for (const audit of audits) {
    const stored = all[`${POINTS_PREFIX}${audit.id}`] as StoredPoints | undefined;
    const ownKey = stored?.clientKey ?? clientKeyOf({ esp: audit.esp });
    const key = resolveClient(settings, ownKey);
    let client = byClient.get(key);
    if (!client) {
      client = { key, name: settings.names[key] ?? defaultClientName(key, settings.accounts[key]), mergedKeys: [], audits: [] };
      byClient.set(key, client);
    }
    if (ownKey !== key && !client.mergedKeys.includes(ownKey)) client.mergedKeys.push(ownKey);
    client.audits.push({ audit, points: stored?.points ?? [pointOf(audit.summary, audit.createdAt)] });
  }
  const clients = [...byClient.values()];
  for (const client of clients) client.audits.sort((a, b) => b.audit.createdAt - a.audit.createdAt);
  return clients.sort((a, b) => a.name.localeCompare(b.name));
}

export async function renameClient(key: string, name: string): Promise<void> {
  const settings = await loadClientSettings();
  const trimmed = name.trim().slice(0, 200);
  if (trimmed) settings.names[key] = trimmed;
  else delete settings.names[key];
  await area().set({ [CLIENTS_KEY]: settings });
}

/** Merges client `from` into client `into` (both as shown: merges already applied). */
export async function mergeClients(from: string, into: string): Promise<void> {
  const settings = await loadClientSettings();
  const target = resolveClient(settings, into);
  if (resolveClient(settings, from) === target) return;
  settings.mergedInto[from] = target;
  await area().set({ [CLIENTS_KEY]: settings });
}

/** Undoes a merge: the client shows on its own again. */
export async function splitClient(key: string): Promise<void> {
  const settings = await loadClientSettings();
  delete settings.mergedInto[key];
  await area().set({ [CLIENTS_KEY]: settings });
}

/** The accumulated page rows of a campaign as the classifier saw them (sourceIndex = the verdicts' sourceIndex). */
export async function reportEvents(campaignKey: string): Promise<EngagementEvent[]> {
  const accumulated = await getPageRows(campaignKey);
  if (!accumulated) return [];
  return toCampaign(accumulated).campaign.events.slice(0, MAX_EXPORT_EVENTS);
}
