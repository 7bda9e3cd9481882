// What leaves the report: the labelled events as CSV, the summary as JSON and a short plain-text summary for a
// client email. Pure functions of the classifier's report (no DOM), so tests can prove every figure in the
// exports is the summary's own figure; src/ui/download.ts does the browser part.
import Papa from 'papaparse';
import type { CampaignReport, CampaignSummary, EngagementEvent, EventType, EventVerdict, Label } from '../shared/types';
import { describeReason } from '../classifier/reasons';
import type { FilterMode } from '../shared/settings';
import { sourceName, vendorName } from '../shared/vendors';
import type { ClientHistory } from '../shared/messages';
import { formatCount, formatPoints, formatRate, rateDifferencePoints } from './format';
import { clickToOpenShown, espTotalsText, headlineOf, learnedText, NO_VALUE, rateWithRange } from './headline';

/** Column names of the events CSV: the CLI's event fields (conventions §2), then what the source showed. */
export const EVENT_CSV_FIELDS = [
  'index',
  'type',
  'recipient',
  'label',
  'score',
  'reasons',
  'reason_sentences',
  'vendor',
  'vendor_name',
  'timestamp',
  'ip',
  'userAgent',
  'url',
  'messageId',
  'esp_flag',
  'esp_flag_agrees',
  'judged',
] as const;

/**
 * Spreadsheet formula guard: a cell starting with = + - @ tab or CR is written with a leading ' (OWASP "CSV
 * Injection"). papaparse's own `escapeFormulae: true` pattern is /^[=+\-@\t\r].*$/ without the `s` flag, so a
 * cell with a line break after the formula (`=HYPERLINK(…)\nx`) did not match and went out as a live formula:
 * testing the first character alone catches every such cell.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The labelled events as CSV, one row per verdict in report order. `events` (the campaign's events, matched by
 * sourceIndex) fills time, IP, user agent, URL and message id (imports pass the file's events, the popup the
 * worker's accumulated rows of the page). Reasons go out as codes and as the sentences the UI shows.
 */
