// Finds the data tables of a page, whatever they are built from: real `<table>`s, ARIA grids/tables
// (`role="grid|table|treegrid"` with `row`/`cell`/`gridcell`/`columnheader`), and div-based grids (repeated
// sibling rows with aligned cells, as React table kits render them). A table is kept only when its header
// text says it holds engagement data (the caller's `accepts`), so layout tables and menus never count.

export type TableKind = 'table' | 'aria' | 'div-grid';

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

/** Collapses whitespace; the text a person sees in a cell (our own chips live in shadow roots: not included). */
export function textOf(element: Element | undefined): string {
  if (!element) return '';
  if (element.childElementCount === 0) return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  // textContent glues sibling elements together ("Daniel Mensah" + "d.mensah@…" → "Daniel Mensahd.mensah@…"):
  // join the text nodes with spaces instead.
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue;
    if (value && value.trim()) parts.push(value);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const ARIA_TABLE_SELECTOR = '[role="grid"], [role="table"], [role="treegrid"]';
const ARIA_CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);
// Elements whose subtree never holds a report table.
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'SELECT', 'NAV']);
/** Marks the elements Scanner Sieve adds itself (chip hosts, the summary), so the reader never reads them. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-sieve-own';

// ---- real <table> ----

function htmlTableRows(table: HTMLTableElement): HTMLTableRowElement[] {
  // table.rows lists this table's own rows (thead, tbodies, tfoot), never the rows of nested tables.
  return Array.from(table.rows);
}

function isHeaderRow(row: HTMLTableRowElement): boolean {
  if (row.parentElement?.tagName === 'THEAD') return true;
  const cells = Array.from(row.cells);
  return cells.length > 0 && cells.every((cell) => cell.tagName === 'TH');
}

/** Cell elements of a table row placed at their column positions (colspan respected). */
function positionedCells(cells: Element[]): Array<Element | undefined> {
  const placed: Array<Element | undefined> = [];
  for (const cell of cells) {
    const span = Math.max(1, Math.min(50, Number(cell.getAttribute('colspan')) || 1));
    placed.push(cell);
    for (let extra = 1; extra < span; extra += 1) placed.push(undefined);
  }
  return placed;
}

