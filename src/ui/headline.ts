// The numbers a marketer repeats to a client, worded once for the popup, the in-page summary and the exports.
// Pure (no DOM, no browser API) so the content script, the popup and the tests share it.
//
// Filter mode: the people numbers are the headline and the reported numbers the aside. Log-only mode: the
// reported numbers stay the headline (the user only wants to look) and the people numbers are the aside.
import type { FilterMode } from '../shared/settings';
import type { CampaignSummary, LearnedWindows, RateSet } from '../shared/types';
import { formatCount, formatDuration, formatRate } from './format';

/** Shown where a rate cannot be computed (no clicks in the source, nothing says how many were delivered). */
export const NO_VALUE = '—';

/** 0.241 and [0.228, 0.25] → "24.1% (22.8–25.0%)"; no rate → "—". */
export function rateWithRange(rate: number | undefined, range?: readonly [number, number]): string {
  if (rate === undefined || !Number.isFinite(rate)) return NO_VALUE;
  const shown = formatRate(rate);
  if (!range) return shown;
  const [low, high] = range;
  return `${shown} (${formatRate(low).replace('%', '')}–${formatRate(high)})`;
}

/**
 * Click-to-open as a reader may repeat it: the classifier's figure (which counts a clicker as an opener), never
 * above 1 (100 %); undefined when the source has no clicks (the classifier leaves it out then).
 */
export function clickToOpenShown(rates: RateSet): number | undefined {
  const value = rates.clickToOpenRate;
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.min(1, Math.max(0, value));
}

/** Click-to-open as text: at most 100 %, "—" when the source has no clicks. */
export function clickToOpenText(rates: RateSet): string {
  const value = clickToOpenShown(rates);
  return value === undefined ? NO_VALUE : formatRate(value);
}

/** The delivered count, never below the recipients seen engaging (a page may show fewer delivered than openers). */
export function deliveredAtLeastEngaged(summary: CampaignSummary): number | undefined {
  if (summary.delivered === undefined) return undefined;
  return Math.max(summary.delivered, summary.raw.uniqueOpens, summary.raw.uniqueClicks);
}

export interface HeadlineFigure {
  /** Stable id for tests and data-testid: `opens`, `clicks`, `open-rate`, `click-rate`, `click-to-open`. */
  id: 'opens' | 'clicks' | 'open-rate' | 'click-rate' | 'click-to-open';
  name: string;
  value: string;
}

export interface Headline {
  mode: FilterMode;
  /** "People (scanners and proxies removed)" or "Reported by the page (labels shown, nothing removed)". */
  title: string;
  figures: HeadlineFigure[];
  /** The other side in one line: "Reported: 61 opens, 12 clicks" / "People: 24 opens, 5 clicks". */
  aside: string;
}

function figuresOf(rates: RateSet, ranges: CampaignSummary['qualifiedRanges'] | undefined): HeadlineFigure[] {
  return [
    { id: 'opens', name: 'Unique opens', value: formatCount(rates.uniqueOpens) },
    { id: 'clicks', name: 'Unique clicks', value: formatCount(rates.uniqueClicks) },
    { id: 'open-rate', name: 'Open rate', value: rateWithRange(rates.openRate, ranges?.openRate) },
    { id: 'click-rate', name: 'Click rate', value: rateWithRange(rates.clickRate, ranges?.clickRate) },
    { id: 'click-to-open', name: 'Click-to-open', value: clickToOpenText(rates) },
  ];
}

function countOf(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function asideOf(name: string, rates: RateSet): string {
  const rate = rates.openRate === undefined ? '' : ` (${formatRate(rates.openRate)})`;
  return `${name}: ${countOf(rates.uniqueOpens, 'open', 'opens')}${rate}, ${countOf(rates.uniqueClicks, 'click', 'clicks')}`;
}

/** The headline figures for a mode: the people numbers (filter) or the reported ones (log-only). */
export function headlineOf(summary: CampaignSummary, mode: FilterMode): Headline {
  if (mode === 'log-only') {
    return {
      mode,
      title: 'Reported numbers (log only: labels shown, nothing removed)',
      figures: figuresOf(summary.raw, undefined),
      aside: asideOf('Of these, people', summary.qualified),
    };
  }
  return {
    mode,
    title: 'People (scanners and privacy proxies removed)',
    figures: figuresOf(summary.qualified, summary.qualifiedRanges),
    aside: asideOf('Reported', summary.raw),
  };
}

/** "in this campaign, machine bursts: links ≤ 6 s apart, 20 s–4 min after delivery", or undefined. */
export function learnedText(learned: LearnedWindows | undefined): string | undefined {
  if (!learned) return undefined;
  const origin =
    learned.burstWindowSource === 'learned' ? 'in this campaign' : learned.burstWindowSource === 'setting' ? 'your setting' : 'default';
  const band = learned.machineBand
    ? `, ${formatDuration(learned.machineBand.fromSeconds)}–${formatDuration(learned.machineBand.toSeconds)} after delivery`
    : '';
  return `${origin}, machine bursts: links ≤ ${formatDuration(learned.burstWindowSeconds)} apart${band}`;
}

/**
 * The ESP's own totals beside ours, and how much of them the rows read cover:
 * "Reported by the ESP: 61 opens, 38 recipients · the rows read here hold 45 of their 61 opens".
 */
export function espTotalsText(summary: CampaignSummary): string | undefined {
  const totals = summary.espTotals;
  if (!totals) return undefined;
  const parts: string[] = [];
  const add = (value: number | undefined, words: string) => {
    if (value !== undefined) parts.push(`${formatCount(value)} ${words}`);
  };
  add(totals.recipients, 'recipients');
  add(totals.delivered, 'delivered');
  add(totals.uniqueOpens, 'unique opens');
  add(totals.opens, 'opens');
  add(totals.uniqueClicks, 'unique clicks');
  add(totals.clicks, 'clicks');
  if (parts.length === 0) return undefined;
  const coverage: string[] = [];
  const theirOpens = totals.uniqueOpens ?? totals.opens;
  if (theirOpens !== undefined && theirOpens > 0) {
    coverage.push(`${formatCount(Math.min(summary.raw.uniqueOpens, theirOpens))} of their ${formatCount(theirOpens)} opens`);
  }
  const theirClicks = totals.uniqueClicks ?? totals.clicks;
  if (theirClicks !== undefined && theirClicks > 0) {
    coverage.push(`${formatCount(Math.min(summary.raw.uniqueClicks, theirClicks))} of their ${formatCount(theirClicks)} clicks`);
  }
  const covered = coverage.length > 0 ? ` · the rows read here hold ${coverage.join(' and ')}` : '';
  return `Reported by the ESP: ${parts.join(', ')}${covered}`;
}

/** The one warning that matters most, or undefined: scanner unsubscribes first, then rows judged on no evidence. */
export function topWarning(summary: CampaignSummary, unjudgedRows = 0): string | undefined {
  if (summary.scannerUnsubscribes > 0) {
    return `${formatCount(summary.scannerUnsubscribes)} unsubscribe clicks came from security scanners: those recipients may have been unsubscribed without asking.`;
  }
  if (unjudgedRows > 0) return UNJUDGED_SUMMARY;
  return undefined;
}

/** Said where rows carried nothing to judge (only addresses and counts). */
export const UNJUDGED_SUMMARY =
  'Not judged: this page shows no times, addresses or browsers. Open the campaign’s activity view (one row per open or click, with times) to judge these rows.';
