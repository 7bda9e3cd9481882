// Finds the data tables of a page, whatever they are built from: real `<table>`s, ARIA grids/tables
// (`role="grid|table|treegrid"` with `row`/`cell`/`gridcell`/`columnheader`), and div-based grids (repeated
// sibling rows with aligned cells, as React table kits render them). A table is kept only when its header
// text says it holds engagement data (the caller's `accepts`), so layout tables and menus never count.

export type TableKind = 'table' | 'aria' | 'div-grid' | 'feed';

export interface FoundTable {
  root: Element;
  kind: TableKind;
  /** Header texts in column order (whitespace collapsed). */
  headers: string[];
  headerRow: Element | undefined;
  /** Data rows in document order (header rows excluded). */
  rows: Element[];
  /** The cell element under each column position of a row (undefined where the row has none). */
  cellsOf(row: Element): Array<Element | undefined>;
}

import { parseDate } from '../shared/dates';
import { childElements, descendants, OWN_ELEMENT_ATTRIBUTE, textOf } from './dom-walk';
import { eventWordKind } from './event-words';

const ARIA_TABLE_SELECTOR = '[role="grid"], [role="table"], [role="treegrid"]';
const ARIA_TABLE_ROLES = new Set(['grid', 'table', 'treegrid']);
const ARIA_CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);
// Elements whose subtree never holds a report table.
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'SELECT', 'NAV']);

/** This table's own rows (thead, tbodies, tfoot, bare rows), never the rows of nested tables. */
function htmlTableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const section of childElements(table)) {
    if (section.tagName === 'TR') rows.push(section);
    else if (section.tagName === 'THEAD' || section.tagName === 'TBODY' || section.tagName === 'TFOOT') {
      for (let row = section.firstElementChild; row; row = row.nextElementSibling) if (row.tagName === 'TR') rows.push(row);
    }
  }
  return rows;
}

function tableCells(row: Element): Element[] {
  return childElements(row).filter((cell) => cell.tagName === 'TD' || cell.tagName === 'TH');
}

function isHeaderRow(row: Element): boolean {
  if (row.parentElement?.tagName === 'THEAD') return true;
  const cells = tableCells(row);
  // One <th> across the body ("Jordan Blake <jordan@…>") heads a group of rows, not the columns.
  return cells.length > 1 && cells.every((cell) => cell.tagName === 'TH');
}

/** A cell's `colspan` or `rowspan`, at least 1 and at most `max` (a page's "colspan=9999" is not believed). */
function spanOf(cell: Element, attribute: 'colspan' | 'rowspan', max: number): number {
  const value = cell.getAttribute(attribute);
  return value === null ? 1 : Math.max(1, Math.min(max, Number(value) || 1));
}

/** Cell elements of a table row placed at their column positions (colspan respected). */
function positionedCells(cells: Element[]): Array<Element | undefined> {
  const placed: Array<Element | undefined> = [];
  for (const cell of cells) {
    placed.push(cell);
    for (let extra = 1; extra < spanOf(cell, 'colspan', 50); extra += 1) placed.push(undefined);
  }
  return placed;
}

/**
 * Cells of every row placed by column, for a table whose cells span rows (`rowspan`): a recipient cell spanning
 * that person's two open rows belongs to both. Built once per such table; tables without rowspan never pay.
 */
function rowSpanGrid(rows: Element[]): Map<Element, Array<Element | undefined>> {
  const grid = new Map<Element, Array<Element | undefined>>();
  // Column → [cell, rows it still covers below the current one].
  let carried: Array<[Element, number] | undefined> = [];
  for (const row of rows) {
    const placed: Array<Element | undefined> = [];
    const next: Array<[Element, number] | undefined> = [];
    let column = 0;
    const fillCarried = () => {
      while (carried[column]) {
        const [cell, left] = carried[column]!;
        placed[column] = cell;
        if (left > 1) next[column] = [cell, left - 1];
        column += 1;
      }
    };
    for (const cell of tableCells(row)) {
      fillCarried();
      const colspan = spanOf(cell, 'colspan', 50);
      const rowspan = spanOf(cell, 'rowspan', 1000);
      for (let extra = 0; extra < colspan; extra += 1) {
        placed[column] = extra === 0 ? cell : undefined;
        if (rowspan > 1) next[column] = [cell, rowspan - 1];
        column += 1;
      }
    }
    fillCarried();
    grid.set(row, placed);
    carried = next;
  }
  return grid;
}

