// In-page marks (conventions §2): `data-sieve-label` and `data-sieve-reasons` on the row element itself, a mark
// beside each row on screen, and the docked summary tab. The parts:
//   placement.ts     pure geometry: where a mark or the tab may go (never over the page's text or controls)
//   page-geometry.ts what the page has where (text and control boxes, clipping, what lies under a box)
//   chip-layer.ts    the one fixed layer holding every mark and the keyboard-walk ring
//   summary-tab.ts   the slim tab + panel, movable and remembered per site, Alt+Shift+S
//   theme.ts         light or dark, from the colours the page actually paints
// This file wires them: which rows are marked, which are on screen, drawing at most once per animation frame
// (on scroll — captured, so a report's own scroll container counts — resize and size changes), and the walk.
import type { FilterMode } from '../../shared/settings';
import type { Label } from '../../shared/types';
import { CHIP_ATTRIBUTE, CHIP_LAYER_ATTRIBUTE, chipKindOf, createChipLayer, estimatedChipWidth, tipText, type ChipKind, type ChipLayer, type MarkView, type RowVerdict } from './chip-layer';
import { clippingAncestors, createPageProbe, MEASURED_GROUP_ROWS, occupiedBoxes, overlayCandidates, visibleBoxOf, type PageProbe, type ProbeScene } from './page-geometry';
import { placeRowMark, ROW_MARK_SIZES, type Box, type RowMarkPlacement } from './placement';
import { createSummaryTab, extensionDockStore, type DockStore, type SummaryFacts } from './summary-tab';
import { showHost } from './mount';
import { childElements, OWN_ELEMENT_ATTRIBUTE } from '../../page-reader/dom-walk';
import { themeBehind } from './theme';

export { CHIP_ATTRIBUTE, CHIP_LAYER_ATTRIBUTE, type RowVerdict, type SummaryFacts };
export { SUMMARY_ATTRIBUTE } from './summary-tab';

export const LABEL_ATTRIBUTE = 'data-sieve-label';
export const REASONS_ATTRIBUTE = 'data-sieve-reasons';
/** `agrees` / `disagrees`: whether our label agrees with the ESP's own machine flag on the row's event. */
export const ESP_FLAG_ATTRIBUTE = 'data-sieve-esp-flag';
/** On rows whose events carried nothing to judge (the label stays, as the contract wants, but means nothing). */
export const UNJUDGED_ATTRIBUTE = 'data-sieve-unjudged';

export interface PageMarks {
  /** Marks exactly these rows (and clears rows marked before that are not in the list). */
  apply(rows: ReadonlyArray<{ element: Element; verdict: RowVerdict }>): void;
  /**
   * The same in time-boxed chunks, yielding to the page between them (a 10 000-row table must not block the
   * page for more than 50 ms at a time). Stops early, leaving old marks, when `signal` aborts.
   */
  applyChunked(
    rows: ReadonlyArray<{ element: Element; verdict: RowVerdict }>,
    options: { yieldToPage(): Promise<void>; chunkBudgetMs?: number; signal?: AbortSignal },
  ): Promise<{ longestChunkMs: number; completed: boolean }>;
  /** Removes every mark, chip and the summary (navigation, no table). */
  clearAll(): void;
  setVisible(visible: boolean): void;
  /** Filter: people numbers are the summary's headline; log-only: the reported numbers are. */
  setMode(mode: FilterMode): void;
  showSummary(facts: SummaryFacts): void;
  /** Rows currently marked. */
  markedCount(): number;
  /** The mark drawn for a marked row right now (rows off screen, or without free room, have none). */
  chipOf(row: Element): HTMLElement | undefined;
  /** Starts the keyboard walk at the first marked row on screen (or the first marked row). */
  walkRows(): void;
}

export interface PageMarksOptions {
  visible: boolean;
  mode?: FilterMode;
  /** Where the summary tab's place is remembered; by default the extension's storage, per site. */
  dockStore?: DockStore;
}