function readHtmlTable(table: HTMLTableElement): FoundTable | undefined {
  const rows = htmlTableRows(table);
  const headerRows = rows.filter(isHeaderRow);
  const headerRow = headerRows[headerRows.length - 1];
  if (!headerRow) return undefined;
  const headers = positionedCells(Array.from(headerRow.cells)).map((cell) => textOf(cell));
  return {
    root: table,
    kind: 'table',
    headers,
    headerRow,
    rows: rows.filter((row) => !headerRows.includes(row) && row.parentElement?.tagName !== 'TFOOT'),
    cellsOf: (row) => positionedCells(Array.from((row as HTMLTableRowElement).cells ?? row.children)),
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
    for (const child of Array.from(parent.children)) {
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

function readAriaTable(root: Element): FoundTable | undefined {
  const rows = Array.from(root.querySelectorAll('[role="row"]')).filter((row) => closestAriaTable(row) === root);
  const headerRows = rows.filter((row) => ariaCellsOf(row).some((cell) => cell?.getAttribute('role') === 'columnheader'));
  const headerRow = headerRows[headerRows.length - 1];
  if (!headerRow) return undefined;
  return {
    root,
    kind: 'aria',
    headers: ariaCellsOf(headerRow).map((cell) => textOf(cell)),
    headerRow,
    rows: rows.filter((row) => !headerRows.includes(row)),
    cellsOf: ariaCellsOf,
  };
}

// ---- div grids ----

/** Rows of a div grid look alike: same tag, same number of child cells (classes are build-hashed, so unused). */
function rowSignature(element: Element): string {
  return `${element.tagName}/${element.childElementCount}`;
}

function divGridFrom(container: Element, accepts: (headers: string[]) => boolean): FoundTable | undefined {
  const children = Array.from(container.children);
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
    row.childElementCount > 0 && Array.from(row.children).every((child) => child.childElementCount === cellCountOf);
  if (rows.some(isRowGroup)) return undefined;
  const cellsOf = (row: Element): Array<Element | undefined> => Array.from(row.children);
  const first = rows[0];
  if (first && accepts(cellsOf(first).map((cell) => textOf(cell)))) {
    return { root: container, kind: 'div-grid', headers: cellsOf(first).map((c) => textOf(c)), headerRow: first, rows: rows.slice(1), cellsOf };
  }
  // Header kept apart from the scrolling body: the container's previous sibling (or its parent's) is the header.
  const cellCount = first?.childElementCount ?? 0;
  const candidates = [container.previousElementSibling, container.parentElement?.previousElementSibling];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const headerRow = candidate.childElementCount === cellCount ? candidate : Array.from(candidate.children).find((c) => c.childElementCount === cellCount);
    if (!headerRow) continue;
    const headers = Array.from(headerRow.children).map((cell) => textOf(cell));
    if (accepts(headers)) return { root: container, kind: 'div-grid', headers, headerRow, rows, cellsOf };
  }
  return undefined;
}

function findDivGrids(scope: Element, taken: Element[], accepts: (headers: string[]) => boolean): FoundTable[] {
  const found: FoundTable[] = [];
  const doc = scope.ownerDocument;
  const walker = doc.createTreeWalker(scope, 1 /* NodeFilter.SHOW_ELEMENT */, {
    acceptNode(node) {
      const element = node as Element;
      if (SKIPPED_TAGS.has(element.tagName.toUpperCase()) || element.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) return 2; // reject subtree
      if (element.tagName === 'TABLE' || taken.includes(element)) return 2;
      return 1;
    },
  });
  for (let node = walker.nextNode(); node; ) {
    const element = node as Element;
    const grid = element.childElementCount >= 2 ? divGridFrom(element, accepts) : undefined;
    if (grid) {
      found.push(grid);
      // Skip the grid's subtree: rows and cells are not grids of their own.
      let next: Node | null = walker.nextSibling();
      while (!next && walker.parentNode()) next = walker.nextSibling();
      node = next;
    } else {
      node = walker.nextNode();
    }
  }
  return found;
}

/**
 * Every data table inside `scopes` (default: the document body), in document order. `accepts` decides from the
 * header texts whether a table holds engagement data.
 */
export function findTables(doc: Document, accepts: (headers: string[]) => boolean, scopes?: Element[]): FoundTable[] {
  const roots = scopes && scopes.length > 0 ? scopes : doc.body ? [doc.body] : [];
  const found: FoundTable[] = [];
  const seen = new Set<Element>();
  const keep = (table: FoundTable | undefined) => {
    if (!table || seen.has(table.root) || !accepts(table.headers)) return;
    seen.add(table.root);
    found.push(table);
  };
  for (const scope of roots) {
    const tables = scope.tagName === 'TABLE' ? [scope] : Array.from(scope.querySelectorAll('table'));
    for (const table of tables) keep(readHtmlTable(table as HTMLTableElement));
    const aria = scope.matches(ARIA_TABLE_SELECTOR) ? [scope] : Array.from(scope.querySelectorAll(ARIA_TABLE_SELECTOR));
    for (const grid of aria) if (grid.tagName !== 'TABLE') keep(readAriaTable(grid));
  }
  for (const scope of roots) {
    if (scope.tagName === 'TABLE') continue;
    const taken = [...seen];
    if (taken.some((root) => root.contains(scope))) continue;
    for (const grid of findDivGrids(scope, taken, accepts)) keep(grid);
  }
  const order = (a: FoundTable, b: FoundTable) =>
    a.root === b.root ? 0 : a.root.compareDocumentPosition(b.root) & 4 /* FOLLOWING */ ? -1 : 1;
  return found.sort(order);
}
