// Page rows and imported exports become audits here: accumulate (pages), classify with the current ranges and
// settings, store the summary in the history. The classifier is the only place that decides labels.
import { classifyCampaign } from '../classifier/index';
import type { AuditRecord, PageRowsPayload, PageRowsResponse } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { Campaign, CampaignReport, RangeLookup } from '../shared/types';
import { emptyAccumulation, mergePage, toCampaign } from './accumulate';
import { attachMailHosts, withMailHosts } from './mail-hosts';
import {
  clearAuditRecords,
  clearPageRows,
  deleteAuditRecord,
  getPageRows,
  listAuditRecords,
  putAuditRecord,
  putPageRows,
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

export async function classifyPageRows(
  payload: PageRowsPayload,
  settings: Settings,
  ranges: RangeLookup,
  now = Date.now(),
): Promise<PageRowsResponse> {
  const previous = (await getPageRows(payload.campaignKey)) ?? emptyAccumulation(payload.campaignKey, payload.esp);
  const accumulated = mergePage(previous, payload, now);
  await putPageRows(accumulated);
  const { campaign, rowKeys } = toCampaign(accumulated);
  const report = await classify(campaign, settings, ranges, false);
  const verdictByKey = new Map(rowKeys.map((key, index) => [key, report.verdicts[index]]));
  // Map back to this page's rows, restoring the page's own row indexes.
  const rowVerdicts = payload.rowKeys.flatMap((key, index) => {
    const verdict = verdictByKey.get(key);
    const pageEvent = payload.campaign.events[index];
    return verdict && pageEvent ? [{ ...verdict, sourceIndex: pageEvent.sourceIndex }] : [];
  });
  if (campaign.events.length > 0 || campaign.linkStats) {
    await putAuditRecord({
      id: `page:${payload.campaignKey}`,
      esp: payload.esp,
      campaignName: campaign.name ?? payload.url,
      source: 'page',
      createdAt: now,
      summary: report.summary,
    });
  }
  return { report, rowVerdicts, accumulatedRows: rowKeys.length };
}

export async function classifyImport(
  payload: { campaign: Campaign; fileName: string; format: string },
  settings: Settings,
  ranges: RangeLookup,
  now = Date.now(),
): Promise<{ report: CampaignReport; auditId: string }> {
  const report = await classify(payload.campaign, settings, ranges, true);
  const auditId = `import:${now.toString(36)}:${payload.fileName}`;
  await putAuditRecord({
    id: auditId,
    esp: payload.campaign.esp ?? payload.format,
    campaignName: payload.campaign.name ?? payload.fileName,
    source: 'import',
    createdAt: now,
    summary: report.summary,
  });
  return { report, auditId };
}

export function listAudits(): Promise<AuditRecord[]> {
  return listAuditRecords();
}

export function deleteAudit(id: string): Promise<void> {
  return deleteAuditRecord(id);
}

/** Clears the history and the rows accumulated for it (a half-cleared history would reappear on the next page). */
export async function clearHistory(): Promise<void> {
  await clearAuditRecords();
  await clearPageRows();
}