function readHtmlTable(table: Element): FoundTable | undefined {
  const rows = htmlTableRows(table);
  // Header rows come first: stop looking at the first data row (a 10 000-row body is not scanned twice).
  let headerCount = 0;
  while (headerCount < rows.length && headerCount < 5 && isHeaderRow(rows[headerCount]!)) headerCount += 1;
  const headerRow = rows[headerCount - 1];
  if (!headerRow) return undefined;
  const headers = positionedCells(tableCells(headerRow)).map((cell) => textOf(cell));
  // Only tables with row-spanning cells get a grid; grouped tables show them in their first rows.
  const spanned = rows.slice(0, 60).some((row) => tableCells(row).some((cell) => spanOf(cell, 'rowspan', 1000) > 1));
  const grid = spanned ? rowSpanGrid(rows) : undefined;
  return {
    root: table,
    kind: 'table',
    headers,
    headerRow,
    rows: rows.slice(headerCount).filter((row) => row.parentElement?.tagName !== 'TFOOT'),
    cellsOf: (row) => grid?.get(row) ?? positionedCells(tableCells(row)),
  };
}

// ---- ARIA grids ----

function closestAriaTable(element: Element): Element | null {
  return element.parentElement?.closest(ARIA_TABLE_SELECTOR) ?? null;
}

function ariaCellsOf(row: Element): Array<Element | undefined> {
  const cells: Element[] = [];
  // Cells are usually the row's children, sometimes wrapped once or twice (styled-components wrappers).
  const walk = (parent: Element, depth: number) => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      const role = child.getAttribute('role');
      if (role && ARIA_CELL_ROLES.has(role)) cells.push(child);
      else if (role !== 'row' && depth < 3) walk(child, depth + 1);
    }
  };
  walk(row, 0);
  const withIndex = cells.map((cell) => Number(cell.getAttribute('aria-colindex')));
  if (withIndex.every((index) => Number.isInteger(index) && index >= 1)) {
    // Virtualised grids render only some columns and say where each sits with aria-colindex (1-based).
    const placed: Array<Element | undefined> = [];
    cells.forEach((cell, at) => {
      placed[(withIndex[at] ?? 1) - 1] = cell;
    });
    return placed;
  }
  return cells;
}

/**
 * Grids with pinned columns (ag-Grid, MUI X) render each row as several role=row elements, one per pinned
 * section, tied by the same aria-rowindex. The first part stands for the row (it gets the mark); its cells are
 * the parts' cells together, placed by aria-colindex where the grid gives it.
 */
function splitRowParts(rows: Element[]): Map<Element, Element[]> {
  const byIndex = new Map<string, Element[]>();
  for (const row of rows) {
    const index = row.getAttribute('aria-rowindex');
    if (index === null) continue;
    const parts = byIndex.get(index);
    if (parts) parts.push(row);
    else byIndex.set(index, [row]);
  }
  const parts = new Map<Element, Element[]>();
  for (const list of byIndex.values()) {
    if (list.length > 1) for (const row of list) parts.set(row, list);
  }
  return parts;
}

function mergedCells(parts: Element[]): Array<Element | undefined> {
  const cellLists = parts.map(ariaCellsOf);
  const indexed = parts.every((part) => Array.from(part.querySelectorAll('[aria-colindex]')).length > 0);
  if (!indexed) return cellLists.flat();
  const merged: Array<Element | undefined> = [];
  for (const cells of cellLists) cells.forEach((cell, at) => {
    if (cell && !merged[at]) merged[at] = cell;
  });
  return Array.from(merged, (cell) => cell);
}

function readAriaTable(root: Element): FoundTable | undefined {
  const allRows = Array.from(root.querySelectorAll('[role="row"]')).filter((row) => closestAriaTable(row) === root);
  const parts = splitRowParts(allRows);
  const rows = parts.size === 0 ? allRows : allRows.filter((row) => (parts.get(row)?.[0] ?? row) === row);
  const cellsOf = parts.size === 0 ? ariaCellsOf : (row: Element) => (parts.has(row) ? mergedCells(parts.get(row)!) : ariaCellsOf(row));
  const headerRows = rows.filter((row) => cellsOf(row).some((cell) => cell?.getAttribute('role') === 'columnheader'));
  const headerRow = headerRows[headerRows.length - 1];
  if (!headerRow) return undefined;
  return {
    root,
    kind: 'aria',
    headers: cellsOf(headerRow).map((cell) => textOf(cell)),
    headerRow,
    rows: rows.filter((row) => !headerRows.includes(row)),
    cellsOf,
  };
}

// ---- div grids ----

