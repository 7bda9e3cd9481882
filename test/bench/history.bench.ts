// History write time at the cap (issue 12 point 2): the history is filled to its cap with page reports, then one
// more report is written the way the worker writes it (rows and history record in one transaction) and the
// oldest unpinned reports are pruned to make room. Runs on fake-indexeddb in Node, so the figure compares
// versions of this code rather than predicting a browser's disk. Prints figures; asserts nothing about wall time.
import 'fake-indexeddb/auto';
import { emptyAccumulation, mergePage } from '../../src/background/accumulate';
import { closeSieveDb, openSieveDb, pageAuditId, storePageReport, type SieveDb } from '../../src/background/db';
import { approxSummaryBytes, historyStatus, pruneHistory } from '../../src/background/history';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { AuditRecord } from '../../src/shared/messages';
import type { Campaign, CampaignReport } from '../../src/shared/types';

const CAP_MEGABYTES = 40;
const ROWS_PER_REPORT = 2500;
const AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const summary = { raw: { uniqueOpens: 0, uniqueClicks: 0 }, qualified: { uniqueOpens: 0, uniqueClicks: 0 } } as unknown as CampaignReport['summary'];

function reportRows(report: number): { campaign: Campaign; rowKeys: string[] } {
  const sent = Date.UTC(2026, 0, 1) + report * 86_400_000;
  const events = Array.from({ length: ROWS_PER_REPORT }, (_, k) => ({
    type: (k % 4 === 0 ? 'click' : 'open') as 'click' | 'open',
    sourceIndex: k,
    recipient: `reader${k}@company${k % 300}.example.com`,
    timestamp: sent + k * 1000,
    ip: `81.${k & 255}.${(k >> 8) & 255}.${report & 255}`,
    userAgent: AGENT,
    ...(k % 4 === 0 ? { url: `https://shop.example.com/spring/${k % 12}?utm_source=newsletter&utm_campaign=c${report}` } : {}),
  }));
  return { campaign: { name: `Campaign ${report}`, sentAt: sent, events }, rowKeys: events.map((_, k) => `r${k}`) };
}

async function writeReport(db: SieveDb, settings: Settings, report: number, now: number): Promise<void> {
  const key = `sendgrid:c${report}`;
  const accumulated = mergePage(emptyAccumulation(key, 'sendgrid'), reportRows(report), now);
  const audit: AuditRecord = {
    id: pageAuditId(key),
    esp: 'sendgrid',
    campaignName: `Campaign ${report}`,
    source: 'page',
    createdAt: now,
    summary,
    bytes: (accumulated.bytes ?? 0) + approxSummaryBytes(summary),
  };
  await storePageReport(accumulated, audit, db);
  await pruneHistory(settings, { keep: audit.id, now, db });
}

export async function run(): Promise<void> {
  const db = await openSieveDb({ name: `history-bench-${Date.now()}` });
  const settings: Settings = { ...DEFAULT_SETTINGS, history: { capMegabytes: CAP_MEGABYTES } };
  let report = 0;
  const fillStart = performance.now();
  while ((await historyStatus(settings, db)).historyBytes < settings.history.capMegabytes * 1024 * 1024 * 0.98) {
    await writeReport(db, settings, report, report);
    report += 1;
  }
  const status = await historyStatus(settings, db);
  console.log(
    `history filled to the cap: ${status.reports} reports of ${ROWS_PER_REPORT} rows, ${(status.historyBytes / 1048576).toFixed(1)} MB of ${CAP_MEGABYTES} MB (${((performance.now() - fillStart) / 1000).toFixed(1)} s)`,
  );
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    await writeReport(db, settings, report, report);
    times.push(performance.now() - start);
    report += 1;
  }
  times.sort((a, b) => a - b);
  const after = await historyStatus(settings, db);
  console.log(`history write at the cap (store one ${ROWS_PER_REPORT}-row report + prune the oldest): median ${times[2]!.toFixed(0)} ms, slowest ${times[4]!.toFixed(0)} ms`);
  console.log(`after: ${after.reports} reports, ${(after.historyBytes / 1048576).toFixed(1)} MB; last pruning removed ${after.lastPruned?.reports ?? 0}`);
  await closeSieveDb();
}
