// Link floor for aggregate click tables (URL, total, unique — Mailchimp's click performance page): scanners
// click every link about equally, while people rarely click utility links (privacy, terms, view in browser,
// social profiles, preferences, unsubscribe). The clicks utility links get are therefore mostly the scanner
// floor; subtracting that floor from every link estimates its human clicks.
import type { LinkReport, LinkStat } from '../shared/types';

export type UtilityKind = 'unsubscribe' | 'preferences' | 'privacy' | 'terms' | 'view-in-browser' | 'social';

const UTILITY_PATTERNS: Array<[UtilityKind, RegExp]> = [
  ['unsubscribe', /unsub|opt[-_]?out|list-manage\.com\/unsubscribe|\/remove\b/i],
  ['preferences', /preferences|profile\?|manage[-_]?subscription|email[-_]?settings|list-manage\.com\/profile/i],
  ['privacy', /privacy|gdpr|cookie/i],
  ['terms', /terms|legal|conditions/i],
  ['view-in-browser', /view[-_]?(in[-_]?)?browser|webversion|web[-_]version|\/archive\b|mailchi\.mp\/[^/]+\/[^/]*|us\d+\.campaign-archive/i],
  ['social', /(^|\.|\/\/)(facebook|twitter|x|linkedin|instagram|youtube|tiktok|pinterest)\.com\b/i],
];

export function utilityKind(url: string): UtilityKind | undefined {
  for (const [kind, pattern] of UTILITY_PATTERNS) if (pattern.test(url)) return kind;
  return undefined;
}

export interface LinkFloorEstimate {
  links: LinkReport[];
  scannerShare: number;
  basis: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

export function estimateLinkFloor(stats: unknown): LinkFloorEstimate | undefined {
  if (!Array.isArray(stats)) return undefined;
  const rows: Array<{ url: string; total: number; unique: number; utility: boolean }> = [];
  for (const stat of stats as Array<Partial<LinkStat> | null>) {
    if (stat === null || typeof stat !== 'object' || typeof stat.url !== 'string') continue;
    const total = count(stat.totalClicks);
    if (total === undefined) continue;
    const unique = Math.min(count(stat.uniqueClicks) ?? total, total);
    rows.push({ url: stat.url, total, unique, utility: utilityKind(stat.url) !== undefined });
  }
  if (rows.length === 0) return undefined;
  const utility = rows.filter((row) => row.utility);
  let floorTotal: number;
  let floorUnique: number;
  let basis: string;
  if (utility.length > 0) {
    floorTotal = median(utility.map((row) => row.total));
    floorUnique = median(utility.map((row) => row.unique));
    basis =
      `${utility.length} utility link${utility.length === 1 ? '' : 's'} (privacy, terms, unsubscribe, social, view in browser…) ` +
      `got a median of ${floorUnique} unique clicks. People rarely click those and scanners click every link about ` +
      `equally, so about ${floorUnique} unique clicks of every link are counted as scanner clicks. An estimate: the few ` +
      'people who do click utility links make it slightly high.';
  } else if (rows.length >= 3) {
    floorTotal = Math.min(...rows.map((row) => row.total));
    floorUnique = Math.min(...rows.map((row) => row.unique));
    basis =
      `No utility links to measure the scanner floor on, so the least-clicked link (${floorUnique} unique clicks) is used: ` +
      'scanners click every link, so no link has fewer scanner clicks than that. A rough upper bound on scanner clicks.';
  } else {
    return undefined;
  }
  let totalClicks = 0;
  let scannerClicks = 0;
  const links: LinkReport[] = rows.map((row) => {
    const scannerTotal = Math.min(row.total, floorTotal);
    totalClicks += row.total;
    scannerClicks += scannerTotal;
    return {
      url: row.url,
      rawClicks: row.total,
      qualifiedClicks: Math.round(row.total - scannerTotal),
      rawUniqueClicks: row.unique,
      qualifiedUniqueClicks: Math.round(row.unique - Math.min(row.unique, floorUnique)),
      estimated: true,
      utility: row.utility,
    };
  });
  return { links, scannerShare: totalClicks === 0 ? 0 : scannerClicks / totalClicks, basis };
}