// Marks drawn per frame at most (a screen shows tens of rows; a page zoomed far out a few hundred).
const MAX_MARKS = 300;
// Groups of rows up to this size are scanned in full (virtualised grids may order their rows freely in the DOM);
// larger ones by binary search, since rows in document order are in vertical order.
const LINEAR_SCAN_LIMIT = 200;
// Without layout (unit tests) a screenful: the first rows of the list.
const MARKS_WITHOUT_LAYOUT = 50;

export function createPageMarks(doc: Document, options: PageMarksOptions): PageMarks {
  let visible = options.visible;
  let mode: FilterMode = options.mode ?? 'filter';
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  // Without layout (jsdom in unit tests: no IntersectionObserver, zero-size rects) marked rows get their marks
  // right away, unplaced (the first MARKS_WITHOUT_LAYOUT); with layout only rows on screen get one, per frame.
  const hasLayout = Boolean(
    view && typeof view.IntersectionObserver === 'function' && typeof view.requestAnimationFrame === 'function' && typeof doc.elementFromPoint === 'function',
  );

  let marked = new Set<Element>();
  const verdicts = new Map<Element, RowVerdict>();
  /** Marked rows grouped by parent (a tbody, a rowgroup), each group in document order. */
  let groups: Element[][] = [];
  const drawn = new Map<Element, MarkView>();
  let layer: ChipLayer | undefined;
  const measuredWidth = new Map<ChipKind, number>();
  let lastFacts: SummaryFacts | undefined;
  /** The row the keyboard walk is on. */
  let walkRow: Element | undefined;
  // What is measured once per layout change, not per frame: bumped by size changes (ResizeObserver), the window's
  // resize and the page's own DOM changes; scrolling keeps it (rows move, their layout does not change).
  let layoutGeneration = 0;
  let scene: { generation: number; value: ProbeScene } | undefined;
  const clipsByParent = new Map<Node | null, Element[]>();
  let clipsGeneration = -1;
  /** The probe of the frame being drawn (measured boxes are valid within one frame). */
  let frameProbe: PageProbe | undefined;

  const site = (() => {
    try {
      return doc.location?.host || 'page';
    } catch {
      return 'page';
    }
  })();
  /** Large groups (a hit test inside them walks every row) and what may lie over them, per layout generation. */
  const currentScene = (): ProbeScene => {
    if (scene?.generation === layoutGeneration) return scene.value;
    const largeGroups: Element[] = [];
    for (const group of groups) {
      const parent = group[0]?.parentElement;
      if (parent && parent.childElementCount >= MEASURED_GROUP_ROWS) largeGroups.push(parent);
    }
    const children = new Map<Element, Element[]>();
    const value: ProbeScene = {
      largeGroups,
      overlays: largeGroups.length > 0 ? overlayCandidates(doc, new Set(largeGroups)) : [],
      childrenOf: (parent) => {
        let list = children.get(parent);
        if (!list) {
          list = childElements(parent);
          children.set(parent, list);
        }
        return list;
      },
    };
    scene = { generation: layoutGeneration, value };
    return value;
  };
  const probe = () => frameProbe ?? createPageProbe(doc, currentScene());
  /** The clipping ancestors of a row, shared by its group and kept per layout generation. */
  const clipsOf = (row: Element) => {
    if (clipsGeneration !== layoutGeneration) {
      clipsByParent.clear();
      clipsGeneration = layoutGeneration;
    }
    let clips = clipsByParent.get(row.parentNode);
    if (!clips) {
      clips = clippingAncestors(row);
      clipsByParent.set(row.parentNode, clips);
    }
    return clips;
  };

  const summary = createSummaryTab(doc, {
    store: options.dockStore ?? extensionDockStore(site),
    initiallyVisible: visible,
    onWalk: () => walkRows(),
    probe,
  });

  const ensureLayer = () => {
    if (layer && layer.host.isConnected) return layer;
    drawn.clear();
    layer = createChipLayer(doc, visible);
    layer.ring.addEventListener('keydown', onWalkKey);
    layer.ring.addEventListener('blur', () => {
      if (layer) layer.ring.hidden = true;
      walkRow = undefined;
    });
    return layer;
  };

  const removeMark = (row: Element) => {
    drawn.get(row)?.element.remove();
    drawn.delete(row);
  };
  const removeAllMarks = () => {
    for (const row of [...drawn.keys()]) removeMark(row);
  };

  // ---- placement (pages with layout) ----

  const markWidth = (kind: ChipKind) => measuredWidth.get(kind) ?? estimatedChipWidth(kind);

  /** Where the mark of a row on screen goes: real free room in the row, visible, not under something else. */
  const place = (row: Element, rowRect: DOMRect, verdict: RowVerdict, frame: PageProbe): RowMarkPlacement | undefined => {
    const kind = chipKindOf(verdict);
    const placement = placeRowMark({
      row: { left: rowRect.left, top: rowRect.top, right: rowRect.right, bottom: rowRect.bottom },
      occupied: occupiedBoxes(row),
      visible: visibleBoxOf(row, clipsOf(row)),
      sizes: { ...ROW_MARK_SIZES, chip: { width: Math.ceil(markWidth(kind)), height: ROW_MARK_SIZES.chip.height } },
    });
    if (!placement) return undefined;
    // Is that spot of the row really showing the row? A sticky header, a dialog or a menu over it shows
    // something else there: the middle of the mark's box.
    const x = (placement.box.left + placement.box.right) / 2;
    const y = (placement.box.top + placement.box.bottom) / 2;
    return frame.rowShowsAt(row, x, y) ? placement : undefined;
  };

  /** Rows of a group whose boxes cross the viewport, in order. */
  const onScreen = (group: Element[], height: number, out: Array<{ row: Element; rect: DOMRect }>) => {
    let from = 0;
    const large = group.length > LINEAR_SCAN_LIMIT;
    if (large) {
      let high = group.length;
      while (from < high) {
        const middle = (from + high) >> 1;
        if (group[middle]!.getBoundingClientRect().bottom < 0) from = middle + 1;
        else high = middle;
      }
    }
    for (let at = from; at < group.length && out.length < MAX_MARKS; at += 1) {
      const row = group[at]!;
      const rect = row.getBoundingClientRect();
      if (large && rect.top > height) break;
      if (rect.height > 0 && rect.bottom > 0 && rect.top < height) out.push({ row, rect });
    }
  };

  const positionRing = (ring: HTMLElement, box: Box, height: number, width: number) => {
    ring.style.transform = `translate(${Math.round(box.left) - 2}px, ${Math.round(box.top) - 2}px)`;
    ring.style.width = `${Math.round(box.right - box.left) + 4}px`;
    ring.style.height = `${Math.round(box.bottom - box.top) + 4}px`;
    ring.toggleAttribute('data-tip-above', box.bottom > height * 0.6);
    ring.toggleAttribute('data-tip-left', box.left > width - 360);
  };

  let drawScheduled = false;
  const draw = () => {
    drawScheduled = false;
    if (!view || !visible) {
      removeAllMarks();
      return;
    }
    frameProbe = createPageProbe(doc, currentScene());
    try {
      drawFrame(frameProbe);
    } finally {
      frameProbe = undefined;
    }
  };
  const drawFrame = (frame: PageProbe) => {
    if (!view) return;
    summary.place();
    if (marked.size === 0) {
      removeAllMarks();
      return;
    }
    const width = doc.documentElement.clientWidth || view.innerWidth;
    const height = doc.documentElement.clientHeight || view.innerHeight;
    // Reads first (one layout at most, and the page's is usually clean at frame time)...
    for (const markView of drawn.values()) {
      if (markView.kind && markView.form === 'chip' && !measuredWidth.has(markView.kind)) {
        const measured = markView.element.getBoundingClientRect().width;
        if (measured > 0) measuredWidth.set(markView.kind, measured);
      }
    }
    const rows: Array<{ row: Element; rect: DOMRect }> = [];
    for (const group of groups) onScreen(group, height, rows);
    const placements: Array<{ row: Element; verdict: RowVerdict; placement: RowMarkPlacement }> = [];
    for (const { row, rect } of rows) {
      const verdict = verdicts.get(row);
      const placement = verdict && place(row, rect, verdict, frame);
      if (verdict && placement) placements.push({ row, verdict, placement });
    }
    const firstRow = rows[0]?.row;
    const theme = firstRow ? themeBehind(firstRow) : 'light';
    const walkRect = walkRow?.isConnected ? walkRow.getBoundingClientRect() : undefined;
    // ...then writes, all inside the contained layer.
    const current = ensureLayer();
    current.setTheme(theme);
    const wanted = new Set(placements.map((item) => item.row));
    for (const row of [...drawn.keys()]) if (!wanted.has(row)) removeMark(row);
    let next = current.container.firstElementChild;
    if (next === current.ring) next = next.nextElementSibling;
    for (const { row, verdict, placement } of placements) {
      let markView = drawn.get(row);
      if (!markView) {
        markView = current.makeMark();
        drawn.set(row, markView);
      }
      current.fillMark(markView, verdict, placement.form);
      const { box } = placement;
      const transform = `translate(${box.left}px, ${box.top}px)`;
      if (markView.transform !== transform) {
        markView.transform = transform;
        markView.element.style.transform = transform;
        if (placement.form === 'stripe') markView.element.style.height = `${box.bottom - box.top}px`;
        else markView.element.style.removeProperty('height');
      }
      markView.element.toggleAttribute('data-tip-above', box.top > height * 0.6);
      markView.element.toggleAttribute('data-tip-left', box.left > width - 360);
      // Marks stay in row order without moving one already in place.
      if (markView.element === next) next = next.nextElementSibling;
      else current.container.insertBefore(markView.element, next);
    }
    if (walkRect && walkRow && !current.ring.hidden) positionRing(current.ring, walkRect, height, width);
  };
  const scheduleDraw = () => {
    if (!hasLayout || drawScheduled || !view) return;
    drawScheduled = true;
    view.requestAnimationFrame(draw);
  };
  const layoutChanged = () => {
    layoutGeneration += 1;
    scheduleDraw();
  };
  const resizeObserver = hasLayout && view && typeof view.ResizeObserver === 'function' ? new view.ResizeObserver(layoutChanged) : undefined;
  // The page's own changes (a dialog opening, a menu, rows re-rendered); our attributes and our hosts are not.
  const mutationObserver =
    hasLayout && view && typeof view.MutationObserver === 'function'
      ? new view.MutationObserver((records) => {
          if (records.some((record) => !(record.target instanceof view.Element && record.target.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`)))) layoutChanged();
        })
      : undefined;
  if (hasLayout && view) {
    doc.addEventListener('scroll', scheduleDraw, { capture: true, passive: true });
    view.addEventListener('resize', layoutChanged, { passive: true });
  }

  // ---- pages without layout: the first rows' marks, unplaced ----

  const drawWithoutLayout = (row: Element, verdict: RowVerdict) => {
    let markView = drawn.get(row);
    const current = ensureLayer();
    if (!markView) {
      if (drawn.size >= MARKS_WITHOUT_LAYOUT) return;
      markView = current.makeMark();
      drawn.set(row, markView);
      current.container.append(markView.element);
    }
    current.fillMark(markView, verdict, 'chip');
  };

  // ---- the keyboard walk ----

  const orderedRows = () => groups.flat().filter((row) => row.isConnected);

  const walkTo = (row: Element | undefined) => {
    if (!row || !view) return;
    const current = ensureLayer();
    walkRow = row;
    const rows = orderedRows();
    const verdict = verdicts.get(row);
    if (!verdict) return;
    row.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    const text = tipText(verdict);
    const position = `Row ${rows.indexOf(row) + 1} of ${rows.length}`;
    current.ringTip.textContent = `${position}\n${text}`;
    current.ring.setAttribute('aria-label', `${position}: ${text.replace(/\n/g, '. ')}`);
    current.ring.hidden = false;
    summary.announce(`${position}: ${text.split('\n')[0]}`);
    const rect = row.getBoundingClientRect();
    positionRing(current.ring, rect, doc.documentElement.clientHeight || view.innerHeight, doc.documentElement.clientWidth || view.innerWidth);
    current.ring.focus({ preventScroll: true });
    scheduleDraw();
  };

  function onWalkKey(event: KeyboardEvent) {
    const rows = orderedRows();
    const at = walkRow ? rows.indexOf(walkRow) : -1;
    const steps: Record<string, () => Element | undefined> = {
      ArrowDown: () => rows[Math.min(rows.length - 1, at + 1)],
      j: () => rows[Math.min(rows.length - 1, at + 1)],
      ArrowUp: () => rows[Math.max(0, at - 1)],
      k: () => rows[Math.max(0, at - 1)],
      Home: () => rows[0],
      End: () => rows[rows.length - 1],
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (layer) layer.ring.hidden = true;
      walkRow = undefined;
      summary.focusTab();
      return;
    }
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    walkTo(step());
  }

  function walkRows() {
    const rows = orderedRows();
    if (rows.length === 0) return;
    const height = view?.innerHeight ?? 0;
    const firstOnScreen = rows.find((row) => {
      const rect = row.getBoundingClientRect();
      return rect.height > 0 && rect.bottom > 0 && rect.top < height;
    });
    walkTo(firstOnScreen ?? rows[0]);
  }

  // ---- marking ----

  const clearRow = (row: Element) => {
    row.removeAttribute(LABEL_ATTRIBUTE);
    row.removeAttribute(REASONS_ATTRIBUTE);
    row.removeAttribute(ESP_FLAG_ATTRIBUTE);
    row.removeAttribute(UNJUDGED_ATTRIBUTE);
    verdicts.delete(row);
    removeMark(row);
  };

  const setAttribute = (element: Element, name: string, value: string | undefined) => {
    if (value === undefined) {
      if (element.hasAttribute(name)) element.removeAttribute(name);
    } else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  };

  // Attribute writes only: no selector of the page or ours mentions them, so they cost no style or layout work
  // (measured: 10 000 rows marked with no long task; see test/bench/page-reader.bench.ts).
  const markRow = (element: Element, verdict: RowVerdict) => {
    setAttribute(element, LABEL_ATTRIBUTE, verdict.label);
    setAttribute(element, REASONS_ATTRIBUTE, verdict.reasons.join(';'));
    setAttribute(element, ESP_FLAG_ATTRIBUTE, verdict.espFlag ? (verdict.espFlag.agrees ? 'agrees' : 'disagrees') : undefined);
    setAttribute(element, UNJUDGED_ATTRIBUTE, verdict.unjudged ? '' : undefined);
    verdicts.set(element, verdict);
  };

  const finish = (next: Set<Element>) => {
    // Rows marked before, and rows a run that was aborted half-way had marked, that are not in this list.
    for (const row of [...verdicts.keys()]) if (!next.has(row)) clearRow(row);
    for (const row of marked) if (!next.has(row)) clearRow(row);
    marked = next;
    if (!hasLayout) for (const row of next) drawWithoutLayout(row, verdicts.get(row)!);
    const byParent = new Map<Node | null, Element[]>();
    for (const row of next) {
      const group = byParent.get(row.parentNode);
      if (group) group.push(row);
      else byParent.set(row.parentNode, [row]);
    }
    groups = [...byParent.values()];
    if (resizeObserver) {
      // A table growing, shrinking or moving with the page (a banner above it) moves its rows: redraw.
      resizeObserver.disconnect();
      resizeObserver.observe(doc.documentElement);
      for (const parent of byParent.keys()) if (parent && parent.nodeType === 1) resizeObserver.observe(parent as Element);
    }
    if (mutationObserver && next.size > 0) {
      mutationObserver.disconnect();
      mutationObserver.observe(doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'open'] });
    }
    layoutChanged();
  };

  const unjudgedCount = () => {
    let count = 0;
    for (const row of marked) if (verdicts.get(row)?.unjudged) count += 1;
    return count;
  };

  const renderSummary = () => {
    if (!lastFacts) return;
    summary.show({ ...lastFacts, unjudgedRows: lastFacts.unjudgedRows ?? unjudgedCount() }, mode);
    scheduleDraw();
  };

  return {
    apply(rows) {
      const next = new Set<Element>();
      for (const { element, verdict } of rows) {
        next.add(element);
        markRow(element, verdict);
      }
      finish(next);
    },
    async applyChunked(rows, chunking) {
      const budget = chunking.chunkBudgetMs ?? 12;
      const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
      const next = new Set<Element>();
      let chunkStart = clock();
      let longestChunkMs = 0;
      for (let at = 0; at < rows.length; at += 1) {
        const { element, verdict } = rows[at]!;
        next.add(element);
        markRow(element, verdict);
        if ((at & 15) === 15 && clock() - chunkStart >= budget) {
          longestChunkMs = Math.max(longestChunkMs, clock() - chunkStart);
          await chunking.yieldToPage();
          if (chunking.signal?.aborted) return { longestChunkMs, completed: false };
          chunkStart = clock();
        }
      }
      finish(next);
      longestChunkMs = Math.max(longestChunkMs, clock() - chunkStart);
      return { longestChunkMs, completed: true };
    },
    clearAll() {
      for (const row of marked) clearRow(row);
      marked = new Set();
      groups = [];
      resizeObserver?.disconnect();
      mutationObserver?.disconnect();
      // Marks the page copied into re-rendered rows (cloned nodes keep attributes) go too.
      doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`).forEach((row) => {
        for (const name of [LABEL_ATTRIBUTE, REASONS_ATTRIBUTE, ESP_FLAG_ATTRIBUTE, UNJUDGED_ATTRIBUTE]) row.removeAttribute(name);
      });
      removeAllMarks();
      layer?.host.remove();
      layer = undefined;
      summary.remove();
      lastFacts = undefined;
      walkRow = undefined;
    },
    setVisible(value) {
      visible = value;
      if (layer) showHost(layer.host, visible);
      summary.setVisible(visible);
      if (visible) scheduleDraw();
    },
    setMode(value) {
      mode = value;
      renderSummary();
    },
    showSummary(facts) {
      lastFacts = facts;
      renderSummary();
    },
    markedCount: () => marked.size,
    chipOf: (row) => drawn.get(row)?.element,
    walkRows,
  };
}

/**
 * One verdict for a row that produced several events (a recipient row with opens AND clicks): the click's
 * label when there is a click, since clicks are what scanners inflate most; reasons of all events, de-duplicated.
 * The row is unjudged only when every event was; the ESP's flag is the main event's.
 */
export function rowVerdictOf(
  verdicts: ReadonlyArray<{ type: 'open' | 'click'; label: Label; reasons: string[]; unjudged?: boolean; espFlag?: { flag: string; agrees: boolean } }>,
): RowVerdict | undefined {
  if (verdicts.length === 0) return undefined;
  const main = verdicts.find((verdict) => verdict.type === 'click') ?? verdicts[0]!;
  const reasons = [...new Set(verdicts.flatMap((verdict) => verdict.reasons))];
  const verdict: RowVerdict = { label: main.label, reasons };
  if (verdicts.every((item) => item.unjudged)) verdict.unjudged = true;
  const espFlag = main.espFlag ?? verdicts.find((item) => item.espFlag)?.espFlag;
  if (espFlag) verdict.espFlag = espFlag;
  return verdict;
}
