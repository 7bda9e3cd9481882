// Page rows and imported exports become audits here: accumulate (pages), classify with the current ranges and
// settings, store the summary in the history. The classifier is the only place that decides labels.
import { classifyCampaign } from '../classifier/index';
import type { AuditRecord, PageRowsPayload, PageRowsResponse, StorageProblem } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { Campaign, CampaignReport, RangeLookup } from '../shared/types';
import { emptyAccumulation, mergePage, toCampaign, type AccumulatedCampaign } from './accumulate';
import { inCampaignQueue } from './campaign-queue';
import { approxSummaryBytes, pruneHistory, storageProblem } from './history';
import { replaceCampaignReport } from './tab-reports';
import { attachMailHosts, withMailHosts } from './mail-hosts';
import { compactEvents, compactEventsBytes, expandEvents } from './compact-events';
import {
  clearReports,
  deleteAuditRecord,
  getImportEvents,
  getPageRows,
  listAuditRecords,
  pageAuditId,
  pageCampaignKeyOf,
  storeImportReport,
  storePageReport,
  updateAuditRecord,
} from './db';

/** Mail hosts (opt-in MX lookup) go in as a classifier prior and come out as the popup's breakdown. */
async function classify(
  campaign: Campaign,
  settings: Settings,
  ranges: RangeLookup,
  waitForNetwork: boolean,
): Promise<CampaignReport> {
  const withHosts = await withMailHosts(campaign, settings, waitForNetwork);
  return attachMailHosts(classifyCampaign(withHosts, { ranges, settings: settings.classifier }), withHosts);
}

/**
 * Labels a page's rows against everything accumulated for its campaign, THEN stores the accumulation and its
 * history record. Labels come first so a full disk (or any storage failure) still labels the page: the failure
 * comes back as `storageProblem` for the popup. Runs in the campaign's queue, so two tabs sending rows of one
 * campaign at once both keep their rows.
 */
export function classifyPageRows(
  payload: PageRowsPayload,
  settings: Settings,
  ranges: RangeLookup,
  now = Date.now(),
): Promise<PageRowsResponse> {
  return inCampaignQueue(payload.campaignKey, async () => {
    let previous: AccumulatedCampaign | undefined;
    try {
      previous = await getPageRows(payload.campaignKey);
    } catch (error) {
      // An unreadable store must not cost the labels: classify this page alone.
      console.error('Scanner Sieve: stored rows could not be read', error);
    }
    const accumulated = mergePage(previous ?? emptyAccumulation(payload.campaignKey, payload.esp), payload, now);
    const { campaign, rowKeys } = toCampaign(accumulated);
    const report = await classify(campaign, settings, ranges, false);
    const verdictByKey = new Map(rowKeys.map((key, index) => [key, report.verdicts[index]]));
    // Map back to this page's rows, restoring the page's own row indexes.
    const rowVerdicts = payload.rowKeys.flatMap((key, index) => {
      const verdict = verdictByKey.get(key);
      const pageEvent = payload.campaign.events[index];
      return verdict && pageEvent ? [{ ...verdict, sourceIndex: pageEvent.sourceIndex }] : [];
    });
    const response: PageRowsResponse = { report, rowVerdicts, accumulatedRows: rowKeys.length };
    if (campaign.events.length === 0 && !campaign.linkStats) return response;
    const audit: AuditRecord = {
      id: pageAuditId(payload.campaignKey),
      esp: payload.esp,
      campaignName: campaign.name ?? payload.url,
      source: 'page',
      createdAt: now,
      summary: report.summary,
      bytes: (accumulated.bytes ?? 0) + approxSummaryBytes(report.summary),
    };
    try {
      await storePageReport(accumulated, audit);
      await pruneHistory(settings, { keep: audit.id, now });
    } catch (error) {
      console.error('Scanner Sieve: the report was labelled but could not be stored', error);
      response.storageProblem = await storageProblem(error, settings);
    }
    return response;
  });
}

/**
 * What a stored report was classified from, read back: a page report's accumulated rows or an imported report's
 * events, with their stored size. Undefined when the report has none stored (an import from before v3 of the
 * database, or a report deleted meanwhile).
 */
