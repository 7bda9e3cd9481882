// Rows read on the pages of one paginated report are accumulated per campaign, so the audit covers more than
// the visible page. Pure: the worker stores the result in IndexedDB (pageRows store).
import type { Campaign, Delivery, EngagementEvent, LinkStat } from '../shared/types';

/** What the worker keeps per campaign key. */
export interface AccumulatedCampaign {
  campaignKey: string;
  esp: string;
  name?: string;
  sentAt?: number;
  deliveredCount?: number;
  /** rowKey → event (sourceIndex is re-assigned when a campaign is built). */
  rows: Record<string, EngagementEvent>;
  deliveries: Record<string, Delivery>;
  linkStats: Record<string, LinkStat>;
  links: string[];
  updatedAt: number;
  /** Estimated stored size of the rows, bytes (kept up to date row by row; see approxEventBytes). */
  bytes?: number;
}

/**
 * About how many bytes an event takes in IndexedDB: its text at two bytes a character plus a fixed overhead for
 * the record's keys and numbers. An estimate for the history cap, cheap enough to keep per row.
 */
export function approxEventBytes(event: EngagementEvent): number {
  let characters = 0;
  for (const value of Object.values(event)) if (typeof value === 'string') characters += value.length;
  return 96 + 2 * characters;
}

function approxRowsBytes(rows: Record<string, EngagementEvent>): number {
  let bytes = 0;
  for (const [key, event] of Object.entries(rows)) bytes += 2 * key.length + approxEventBytes(event);
  return bytes;
}

/** Above this many rows a campaign stops growing: the oldest pages are kept, new rows are still classified. */
export const MAX_ACCUMULATED_ROWS = 250_000;

export function emptyAccumulation(campaignKey: string, esp: string): AccumulatedCampaign {
  return { campaignKey, esp, rows: {}, deliveries: {}, linkStats: {}, links: [], updatedAt: 0 };
}

/** Adds one page's rows; a row seen again (same key) replaces its earlier reading. */
export function mergePage(
  previous: AccumulatedCampaign,
  page: { campaign: Campaign; rowKeys: string[] },
  now: number,
): AccumulatedCampaign {
  const rows = { ...previous.rows };
  let size = Object.keys(rows).length;
  let bytes = previous.bytes ?? approxRowsBytes(previous.rows);
  page.campaign.events.forEach((event, index) => {
    const key = page.rowKeys[index];
    if (key === undefined) return;
    const replaced = rows[key];
    if (replaced === undefined) {
      if (size >= MAX_ACCUMULATED_ROWS) return;
      size += 1;
      bytes += 2 * key.length;
    } else {
      bytes -= approxEventBytes(replaced);
    }
    rows[key] = event;
    bytes += approxEventBytes(event);
  });
  const deliveries = { ...previous.deliveries };
  for (const delivery of page.campaign.deliveries ?? []) deliveries[delivery.recipient] = delivery;
  const linkStats = { ...previous.linkStats };
  for (const stat of page.campaign.linkStats ?? []) linkStats[stat.url] = stat;
  const links = [...new Set([...previous.links, ...(page.campaign.links ?? [])])];
  const { campaign } = page;
  return {
    campaignKey: previous.campaignKey,
    esp: previous.esp,
    name: campaign.name ?? previous.name,
    sentAt: campaign.sentAt ?? previous.sentAt,
    deliveredCount: campaign.deliveredCount ?? previous.deliveredCount,
    rows,
    deliveries,
    linkStats,
    links,
    updatedAt: now,
    bytes,
  };
}

/**
 * The campaign to classify, plus where each page row landed in it: events get consecutive sourceIndex values so
 * verdicts can be mapped back to row keys.
 */
export function toCampaign(accumulated: AccumulatedCampaign): { campaign: Campaign; rowKeys: string[] } {
  const rowKeys = Object.keys(accumulated.rows);
  const events = rowKeys.map((key, index) => ({ ...(accumulated.rows[key] as EngagementEvent), sourceIndex: index }));
  const deliveries = Object.values(accumulated.deliveries);
  const linkStats = Object.values(accumulated.linkStats);
  const campaign: Campaign = {
    id: accumulated.campaignKey,
    esp: accumulated.esp,
    events,
    ...(accumulated.name !== undefined ? { name: accumulated.name } : {}),
    ...(accumulated.sentAt !== undefined ? { sentAt: accumulated.sentAt } : {}),
    ...(accumulated.deliveredCount !== undefined ? { deliveredCount: accumulated.deliveredCount } : {}),
    ...(deliveries.length > 0 ? { deliveries } : {}),
    ...(linkStats.length > 0 ? { linkStats } : {}),
    ...(accumulated.links.length > 0 ? { links: accumulated.links } : {}),
  };
  return { campaign, rowKeys };
}