/** Rows of a div grid look alike: same tag, same number of child cells (classes are build-hashed, so unused). */
function rowSignature(element: Element): string {
  return `${element.tagName}/${element.childElementCount}`;
}

/**
 * Names the columns of a list that has no header row from what its cells hold (an event word, a date, an
 * address): timelines such as a message's event history. Returns header texts, or undefined.
 */
export type HeaderGuess = (sample: string[][]) => string[] | undefined;

function divGridFrom(container: Element, accepts: (headers: string[]) => boolean, guessHeaders?: HeaderGuess): FoundTable | undefined {
  const children = childElements(container);
  if (children.length < 2) return undefined;
  const counts = new Map<string, number>();
  for (const child of children) {
    if (child.childElementCount >= 2) counts.set(rowSignature(child), (counts.get(rowSignature(child)) ?? 0) + 1);
  }
  let signature = '';
  let best = 0;
  for (const [key, count] of counts) {
    if (count > best) [signature, best] = [key, count];
  }
  if (best < 2) return undefined;
  const rows = children.filter((child) => rowSignature(child) === signature);
  // A header next to a row *group* (a body div holding the rows) looks like two rows of N cells: when the
  // "cells" of a candidate row are themselves rows of N cells, the real rows are one level down.
  const cellCountOf = rows[0]?.childElementCount ?? 0;
  const isRowGroup = (row: Element) =>
    row.childElementCount > 0 && childElements(row).every((child) => child.childElementCount === cellCountOf);
  if (rows.some(isRowGroup)) return undefined;
  // Page sections that hold a table (a KPI strip beside a grid) are not the rows of a table themselves.
  if (rows.slice(0, 3).some((row) => row.querySelector(`table, ${ARIA_TABLE_SELECTOR}`) !== null)) return undefined;
  const cellsOf = (row: Element): Array<Element | undefined> => childElements(row);
  const first = rows[0];
  const firstTexts = first ? cellsOf(first).map((cell) => textOf(cell)) : [];
  // Header cells name columns; "Recipients 4 | Opens 3" is a strip of counters.
  if (first && firstTexts.filter((text) => /\d/.test(text)).length * 2 <= firstTexts.length && accepts(firstTexts)) {
    return { root: container, kind: 'div-grid', headers: cellsOf(first).map((c) => textOf(c)), headerRow: first, rows: rows.slice(1), cellsOf };
  }
  // Header kept apart from the scrolling body: the container's previous sibling (or its parent's) is the header.
  const cellCount = first?.childElementCount ?? 0;
  const candidates = [container.previousElementSibling, container.parentElement?.previousElementSibling];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const headerRow = candidate.childElementCount === cellCount ? candidate : childElements(candidate).find((c) => c.childElementCount === cellCount);
    if (!headerRow) continue;
    const headers = childElements(headerRow).map((cell) => textOf(cell));
    if (accepts(headers)) return { root: container, kind: 'div-grid', headers, headerRow, rows, cellsOf };
  }
  if (guessHeaders && cellCount <= 12) {
    const guessed = guessHeaders(rows.slice(0, 12).map((row) => cellsOf(row).map((cell) => textOf(cell, 200))));
    if (guessed && accepts(guessed)) return { root: container, kind: 'div-grid', headers: guessed, headerRow: undefined, rows, cellsOf };
  }
  return undefined;
}

// ---- card feeds and timelines ----

const FEED_TAGS = new Set(['OL', 'UL']);
const FEED_ROLES = new Set(['feed', 'list']);
const CARD_HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'B', 'DT']);
const MAX_FEED_LABELS = 12;

/** The card's event heading: its first heading, bold text or role=heading that names an event. */
function cardEvent(card: Element): Element | undefined {
  for (const element of descendants(card, 80)) {
    const heading = CARD_HEADING.has(element.tagName) || element.getAttribute('role') === 'heading';
    if (!heading || element.tagName === 'DT') continue;
    const text = textOf(element, 80);
    if (text && eventWordKind(text) !== 'unknown') return element;
  }
  return undefined;
}

/** The card's exact time: a `datetime`, else a tooltip or a short text that is a date. */
function cardTime(card: Element): Element | undefined {
  const elements = descendants(card, 120);
  return (
    elements.find((element) => element.hasAttribute('datetime')) ??
    elements.find((element) => {
      const title = element.getAttribute('title');
      return title !== null && /\d/.test(title) && parseDate(title, { now: Date.now() }) !== undefined;
    }) ??
    elements.find((element) => element.childElementCount === 0 && /\d/.test(textOf(element, 60)) && textOf(element, 60).length <= 60 && parseDate(textOf(element, 60), { now: Date.now() }) !== undefined)
  );
}

