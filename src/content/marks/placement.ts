// Where our marks may go, as pure geometry on boxes the page measured (no DOM here, so it is unit-tested on its
// own: test/content/placement.test.ts). The one rule: a mark never lies over the page's text or controls. A row
// mark takes real free room in its row (a gap between the texts, the row's end), else a smaller form (an icon),
// else a thin stripe in a free edge of the row, else nothing (the row keeps its attributes and is still walked
// from the summary). The summary tab takes the first slot along a screen edge that covers nothing.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type RowMarkForm = 'chip' | 'icon' | 'stripe';

export interface RowMarkPlacement {
  form: RowMarkForm;
  /** The mark's box in viewport coordinates. */
  box: Box;
}

export interface RowMarkSizes {
  /** The labelled chip. */
  chip: { width: number; height: number };
  /** The icon-only chip (label on hover/focus). */
  icon: { width: number; height: number };
  /** The stripe's width; its height follows the row. */
  stripeWidth: number;
  /** Free space kept between a mark and the page's text on each side. */
  gap: number;
}

export const ROW_MARK_SIZES: RowMarkSizes = {
  chip: { width: 64, height: 16 },
  icon: { width: 16, height: 16 },
  stripeWidth: 3,
  gap: 4,
};

export function boxWidth(box: Box): number {
  return box.right - box.left;
}

export function boxHeight(box: Box): number {
  return box.bottom - box.top;
}

export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The free stretches of [from, to] that none of the occupied intervals touch, widest gaps kept in order. Each
 * occupied interval is widened by `gap` on both sides first, so a free stretch keeps that distance from text.
 */
export function freeIntervals(from: number, to: number, occupied: ReadonlyArray<readonly [number, number]>, gap: number): Array<[number, number]> {
  const spans = occupied
    .map(([left, right]) => [Math.max(from, left - gap), Math.min(to, right + gap)] as [number, number])
    .filter(([left, right]) => right > left)
    .sort((a, b) => a[0] - b[0]);
  const free: Array<[number, number]> = [];
  let cursor = from;
  for (const [left, right] of spans) {
    if (left > cursor) free.push([cursor, left]);
    cursor = Math.max(cursor, right);
  }
  if (to > cursor) free.push([cursor, to]);
  return free;
}

export interface RowMarkInput {
  /** The row's box. */
  row: Box;
  /** Boxes of the row's text (one per line box of each text node) and of its controls and images. */
  occupied: readonly Box[];
  /** The visible part of the page the row is in (viewport, clipped by the row's scroll containers). */
  visible: Box;
  sizes?: RowMarkSizes;
}

/**
 * A free place for the mark of one row, or undefined when the row has no free room at all (or is not visible).
 * The chip goes into the first gap after the row's first text that fits it (next to what it labels, as a reader
 * expects), else into any gap; then the icon the same way; then a stripe into a free edge of the row.
 */
export function placeRowMark(input: RowMarkInput): RowMarkPlacement | undefined {
  const sizes = input.sizes ?? ROW_MARK_SIZES;
  const row = input.row;
  const left = Math.max(row.left, input.visible.left);
  const right = Math.min(row.right, input.visible.right);
  if (right <= left || row.bottom <= input.visible.top || row.top >= input.visible.bottom) return undefined;
  const middle = (row.top + row.bottom) / 2;

  const fit = (form: RowMarkForm, width: number, height: number): RowMarkPlacement | undefined => {
    if (height > boxHeight(row)) return undefined;
    const top = Math.round(middle - height / 2);
    const band: Box = { left, top, right, bottom: top + height };
    if (band.top < input.visible.top || band.bottom > input.visible.bottom) return undefined;
    const blocking = input.occupied.filter((box) => box.top < band.bottom && band.top < box.bottom);
    const gaps = freeIntervals(left, right, blocking.map((box) => [box.left, box.right] as const), sizes.gap);
    const needed = width + (form === 'stripe' ? 0 : sizes.gap);
    const firstText = blocking.length > 0 ? Math.min(...blocking.map((box) => box.left)) : left;
    const fitting = gaps.filter(([from, to]) => to - from >= needed);
    if (fitting.length === 0) return undefined;
    if (form === 'stripe') {
      // Hug an edge of the row: its start when free, else its end, else the gap nearest the start.
      const first = fitting[0]!;
      const last = fitting[fitting.length - 1]!;
      const x = first[0] <= left + sizes.gap ? first[0] : last[1] >= right - sizes.gap ? last[1] - width : first[0];
      return { form, box: { left: Math.round(x), top, right: Math.round(x) + width, bottom: top + height } };
    }
    // Next to what it labels: the first gap after the row's first text; the free stretch already keeps `gap`
    // from the text before it (a stretch starting at the row's own edge gets the gap added).
    const after = fitting.find(([from]) => from >= firstText) ?? fitting[0]!;
    const x = Math.ceil(after[0] <= left ? left + sizes.gap : after[0]);
    return { form, box: { left: x, top, right: x + width, bottom: top + height } };
  };

  return (
    fit('chip', sizes.chip.width, sizes.chip.height) ??
    fit('icon', sizes.icon.width, sizes.icon.height) ??
    fit('stripe', sizes.stripeWidth, Math.max(4, Math.min(boxHeight(row) - 2, 18)))
  );
}

