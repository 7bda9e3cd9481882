// Placement geometry on its own: marks take real free room in a row and never lie over its text or controls;
// the summary tab takes the first free slot along the edges, starting from where the user put it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOCK,
  dockBox,
  dockCandidates,
  dockFromPoint,
  firstFreeDock,
  findFreeBox,
  freeIntervals,
  markOccupied,
  intersects,
  panelCandidates,
  placeRowMark,
  ROW_MARK_SIZES,
  type Box,
} from '../../src/content/marks/placement';

const viewport: Box = { left: 0, top: 0, right: 1280, bottom: 800 };
/** A 36 px table row from x=40 to x=1040 at y=200. */
const row: Box = { left: 40, top: 200, right: 1040, bottom: 236 };
/** Text line boxes 16 px high, centred in the row. */
const text = (left: number, right: number): Box => ({ left, top: 210, right, bottom: 226 });

describe('freeIntervals', () => {
  it('returns the stretches no occupied interval (widened by the gap) touches', () => {
    expect(freeIntervals(0, 100, [[10, 20], [15, 30], [60, 70]], 2)).toEqual([[0, 8], [32, 58], [72, 100]]);
    expect(freeIntervals(0, 100, [], 2)).toEqual([[0, 100]]);
    expect(freeIntervals(0, 100, [[-10, 200]], 2)).toEqual([]);
  });
});

describe('placeRowMark', () => {
  it('puts the chip in the first free gap after the row’s first text, not over it', () => {
    // email | date | event: gaps between the columns.
    const occupied = [text(48, 230), text(320, 470), text(560, 610)];
    const placed = placeRowMark({ row, occupied, visible: viewport })!;
    expect(placed.form).toBe('chip');
    expect(placed.box.left).toBeGreaterThanOrEqual(230 + ROW_MARK_SIZES.gap);
    expect(placed.box.right).toBeLessThanOrEqual(320 - ROW_MARK_SIZES.gap);
    for (const box of occupied) expect(intersects(placed.box, box)).toBe(false);
  });

  it('falls back to an icon, then a stripe at the row’s edge, when the gaps are narrow (checkbox column, long dates)', () => {
    // Text everywhere but 28 px gaps: an icon fits, a chip does not.
    const dense = [text(44, 300), text(328, 600), text(628, 1036)];
    const icon = placeRowMark({ row, occupied: dense, visible: viewport })!;
    expect(icon.form).toBe('icon');
    for (const box of dense) expect(intersects(icon.box, box)).toBe(false);
    // Only 8 px between texts: a stripe, hugging the row's start edge where 4 px are free.
    const packed = [text(48, 300), text(308, 600), text(608, 1036)];
    const stripe = placeRowMark({ row, occupied: packed, visible: viewport })!;
    expect(stripe.form).toBe('stripe');
    expect(stripe.box.left).toBe(40);
    for (const box of packed) expect(intersects(stripe.box, box)).toBe(false);
  });

  it('draws nothing rather than cover text: a row full of text edge to edge gets no mark', () => {
    expect(placeRowMark({ row, occupied: [text(40, 1040)], visible: viewport })).toBeUndefined();
  });

  it('keeps the mark inside the visible part of the row (a report scrolled sideways in its own container)', () => {
    const clipped: Box = { left: 500, top: 0, right: 900, bottom: 800 };
    const placed = placeRowMark({ row, occupied: [text(48, 230)], visible: clipped })!;
    expect(placed.box.left).toBeGreaterThanOrEqual(500);
    expect(placed.box.right).toBeLessThanOrEqual(900);
    expect(placeRowMark({ row, occupied: [], visible: { ...viewport, top: 300 } })).toBeUndefined();
  });

  it('never covers any text or control box, whatever the row holds', () => {
    const boxArb = fc
      .record({ left: fc.integer({ min: 0, max: 1100 }), width: fc.integer({ min: 1, max: 400 }), top: fc.integer({ min: 190, max: 240 }), height: fc.integer({ min: 4, max: 30 }) })
      .map(({ left, width, top, height }): Box => ({ left, top, right: left + width, bottom: top + height }));
    fc.assert(
      fc.property(fc.array(boxArb, { maxLength: 12 }), fc.integer({ min: 8, max: 60 }), (occupied, height) => {
        const tallRow: Box = { ...row, bottom: row.top + height };
        const placed = placeRowMark({ row: tallRow, occupied, visible: viewport });
        if (!placed) return;
        for (const box of occupied) expect(intersects(placed.box, box)).toBe(false);
        expect(placed.box.top).toBeGreaterThanOrEqual(tallRow.top);
        expect(placed.box.bottom).toBeLessThanOrEqual(tallRow.bottom);
        expect(placed.box.left).toBeGreaterThanOrEqual(tallRow.left);
        expect(placed.box.right).toBeLessThanOrEqual(tallRow.right);
      }),
    );
  });
});