export function buildEventsCsv(
  verdicts: readonly EventVerdict[],
  events: readonly EngagementEvent[] = [],
  userRangeLabels: readonly string[] = [],
): string {
  const bySourceIndex = new Map<number, EngagementEvent>();
  for (const event of events) bySourceIndex.set(event.sourceIndex, event);
  const rows = verdicts.map((verdict) => {
    const event = bySourceIndex.get(verdict.sourceIndex);
    return [
      verdict.sourceIndex,
      verdict.type,
      verdict.recipient ?? event?.recipient ?? '',
      verdict.label,
      verdict.score,
      verdict.reasons.join(';'),
      verdict.reasons.map(describeReason).join(' | '),
      verdict.vendor ?? '',
      verdict.vendor ? vendorName(verdict.vendor, userRangeLabels) : '',
      event?.timestamp !== undefined ? new Date(event.timestamp).toISOString() : '',
      event?.ip ?? '',
      event?.userAgent ?? '',
      event?.url ?? '',
      event?.messageId ?? '',
      verdict.espFlag?.flag ?? event?.sourceBotHint ?? '',
      verdict.espFlag ? (verdict.espFlag.agrees ? 'agrees' : 'disagrees') : '',
      verdict.unjudged ? 'no: the source showed nothing to judge' : 'yes',
    ];
  });
  return Papa.unparse({ fields: [...EVENT_CSV_FIELDS], data: rows }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

export interface SummaryExportMeta {
  campaignName?: string;
  esp?: string;
  /** Which numbers are the headline (filter: people; log-only: reported). */
  mode?: FilterMode;
  source: 'page' | 'import';
  /** ms since epoch. */
  generatedAt: number;
}

/** The summary as a JSON document: who/when, then the classifier's summary object unchanged. */
export function buildSummaryJson(summary: CampaignSummary, meta: SummaryExportMeta): string {
  return JSON.stringify(
    {
      format: 'scanner-sieve-summary/v1',
      campaign: meta.campaignName ?? null,
      esp: meta.esp ?? null,
      source: meta.source,
      generatedAt: new Date(meta.generatedAt).toISOString(),
      mode: meta.mode ?? 'filter',
      headline: headlineOf(summary, meta.mode ?? 'filter'),
      summary,
    },
    null,
    2,
  );
}

export type CountsByLabel = Record<Label, number>;

export interface EngagementCounts {
  opens: CountsByLabel & { total: number };
  clicks: CountsByLabel & { total: number };
}

function emptyCounts(): CountsByLabel & { total: number } {
  return { human: 0, scanner: 0, proxy: 0, suspect: 0, total: 0 };
}

/**
 * Opens and clicks by label, counted from the verdicts (one verdict = one event; the summary's byLabel mixes
 * opens and clicks). On aggregate pages with no per-event rows, clicks come from the link table: the
 * difference between reported and people clicks is what the link-floor estimate attributes to scanners.
 */
export function countEngagement(report: CampaignReport): EngagementCounts {
  const counts: Record<EventType, CountsByLabel & { total: number }> = { open: emptyCounts(), click: emptyCounts() };
  for (const verdict of report.verdicts) {
    const bucket = counts[verdict.type];
    bucket[verdict.label] += 1;
    bucket.total += 1;
  }
  if (counts.click.total === 0 && report.summary.links.length > 0) {
    const raw = report.summary.links.reduce((sum, link) => sum + link.rawClicks, 0);
    const qualified = report.summary.links.reduce((sum, link) => sum + link.qualifiedClicks, 0);
    counts.click = { human: qualified, scanner: raw - qualified, proxy: 0, suspect: 0, total: raw };
  }
  return { opens: counts.open, clicks: counts.click };
}

function share(part: number, whole: number): string {
  return whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '';
}

function rateLine(name: string, raw: number | undefined, qualified: number | undefined): string | undefined {
  if (raw === undefined && qualified === undefined) return undefined;
  const points = rateDifferencePoints(raw, qualified);
  const difference = points === undefined ? '' : ` (${formatPoints(points)} points)`;
  return `${name}: ${formatRate(raw)} reported, ${formatRate(qualified)} from people${difference}.`;
}

/**
 * A few plain sentences a marketer can paste into an email to a client: "Of 1,240 clicks, 892 came from
 * security scanners…". Every figure is taken from the report as is (rates formatted like the popup shows them).
 */
export function buildClientSummaryText(report: CampaignReport, campaignName?: string, mode: FilterMode = 'filter'): string {
  const { summary } = report;
  const counts = countEngagement(report);
  const lines: string[] = [];
  lines.push(campaignName ? `Campaign “${campaignName}”: engagement check by Scanner Sieve.` : 'Engagement check by Scanner Sieve.');
  // The headline the settings ask for comes first: people numbers (filter) or the reported ones (log only).
  if (summary.raw.uniqueOpens + summary.raw.uniqueClicks > 0) {
    const headline = headlineOf(summary, mode);
    const figures = headline.figures.filter((figure) => figure.value !== NO_VALUE);
    lines.push(`${headline.title}: ${figures.map((figure) => `${figure.name.toLowerCase()} ${figure.value}`).join(', ')}.`);
    lines.push(`${headline.aside}.`);
  }
  if (counts.clicks.total > 0) {
    lines.push(
      `Of ${formatCount(counts.clicks.total)} clicks, ${formatCount(counts.clicks.scanner)} came from security scanners` +
        `${share(counts.clicks.scanner, counts.clicks.total)}, not people.`,
    );
  }
  if (counts.opens.total > 0) {
    lines.push(
      `Of ${formatCount(counts.opens.total)} opens, ${formatCount(counts.opens.proxy)} were privacy prefetches ` +
        `(such as Apple Mail Privacy Protection) and ${formatCount(counts.opens.scanner)} came from security scanners.`,
    );
  }
  for (const line of [
    rateLine('Unique open rate', summary.raw.openRate, summary.qualified.openRate),
    rateLine('Unique click rate', summary.raw.clickRate, summary.qualified.clickRate),
    // Click-to-open never above 100 % (a click counts its clicker as an opener); none without clicks.
    rateLine('Click-to-open rate', clickToOpenShown(summary.raw), clickToOpenShown(summary.qualified)),
  ]) {
    if (line) lines.push(line);
  }
  if (summary.qualifiedRanges?.openRate) {
    lines.push(`People open rate ${rateWithRange(summary.qualified.openRate, summary.qualifiedRanges.openRate)}.`);
  }
  const learned = learnedText(summary.learned);
  if (learned) lines.push(`Learned ${learned}.`);
  const esp = espTotalsText(summary);
  if (esp) lines.push(`${esp}.`);
  if (summary.delivered !== undefined) lines.push(`Delivered: ${formatCount(summary.delivered)}.`);
  if (summary.linkFloor) {
    lines.push(
      `Click figures are an estimate from the link table: about ${Math.round(summary.linkFloor.scannerShare * 100)}% ` +
        `of clicks came from scanners (${summary.linkFloor.basis}).`,
    );
  }
  if (summary.scannerUnsubscribes > 0) {
    lines.push(
      `Warning: ${formatCount(summary.scannerUnsubscribes)} unsubscribe clicks came from security scanners; ` +
        'those recipients may have been unsubscribed without asking.',
    );
  }
  return lines.join('\n');
}

/** Column names of one client's history export: one row per classification of each of its campaigns. */
export const CLIENT_HISTORY_CSV_FIELDS = [
  'client',
  'campaign',
  'source',
  'audit_id',
  'measured_at',
  'reported_unique_opens',
  'people_unique_opens',
  'reported_open_rate',
  'people_open_rate',
  'reported_unique_clicks',
  'people_unique_clicks',
  'reported_click_rate',
  'people_click_rate',
] as const;

/** One client's history as CSV (rates as fractions, times as ISO), for an account manager's own records. */
export function buildClientHistoryCsv(client: ClientHistory): string {
  const rate = (value: number | undefined) => (value === undefined ? '' : Math.round(value * 10000) / 10000);
  const rows = client.audits.flatMap(({ audit, points }) =>
    points.map((point) => [
      client.name,
      audit.campaignName,
      sourceName(audit.esp),
      audit.id,
      new Date(point.at).toISOString(),
      point.rawOpens,
      point.peopleOpens,
      rate(point.rawOpenRate),
      rate(point.peopleOpenRate),
      point.rawClicks,
      point.peopleClicks,
      rate(point.rawClickRate),
      rate(point.peopleClickRate),
    ]),
  );
  return Papa.unparse({ fields: [...CLIENT_HISTORY_CSV_FIELDS], data: rows }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}