// ---- the docked summary tab ----

export type DockEdge = 'right' | 'left' | 'bottom' | 'top';

/** Where the user put the tab: an edge and how far along it (0 = start, 1 = end). Remembered per site. */
export interface DockPosition {
  edge: DockEdge;
  along: number;
}

export const DEFAULT_DOCK: DockPosition = { edge: 'right', along: 0.5 };

/** The tab's box at a position, inside a viewport of `width` × `height` (the tab lies along its edge). */
export function dockBox(position: DockPosition, size: { long: number; short: number }, viewport: { width: number; height: number }): Box {
  const vertical = position.edge === 'left' || position.edge === 'right';
  const length = vertical ? viewport.height : viewport.width;
  const along = Math.min(Math.max(position.along, 0), 1);
  const start = Math.round(Math.max(0, Math.min(length - size.long, along * (length - size.long))));
  if (vertical) {
    const left = position.edge === 'left' ? 0 : viewport.width - size.short;
    return { left, top: start, right: left + size.short, bottom: start + size.long };
  }
  const top = position.edge === 'top' ? 0 : viewport.height - size.short;
  return { left: start, top, right: start + size.long, bottom: top + size.short };
}

/**
 * Candidate positions for the tab, the user's own first, then stepping away from it along the same edge in both
 * directions, then the other edges (right, left, bottom, top), so the tab moves as little as it can.
 */
export function dockCandidates(preferred: DockPosition, steps = 12): DockPosition[] {
  const out: DockPosition[] = [preferred];
  const edges: DockEdge[] = [preferred.edge, ...(['right', 'left', 'bottom', 'top'] as const).filter((edge) => edge !== preferred.edge)];
  for (const edge of edges) {
    const base = edge === preferred.edge ? preferred.along : 0.5;
    if (edge !== preferred.edge) out.push({ edge, along: base });
    for (let step = 1; step <= steps; step += 1) {
      for (const sign of [1, -1]) {
        const along = base + (sign * step) / steps;
        if (along >= 0 && along <= 1) out.push({ edge, along });
      }
    }
  }
  return out;
}

/** The first candidate whose box covers nothing of the page, or undefined when every one does. */
export function firstFreeDock(
  candidates: readonly DockPosition[],
  boxOf: (position: DockPosition) => Box,
  coversPage: (box: Box) => boolean,
): { position: DockPosition; box: Box } | undefined {
  for (const position of candidates) {
    const box = boxOf(position);
    if (!coversPage(box)) return { position, box };
  }
  return undefined;
}

/** The dock position nearest to a point the user dragged the tab to. */
export function dockFromPoint(x: number, y: number, viewport: { width: number; height: number }): DockPosition {
  const distances: Array<[DockEdge, number]> = [
    ['left', x],
    ['right', viewport.width - x],
    ['top', y],
    ['bottom', viewport.height - y],
  ];
  distances.sort((a, b) => a[1] - b[1]);
  const edge = distances[0]![0];
  const along = edge === 'left' || edge === 'right' ? y / Math.max(1, viewport.height) : x / Math.max(1, viewport.width);
  return { edge, along: Math.min(Math.max(along, 0), 1) };
}