describe('the docked summary tab', () => {
  const size = { width: 1280, height: 800 };
  const tab = { long: 92, short: 26 };

  it('lies along its edge, inside the viewport', () => {
    expect(dockBox(DEFAULT_DOCK, tab, size)).toEqual({ left: 1254, top: 354, right: 1280, bottom: 446 });
    expect(dockBox({ edge: 'bottom', along: 1 }, tab, size)).toEqual({ left: 1188, top: 774, right: 1280, bottom: 800 });
    expect(dockBox({ edge: 'left', along: 0 }, tab, size)).toEqual({ left: 0, top: 0, right: 26, bottom: 92 });
  });

  it('moves off a pagination control at the bottom right to the nearest free slot, the user’s edge first', () => {
    // The report's "Next ›" button in the bottom-right corner, and a text column down the right edge's middle.
    const next: Box = { left: 1180, top: 740, right: 1280, bottom: 790 };
    const column: Box = { left: 1200, top: 300, right: 1280, bottom: 500 };
    const preferred = { edge: 'right' as const, along: 1 };
    const found = firstFreeDock(dockCandidates(preferred), (position) => dockBox(position, tab, size), (box) => intersects(box, next) || intersects(box, column))!;
    expect(found.position.edge).toBe('right');
    expect(intersects(found.box, next)).toBe(false);
    expect(intersects(found.box, column)).toBe(false);
    // The free slot nearest the user's place: just above the button, below the column.
    expect(found.box.top).toBeGreaterThanOrEqual(500);
  });

  it('tries every edge before giving up', () => {
    const candidates = dockCandidates({ edge: 'left', along: 0.2 });
    expect(candidates[0]).toEqual({ edge: 'left', along: 0.2 });
    expect(new Set(candidates.map((candidate) => candidate.edge))).toEqual(new Set(['left', 'right', 'bottom', 'top']));
    expect(firstFreeDock(candidates, (position) => dockBox(position, tab, size), () => true)).toBeUndefined();
  });

  it('docks a dragged tab to the nearest edge, at the point along it', () => {
    expect(dockFromPoint(10, 400, size)).toEqual({ edge: 'left', along: 0.5 });
    expect(dockFromPoint(640, 790, size)).toEqual({ edge: 'bottom', along: 0.5 });
  });

  it('opens the panel beside the tab, away from its edge, inside the viewport', () => {
    const tabBox = dockBox(DEFAULT_DOCK, tab, size);
    for (const box of panelCandidates(tabBox, 'right', { width: 300, height: 320 }, size)) {
      expect(box.right).toBeLessThanOrEqual(tabBox.left);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(800);
    }
  });
});

describe('free room for the open panel', () => {
  it('finds the free box nearest the tab, shrinking the panel when the full size does not fit anywhere', () => {
    const grid = { columns: 80, rows: 45, cell: 16, occupied: new Uint8Array(80 * 45) };
    // A report filling the screen except a 320 × 240 corner at the bottom left.
    markOccupied(grid, { left: 320, top: 0, right: 1280, bottom: 720 });
    markOccupied(grid, { left: 0, top: 0, right: 320, bottom: 480 });
    const tabBox: Box = { left: 1254, top: 314, right: 1280, bottom: 406 };
    const found = findFreeBox(grid, [{ width: 300, height: 320 }, { width: 280, height: 240 }], tabBox)!;
    expect(found).toEqual({ left: 32, top: 480, right: 320, bottom: 720 });
    // Nothing free at all: no place (the caller says so rather than pretending).
    markOccupied(grid, { left: 0, top: 0, right: 1280, bottom: 720 });
    expect(findFreeBox(grid, [{ width: 220, height: 128 }], tabBox)).toBeUndefined();
  });
});
