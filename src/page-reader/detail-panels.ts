// Expanded detail under a row (Mailgun/SendGrid/Postmark "expand" panels): label/value pairs that add the IP,
// user agent, link or message id the row's own columns leave out.
import type { ColumnField } from '../shared/columns';
import { headerColumns } from './columns';
import { descendants, textOf } from './dom-walk';
import type { FoundTable } from './find-tables';
import { fullText } from './cell-values';

// list "IP address", "User agent", "URL" as label/value pairs under the row, in a one-cell row or panel).
const DETAIL_FIELDS: readonly ColumnField[] = ['ip', 'userAgent', 'url', 'messageId'];
const LABEL_VALUE = /^([^:]{2,40}):\s*(\S.*)$/;

/** The field a short label names ("IP address", "User-Agent", "Clicked URL"), when it names one confidently. */
function detailFieldOf(label: string): ColumnField | undefined {
  const trimmed = label.replace(/[:：]\s*$/, '').trim();
  if (trimmed.length < 2 || trimmed.length > 40) return undefined;
  const columns = headerColumns([trimmed]);
  return DETAIL_FIELDS.find((field) => columns[field] !== undefined);
}

/**
 * The expanded detail under a row: the next sibling when it is not a data row itself (a `<tr>` with one
 * spanning cell, a panel div without cells). Returns undefined when the next sibling is another data row.
 */
export function detailOf(row: Element, table: FoundTable): Element | undefined {
  const next = row.nextElementSibling;
  if (!next) return undefined;
  // The next data row (the common case, cheap to tell): same element with several children.
  if (next.tagName === row.tagName && next.childElementCount >= 2 && next.getAttribute('role') === row.getAttribute('role')) {
    if (table.kind !== 'aria' || next.childElementCount === row.childElementCount) return undefined;
  }
  if (table.cellsOf(next).filter(Boolean).length >= 2) return undefined;
  return textOf(next, 20) ? next : undefined;
}

/** Label/value pairs of a detail panel (`<dt>/<dd>`, `<th>/<td>`, label + value spans, "Label: value" text). */
export function readDetail(detail: Element): Partial<Record<ColumnField, string>> {
  const found: Partial<Record<ColumnField, string>> = {};
  for (const element of descendants(detail, 400)) {
    if (element.childElementCount > 1) continue;
    const text = textOf(element, 200);
    const inline = LABEL_VALUE.exec(text);
    let field = detailFieldOf(text);
    let value: string | undefined;
    if (field) {
      const valueElement = element.nextElementSibling ?? (element.parentElement !== detail ? element.parentElement?.nextElementSibling : null);
      value = valueElement ? fullText(valueElement) : undefined;
    } else if (inline && (field = detailFieldOf(inline[1] ?? ''))) {
      value = inline[2];
    }
    if (field && value && found[field] === undefined) found[field] = value.trim();
  }
  return found;
}