/**
 * Where the open panel goes beside the tab: the candidates are the panel's boxes with one corner at the tab,
 * opening away from its edge; the first that covers nothing wins, else the first that fits the viewport.
 */
export function panelCandidates(tab: Box, edge: DockEdge, panel: { width: number; height: number }, viewport: { width: number; height: number }): Box[] {
  const clampX = (left: number) => Math.max(0, Math.min(viewport.width - panel.width, left));
  const clampY = (top: number) => Math.max(0, Math.min(viewport.height - panel.height, top));
  const boxAt = (left: number, top: number): Box => ({ left, top, right: left + panel.width, bottom: top + panel.height });
  const out: Box[] = [];
  const vertical = edge === 'left' || edge === 'right';
  if (vertical) {
    const left = edge === 'right' ? tab.left - panel.width : tab.right;
    for (const top of [tab.top, tab.bottom - panel.height, (tab.top + tab.bottom - panel.height) / 2, 0, viewport.height - panel.height]) {
      out.push(boxAt(clampX(left), clampY(top)));
    }
  } else {
    const top = edge === 'bottom' ? tab.top - panel.height : tab.bottom;
    for (const left of [tab.left, tab.right - panel.width, 0, viewport.width - panel.width]) out.push(boxAt(clampX(left), clampY(top)));
  }
  return out;
}

// ---- free room for the open panel ----

/** Which cells of a grid laid over the viewport hold page content (row-major, `columns` × `rows`, cell size `cell`). */
export interface OccupancyGrid {
  columns: number;
  rows: number;
  cell: number;
  occupied: Uint8Array;
}

/** Marks every cell a box touches. */
export function markOccupied(grid: OccupancyGrid, box: Box): void {
  const fromColumn = Math.max(0, Math.floor(box.left / grid.cell));
  const toColumn = Math.min(grid.columns - 1, Math.floor((box.right - 0.01) / grid.cell));
  const fromRow = Math.max(0, Math.floor(box.top / grid.cell));
  const toRow = Math.min(grid.rows - 1, Math.floor((box.bottom - 0.01) / grid.cell));
  for (let row = fromRow; row <= toRow; row += 1) {
    for (let column = fromColumn; column <= toColumn; column += 1) grid.occupied[row * grid.columns + column] = 1;
  }
}

/**
 * The free box nearest to `near` for the first size that fits anywhere (sizes from the largest), on cell
 * boundaries; undefined when not even the smallest fits. A summed-area table makes each test O(1).
 */
export function findFreeBox(grid: OccupancyGrid, sizes: ReadonlyArray<{ width: number; height: number }>, near: Box): Box | undefined {
  const { columns, rows, cell, occupied } = grid;
  const sums = new Uint32Array((columns + 1) * (rows + 1));
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      sums[(row + 1) * (columns + 1) + column + 1] =
        occupied[row * columns + column]! + sums[row * (columns + 1) + column + 1]! + sums[(row + 1) * (columns + 1) + column]! - sums[row * (columns + 1) + column]!;
    }
  }
  const count = (column: number, row: number, width: number, height: number) =>
    sums[(row + height) * (columns + 1) + column + width]! - sums[row * (columns + 1) + column + width]! - sums[(row + height) * (columns + 1) + column]! + sums[row * (columns + 1) + column]!;
  const nearX = (near.left + near.right) / 2;
  const nearY = (near.top + near.bottom) / 2;
  for (const size of sizes) {
    const width = Math.ceil(size.width / cell);
    const height = Math.ceil(size.height / cell);
    let best: { box: Box; distance: number } | undefined;
    for (let row = 0; row + height <= rows; row += 1) {
      for (let column = 0; column + width <= columns; column += 1) {
        if (count(column, row, width, height) !== 0) continue;
        const box = { left: column * cell, top: row * cell, right: (column + width) * cell, bottom: (row + height) * cell };
        if (intersects(box, near)) continue;
        const distance = Math.hypot((box.left + box.right) / 2 - nearX, (box.top + box.bottom) / 2 - nearY);
        if (!best || distance < best.distance) best = { box, distance };
      }
    }
    if (best) return best.box;
  }
  return undefined;
}
