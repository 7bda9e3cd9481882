// Whether the page writes numeric dates day first ("04/12/2026" = 4 December) or month first (12/04/2026 = the
// same day in the US). Numeric dates alone cannot say it for days 1–12, so the page is asked, strongest first:
// a date in its tables that can only be read one way (a first number over 12), a statement such as
// "(DD/MM/YYYY)", then the page's language (`<html lang>`: en-US writes month first, en-GB/AU/NZ, de, fr, es,
// pt, it, nl… write day first; https://en.wikipedia.org/wiki/Date_format_by_country).
import type { FoundTable } from './find-tables';
import { textOf } from './dom-walk';

const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b/g;
const ORDER_STATEMENT = /\b(DD|MM)[/.-](MM|DD)[/.-](?:YYYY|YY|AAAA|JJJJ)\b/i;
// Languages whose numeric dates put the month first (or the year first, where day/month order never arises).
const MONTH_FIRST_LANGUAGES = /^(?:en(?:-(?:us|ph|ca|um|as|gu|mp|pr|vi))?|fil|tl)$/i;
const YEAR_FIRST_LANGUAGES = /^(?:ja|zh|ko|hu|lt|mn)(?:-|$)/i;
const SAMPLE_ROWS = 200;

/** What the tables' own dates say: true (day first), false (month first) or undefined (no unambiguous date). */
function orderFromRows(tables: readonly FoundTable[]): boolean | undefined {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const table of tables) {
    for (const row of table.rows.slice(0, SAMPLE_ROWS)) {
      for (const match of textOf(row, 2000).matchAll(NUMERIC_DATE)) {
        const first = Number(match[1]);
        const second = Number(match[2]);
        if (first > 12 && second <= 12) dayFirst += 1;
        else if (second > 12 && first <= 12) monthFirst += 1;
      }
    }
  }
  if (dayFirst > monthFirst) return true;
  if (monthFirst > dayFirst) return false;
  return undefined;
}

/** A "(DD/MM/YYYY)" note outside the tables (the first 3 000 text nodes). */
function orderFromStatement(doc: Document, tables: readonly FoundTable[]): boolean | undefined {
  if (!doc.body) return undefined;
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < 3000; node = walker.nextNode(), seen += 1) {
    const text = node.nodeValue ?? '';
    if (!/DD|MM/i.test(text)) continue;
    if (tables.some((table) => table.root.contains(node))) continue;
    const match = ORDER_STATEMENT.exec(text);
    if (match) return match[1]!.toUpperCase() === 'DD';
  }
  return undefined;
}

function orderFromLanguage(doc: Document): boolean | undefined {
  const lang = (doc.documentElement?.getAttribute('lang') ?? '').trim();
  if (!lang || MONTH_FIRST_LANGUAGES.test(lang) || YEAR_FIRST_LANGUAGES.test(lang)) return undefined;
  return true;
}

/** true: day first; false: month first; undefined: the date parser's own default (month first, dots day first). */
export function pageDayFirst(doc: Document, tables: readonly FoundTable[]): boolean | undefined {
  return orderFromRows(tables) ?? orderFromStatement(doc, tables) ?? orderFromLanguage(doc);
}