async function storedCampaign(record: AuditRecord): Promise<{ campaign: Campaign; eventBytes: number; campaignKey?: string } | undefined> {
  const campaignKey = pageCampaignKeyOf(record.id);
  if (campaignKey !== undefined) {
    const accumulated = await getPageRows(campaignKey);
    return accumulated ? { campaign: toCampaign(accumulated).campaign, eventBytes: accumulated.bytes ?? 0, campaignKey } : undefined;
  }
  const stored = await getImportEvents(record.id);
  return stored ? { campaign: { ...stored.campaign, events: expandEvents(stored.events) }, eventBytes: compactEventsBytes(stored.events) } : undefined;
}

/**
 * Applies new settings (or new range data) to every stored report, read from a page or imported: re-classifies
 * what it was classified from and replaces its history summary, and the report of every tab showing a page
 * report. Returns the ids of the reports re-classified.
 */
export async function reclassifyStoredReports(settings: Settings, ranges: RangeLookup): Promise<string[]> {
  const done: string[] = [];
  for (const record of await listAuditRecords()) {
    // The page queue (or the import's own id): a page sending rows meanwhile is classified before or after, never lost.
    const queueKey = pageCampaignKeyOf(record.id) ?? record.id;
    await inCampaignQueue(queueKey, async () => {
      const stored = await storedCampaign(record);
      if (!stored) {
        // Nothing to re-classify from: say so on the report instead of showing old numbers as current.
        if (!record.settingsOutdated) await updateAuditRecord(record.id, (current) => ({ ...current, settingsOutdated: true }));
        return;
      }
      const report = await classify(stored.campaign, settings, ranges, false);
      const updated = await updateAuditRecord(record.id, ({ settingsOutdated: _outdated, ...current }) => ({
        ...current,
        summary: report.summary,
        bytes: stored.eventBytes + approxSummaryBytes(report.summary),
      }));
      if (!updated) return;
      if (stored.campaignKey !== undefined) await replaceCampaignReport(stored.campaignKey, report);
      done.push(record.id);
    });
  }
  return done;
}

/**
 * Classifies an imported export and stores the report with its events (by column, see compact-events.ts), so a
 * later settings change re-classifies it like a page report. Counted in the history's size and pruned like any
 * report (never when pinned). Labels first, storage after, as for pages: on a full disk the report still comes
 * back, with the storage problem, and nothing of it is stored.
 */
export async function classifyImport(
  payload: { campaign: Campaign; fileName: string; format: string },
  settings: Settings,
  ranges: RangeLookup,
  now = Date.now(),
): Promise<{ report: CampaignReport; auditId: string; storageProblem?: StorageProblem }> {
  const report = await classify(payload.campaign, settings, ranges, true);
  const auditId = `import:${now.toString(36)}:${payload.fileName}`;
  const { events, ...campaignWithoutEvents } = payload.campaign;
  const compact = compactEvents(events);
  try {
    await storeImportReport(
      { auditId, campaign: campaignWithoutEvents, events: compact },
      {
        id: auditId,
        esp: payload.campaign.esp ?? payload.format,
        campaignName: payload.campaign.name ?? payload.fileName,
        source: 'import',
        createdAt: now,
        summary: report.summary,
        bytes: compactEventsBytes(compact) + approxSummaryBytes(report.summary),
      },
    );
  } catch (error) {
    console.error('Scanner Sieve: the import was classified but could not be stored', error);
    return { report, auditId, storageProblem: await storageProblem(error, settings) };
  }
  await pruneHistory(settings, { keep: auditId, now });
  return { report, auditId };
}

export function listAudits(): Promise<AuditRecord[]> {
  return listAuditRecords();
}

export function deleteAudit(id: string): Promise<void> {
  return deleteAuditRecord(id);
}

/** Pins (never pruned) or unpins a report. */
export async function pinAudit(id: string, pinned: boolean): Promise<void> {
  await updateAuditRecord(id, (record) => {
    const { pinned: _previous, ...rest } = record;
    return pinned ? { ...rest, pinned: true } : rest;
  });
}

/** Clears the history and the events behind it (a half-cleared history would reappear on the next page). */
export function clearHistory(): Promise<void> {
  return clearReports();
}
