// The value of one cell: an address, an IP, a user agent, a link, a time, a count. What a person sees in the
// cell first, the full value from a tooltip or `datetime` where the ESP truncates or softens it ("5 minutes ago").
import type { ColumnMap } from '../shared/columns';
import { parseDate, type ParseDateOptions } from '../shared/dates';
import { EVENT_FIELD_LIMITS } from '../shared/messages';
import { descendants, textOf } from './dom-walk';
import type { ReadOptions } from './rows';

export const URL_TEXT = /\bhttps?:\/\/[^\s"'<>]+/i;

// Addresses, e-mail addresses and counts are read by the module the importers use too (one full IP parser, one
// e-mail pattern, one count parser); this file keeps what only a page has: DOM text, tooltips, links.
import { findEmail, parseCount } from '../shared/cell-values';
export { findIp } from '../shared/cell-values';

export function cellAt(cells: Array<Element | undefined>, match: { index: number } | undefined): Element | undefined {
  return match ? cells[match.index] : undefined;
}

/** A cell's full value: ESPs truncate long user agents and URLs visually and keep the whole text in a title. */
export function fullText(cell: Element | undefined): string {
  if (!cell) return '';
  const text = textOf(cell);
  const titled =
    cell.getAttribute('title') ?? (cell.childElementCount > 0 ? descendants(cell).find((e) => e.hasAttribute('title'))?.getAttribute('title') : undefined) ?? '';
  return titled.length > text.replace(/…$/, '').length && titled.startsWith(text.replace(/…$/, '').slice(0, 8)) ? titled : text;
}

// A user-agent string names products with versions ("Mozilla/5.0 (…)", "python-requests/2.31") or a bot by
// name. "Device", "Client", "Browser" columns more often hold a category ("Desktop", "Mobile", "Apple Mail",
// "Gmail"): passed on as an agent, a bare word reads as a non-browser client (bot-ua) to the classifier.
export const AGENT_SHAPE = /[a-z][\w.+-]*\/\d|\b(?:bot|crawler|spider|proxy|scanner|headless|preview|discovery|sentinel)\b/i;

/**
 * The row's user agent: the whole cell under a "User agent" header, a category column's cell only when it is
 * one. A short client name ("Chrome 99 / Windows", "Gmail") often carries the full agent in its tooltip.
 */
export function agentText(cell: Element | undefined, columns: ColumnMap): string {
  if (!cell) return '';
  const text = fullText(cell);
  // "Chrome 97" + the agent on a second line: the agent from where it starts.
  const inside = agentIn(text);
  if (inside) return inside;
  if (text === 'Mozilla/5.0' || AGENT_SHAPE.test(text)) return text;
  const titles = [cell, ...(cell.childElementCount > 0 ? descendants(cell) : [])].map((element) => element.getAttribute('title') ?? '');
  const titled = titles.find((title) => title.length > 0 && (title.trim() === 'Mozilla/5.0' || AGENT_SHAPE.test(title)));
  if (titled) return titled.trim();
  if (!text || /^[-–—]$/.test(text)) return '';
  return (columns.userAgent?.confidence ?? 0) >= 1 ? text : '';
}

// Where a user-agent string starts inside a longer text ("126.227.4.19 · Mozilla/5.0 (Windows…)", "Chrome 97
// Mozilla/5.0 (…)"): browsers and the usual non-browser clients name themselves as product/version.
const AGENT_START = /(?:^|[\s·|,;])((?:Mozilla|Opera|Dalvik|python-requests|python-urllib|curl|Wget|Go-http-client|Java|okhttp|axios|node-fetch|Apache-HttpClient|libwww-perl|HeadlessChrome|Outlook-iOS|Microsoft Office|Barracuda)\/?\S*)/i;

/** The user agent inside a text, from its start to the end of the text, or undefined. */
export function agentIn(text: string): string | undefined {
  const match = AGENT_START.exec(text);
  if (!match?.[1] || match.index === undefined) return undefined;
  const start = text.indexOf(match[1], match.index);
  // The agent ends where the next labelled value starts ("… Safari/604.1 Link https://…", "… · 81.2.69.160").
  const agent = text.slice(start).replace(/\s+(?:[\p{L}][\p{L} ]{0,24}\s+)?https?:\/\/.*$/u, '').replace(/\s+[·|]\s+.*$/, '').trim();
  return /\/\d|^Barracuda|^Microsoft Office/i.test(agent) ? agent : undefined;
}

/**
 * A user agent shown anywhere in the row when no column is named for it (a "Details" cell holding the link and,
 * under it, the agent): the first element whose own text (or tooltip) starts an agent.
 */
export function agentInRow(row: Element): string | undefined {
  const elements = descendants(row, 300).filter((element) => element.tagName !== 'A');
  // Leaves first (the agent's own line), then wrappers whose text ends with it ("User agent Mozilla/5.0").
  for (const leaves of [true, false]) {
    for (const element of elements) {
      if ((element.childElementCount === 0) !== leaves) continue;
      const found = agentIn(element.getAttribute('title') ?? '') ?? agentIn(textOf(element, 4096));
      if (found) return found;
    }
  }
  return undefined;
}

// A "Bot" / "Machine open" / "Filtered" column: its value is the ESP's own flag unless it says no.
const NO_FLAG = /^(?:no|false|0|-|–|—|n\/a|none|human|nein|non)?$/i;

/** The ESP's flag from a bot-hint column, cut to the message limit; undefined when the cell says no. */
export function botHintOf(cell: Element | undefined): string | undefined {
  const text = textOf(cell, 200);
  return NO_FLAG.test(text) ? undefined : text.slice(0, EVENT_FIELD_LIMITS.sourceBotHint);
}

export function readTime(cell: Element | undefined, options: ReadOptions): number | undefined {
  if (!cell) return undefined;
  // ReadOptions carries the date parser's options (now, timeZone, dayFirst): passed as they are, no copy per row.
  const dateOptions: ParseDateOptions = options;
  const inner = cell.childElementCount > 0 ? descendants(cell) : [];
  const machine = cell.getAttribute('datetime') ?? inner.find((e) => e.hasAttribute('datetime'))?.getAttribute('datetime');
  if (machine) {
    const parsed = parseDate(machine, dateOptions);
    if (parsed !== undefined) return parsed;
  }
  // "5 minutes ago" with the exact time in a tooltip: the tooltip is more precise.
  for (const titled of [cell, ...inner.filter((e) => e.hasAttribute('title'))]) {
    const title = titled.getAttribute('title');
    const parsed = title ? parseDate(title, dateOptions) : undefined;
    if (parsed !== undefined) return parsed;
  }
  return parseDate(textOf(cell), dateOptions);
}

export function readUrl(cell: Element | undefined, pageHost: string | undefined): string | undefined {
  if (!cell) return undefined;
  const anchors = cell.tagName === 'A' ? [cell] : cell.childElementCount > 0 ? descendants(cell).filter((e) => e.tagName === 'A') : [];
  for (const anchor of anchors) {
    const href = anchor.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) continue;
    try {
      if (pageHost && new URL(href).host === pageHost) continue;
    } catch {
      continue;
    }
    return href;
  }
  const text = fullText(cell);
  return URL_TEXT.exec(text)?.[0] ?? (/^[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i.test(text) ? text : undefined);
}

export function readRecipient(cell: Element | undefined, row?: Element): string | undefined {
  // No column names the recipient (an unknown wording, an untitled first column): an address in the row is one.
  if (!cell) return row ? findEmail(textOf(row)) : undefined;
  const text = textOf(cell);
  const email =
    findEmail(text) ??
    findEmail((cell.childElementCount > 0 ? descendants(cell).find((e) => /^mailto:/i.test(e.getAttribute('href') ?? '')) : undefined)?.getAttribute('href') ?? '') ??
    // "Contact" named the person and an "Email" column beside it holds the address.
    (row ? findEmail(textOf(row)) : undefined);
  if (email) return email;
  // No address shown: the ESP's contact name/id still groups a person's events (without a "?" or "–" avatar
  // placeholder in front of it).
  const name = text.replace(/^[^\p{L}\p{N}]+/u, '');
  return name.length > 0 && name.length <= 200 ? name.toLowerCase() : undefined;
}

/** The count in a cell: "1,204" → 1204, "3 (1 unique)" → 3, "—" or "" → 0; undefined when it is no count ("12.5%"). */
export function readCount(cell: Element | undefined): number | undefined {
  if (!cell) return undefined;
  const digits = /\d[\d,.\u202f\u00a0 ]*/.exec(textOf(cell))?.[0];
  if (!digits) return 0;
  return parseCount(digits);
}
