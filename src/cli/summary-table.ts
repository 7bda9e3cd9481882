// `scanner-sieve audit FILE --summary`: the report as a table for a person in a terminal — raw numbers beside
// the people's numbers (human + suspect, conventions §1), the plausible range of the people's numbers, who the
// machines were, and the timing windows the classifier learned from this campaign.
import type { ImportResult } from '../importers/index';
import type { CampaignSummary, EventVerdict, Label, RateSet } from '../shared/types';

export interface SummaryInput {
  file: string;
  imported: ImportResult;
  summary: CampaignSummary;
  verdicts: readonly EventVerdict[];
}

const PEOPLE: ReadonlySet<Label> = new Set<Label>(['human', 'suspect']);

function percent(fraction: number | undefined): string {
  return fraction === undefined || !Number.isFinite(fraction) ? '–' : `${(fraction * 100).toFixed(1)} %`;
}

function count(value: number | undefined): string {
  return value === undefined ? '–' : value.toLocaleString('en-US');
}

function range(pair: [number, number] | undefined, asPercent: boolean): string {
  if (!pair) return '';
  const [low, high] = pair;
  return asPercent ? `${percent(low)} – ${percent(high)}` : `${count(Math.round(low))} – ${count(Math.round(high))}`;
}

function seconds(value: number): string {
  if (value < 120) return `${Math.round(value)} s`;
  if (value < 7200) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

/** Left column padded, the rest right-aligned. */
function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('   ')
      .trimEnd(),
  );
}

export function formatSummaryTable({ file, imported, summary, verdicts }: SummaryInput): string {
  const lines: string[] = [];
  const format = imported.recordFormat ?? imported.format;
  lines.push(`Scanner Sieve audit of ${file}`);
  lines.push(
    `${format}: ${count(imported.recordCount)} records, ${count(verdicts.length)} opens and clicks` +
      (imported.skippedCount > 0 ? `, ${count(imported.skippedCount)} unreadable` : '') +
      (summary.delivered !== undefined ? `, ${count(summary.delivered)} delivered` : ''),
  );
  lines.push('');

  const tally = { open: { raw: 0, people: 0 }, click: { raw: 0, people: 0 } };
  for (const verdict of verdicts) {
    tally[verdict.type].raw++;
    if (PEOPLE.has(verdict.label)) tally[verdict.type].people++;
  }
  const raw: RateSet = summary.raw;
  const people: RateSet = summary.qualified;
  const ranges = summary.qualifiedRanges;
  const rangeHeader = ranges ? `people, ${Math.round(ranges.level * 100)} % range` : '';
  lines.push(
    ...table([
      ['', 'raw', 'people', rangeHeader],
      ['Opens', count(tally.open.raw), count(tally.open.people), ''],
      ['Clicks', count(tally.click.raw), count(tally.click.people), ''],
      ['Unique openers', count(raw.uniqueOpens), count(people.uniqueOpens), range(ranges?.uniqueOpens, false)],
      ['Unique clickers', count(raw.uniqueClicks), count(people.uniqueClicks), range(ranges?.uniqueClicks, false)],
      ['Open rate', percent(raw.openRate), percent(people.openRate), range(ranges?.openRate, true)],
      ['Click rate', percent(raw.clickRate), percent(people.clickRate), range(ranges?.clickRate, true)],
      ['Click-to-open', percent(raw.clickToOpenRate), percent(people.clickToOpenRate), ''],
    ]),
  );
  if (summary.espTotals) {
    const totals = Object.entries(summary.espTotals)
      .filter(([, value]) => typeof value === 'number')
      .map(([name, value]) => `${name} ${count(value)}`);
    if (totals.length > 0) lines.push(`Reported by the ESP: ${totals.join(', ')}`);
  }
  lines.push('');
  const labels = (['human', 'suspect', 'proxy', 'scanner'] as const).map((label) => `${label} ${count(summary.byLabel[label] ?? 0)}`);
  lines.push(`Labels: ${labels.join(', ')}`);
  const vendors = Object.entries(summary.byVendor).sort((a, b) => b[1] - a[1]);
  lines.push(`Vendors: ${vendors.length > 0 ? vendors.map(([vendor, events]) => `${vendor} ${count(events)}`).join(', ') : 'none recognised'}`);
  const learned = summary.learned;
  if (learned) {
    const band = learned.machineBand ? `; machine fetches ${seconds(learned.machineBand.fromSeconds)} – ${seconds(learned.machineBand.toSeconds)} after delivery` : '';
    lines.push(`Learned windows: link bursts within ${seconds(learned.burstWindowSeconds)} (${learned.burstWindowSource})${band}; ${learned.basis}`);
  }
  const reasons = Object.entries(summary.byReason).sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (reasons.length > 0) lines.push(`Top reasons: ${reasons.map(([reason, events]) => `${reason} ${count(events)}`).join(', ')}`);
  if (summary.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of summary.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