/** A card's properties as label → value element (`<dt>/<dd>` pairs). */
function cardProperties(card: Element): Map<string, Element> {
  const properties = new Map<string, Element>();
  for (const element of descendants(card, 200)) {
    if (element.tagName !== 'DT') continue;
    let value = element.nextElementSibling;
    while (value && value.tagName !== 'DD') value = value.nextElementSibling;
    const label = textOf(element, 60);
    if (value && label && !properties.has(label)) properties.set(label, value);
  }
  return properties;
}

/**
 * An activity feed or timeline built as a list of cards (`<ol>/<li>`, `role="feed"` of articles): each card has
 * an event heading ("Opened Email", "Clic sur un lien"), a time (often only in `<time datetime>` or a tooltip)
 * and properties in a `<dl>`. It is read as a table whose columns are Event, Time and the property labels, so
 * the row reader treats cards and table rows alike. Needs two cards with an event heading and a time.
 */
function feedFrom(list: Element, accepts: (headers: string[]) => boolean): FoundTable | undefined {
  const cards = childElements(list).filter((child) => child.childElementCount > 0);
  if (cards.length < 2) return undefined;
  const sample = cards.slice(0, 20);
  const evented = sample.filter((card) => cardEvent(card) !== undefined && cardTime(card) !== undefined);
  if (evented.length < 2 || evented.length * 2 < sample.length) return undefined;
  const labels: string[] = [];
  for (const card of sample) {
    for (const label of cardProperties(card).keys()) if (!labels.includes(label) && labels.length < MAX_FEED_LABELS) labels.push(label);
  }
  const headers = ['Event', 'Time', ...labels];
  if (!accepts(headers)) return undefined;
  const cellsOf = (card: Element): Array<Element | undefined> => {
    const properties = cardProperties(card);
    return [cardEvent(card), cardTime(card), ...labels.map((label) => properties.get(label))];
  };
  return { root: list, kind: 'feed', headers, headerRow: undefined, rows: cards, cellsOf };
}

/** An element's open shadow root (closed ones are the page's own business and stay unread). */
export function openShadowRoot(element: Element): ShadowRoot | undefined {
  const root = (element as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
  return root && root.mode === 'open' ? root : undefined;
}

/**
 * Every data table inside `scopes` (default: the document body), in document order. `accepts` decides from the
 * header texts whether a table holds engagement data. One walk over the elements: an accepted table's subtree is
 * skipped (its rows are not tables), a rejected one is entered (report tables sit inside layout tables).
 * querySelectorAll is avoided on purpose: on a 10 000-row page a selector scan costs more than this walk.
 */
export function findTables(doc: Document, accepts: (headers: string[]) => boolean, scopes?: Element[], guessHeaders?: HeaderGuess): FoundTable[] {
  const roots = scopes && scopes.length > 0 ? scopes : doc.body ? [doc.body] : [];
  const found: FoundTable[] = [];
  const seen = new Set<Element>();
  const tryElement = (element: Element): boolean => {
    const tag = element.tagName.toUpperCase();
    let table: FoundTable | undefined;
    if (tag === 'TABLE') table = readHtmlTable(element);
    else if (ARIA_TABLE_ROLES.has(element.getAttribute('role') ?? '')) table = readAriaTable(element);
    else if (FEED_TAGS.has(tag) || FEED_ROLES.has(element.getAttribute('role') ?? '')) table = feedFrom(element, accepts);
    if (!table && element.childElementCount >= 2 && tag !== 'TABLE') table = divGridFrom(element, accepts, guessHeaders);
    if (!table || seen.has(table.root) || !accepts(table.headers)) return false;
    seen.add(table.root);
    found.push(table);
    return true;
  };
  const visit = (element: Element | ShadowRoot) => {
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (SKIPPED_TAGS.has(child.tagName.toUpperCase()) || child.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) continue;
      if (tryElement(child)) continue;
      visit(child);
      // A web component's report lives in its open shadow root, which child links never enter.
      const shadow = openShadowRoot(child);
      if (shadow) visit(shadow);
    }
  };
  for (const scope of roots) {
    if (seen.has(scope) || [...seen].some((root) => root.contains(scope))) continue;
    if (scope !== doc.body && tryElement(scope)) continue;
    visit(scope);
  }
  const order = (a: FoundTable, b: FoundTable) =>
    a.root === b.root ? 0 : a.root.compareDocumentPosition(b.root) & 4 /* FOLLOWING */ ? -1 : 1;
  return found.sort(order);
}
