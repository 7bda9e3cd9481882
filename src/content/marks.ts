// In-page marks (conventions §2): `data-sieve-label` and `data-sieve-reasons` on the row element itself, a small
// label chip next to each row, and a collapsible floating summary. Chips and summary live in shadow roots (the
// page's CSS cannot reach them and ours cannot leak out). Everything is built with createElement/textContent:
// no markup strings are ever parsed, so nothing from the page can inject elements.
//
// The chips are NOT inside the table. They sit in ONE fixed overlay layer (one host outside <body>, one shadow
// root) and are placed from the rows' getBoundingClientRect, for the rows on screen only, again on every scroll
// (captured on the document, so scrolling inside a report's own scroll container counts too), resize and size
// change, at most once per animation frame. Why: any element we add inside a cell of a 10 000-row table — even
// out of flow (position: absolute) — makes the browser lay the table out again: measured in headless Chromium
// (test/bench/page-reader.bench.ts) as one ~120–210 ms task right after the chips appeared, over the issue's
// 50 ms bound; a layer with `contain: strict` outside the table is laid out on its own.
import { describeReason } from '../classifier/reasons';
import { OWN_ELEMENT_ATTRIBUTE } from '../page-reader/dom-walk';
import type { CampaignSummary, Label } from '../shared/types';

export const LABEL_ATTRIBUTE = 'data-sieve-label';
export const REASONS_ATTRIBUTE = 'data-sieve-reasons';
/** On the one host element of the chip layer (its shadow root holds every chip). */
export const CHIP_LAYER_ATTRIBUTE = 'data-sieve-chip-layer';
/** On each chip inside the layer's shadow root. */
export const CHIP_ATTRIBUTE = 'data-sieve-chip';
const SUMMARY_ATTRIBUTE = 'data-sieve-summary';

export interface RowVerdict {
  label: Label;
  reasons: string[];
}

const LABEL_TEXT: Record<Label, string> = { human: 'Human', scanner: 'Scanner', proxy: 'Proxy', suspect: 'Suspect' };
// Colours chosen for contrast ≥ 4.5:1 of the text on its background (WCAG AA).
const LABEL_COLOURS: Record<Label, [string, string]> = {
  human: ['#0b5d1e', '#dcf5e3'],
  scanner: ['#8a1c1c', '#fde2e2'],
  proxy: ['#5b3a00', '#fdefc8'],
  suspect: ['#3d3d8f', '#e6e6fb'],
};

// The layer's host is styled inline with !important (page rules aimed at its tag or at "html > *" cannot move
// it; CSSOM writes are allowed under any page CSP). Fixed over the viewport, click-through, and `contain:
// strict` so that laying out the chips never touches the page's layout.
const LAYER_HOST_STYLE: Array<[string, string]> = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['top', '0'],
  ['left', '0'],
  ['width', '100vw'],
  ['height', '100vh'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['pointer-events', 'none'],
  ['background', 'transparent'],
  ['overflow', 'visible'],
  ['contain', 'strict'],
  ['z-index', '2147483645'],
];

const CHIP_LAYER_RULES = `
.chip { position: absolute; left: 0; top: 0; box-sizing: border-box; pointer-events: auto; cursor: help;
  font: 600 10px/1.4 system-ui, sans-serif; padding: 1px 6px; border-radius: 8px; white-space: nowrap; }
.chip:focus { outline: 2px solid #1a5fd0; outline-offset: 1px; }
.chip:focus:not(:focus-visible) { outline: none; }
.tip { display: none; position: absolute; left: 0; top: calc(100% + 4px); width: max-content; max-width: 320px;
  font: 400 12px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #c9c9d1;
  border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 6px 8px; white-space: pre-line; cursor: auto; }
.chip[data-tip-above] .tip { top: auto; bottom: calc(100% + 4px); }
.chip[data-tip-left] .tip { left: auto; right: 0; }
.chip:hover .tip, .chip:focus .tip { display: block; }
`;

function chipLayerSheetText(): string {
  const labels = (Object.keys(LABEL_COLOURS) as Label[])
    .map((label) => `.chip[data-label="${label}"] { color: ${LABEL_COLOURS[label][0]}; background-color: ${LABEL_COLOURS[label][1]}; }`)
    .join('\n');
  return `${CHIP_LAYER_RULES}\n${labels}`;
}

/** A constructed sheet (not subject to the page's style-src CSP), or undefined where roots cannot adopt one. */
function constructedSheet(doc: Document, text: string): CSSStyleSheet | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view || !('adoptedStyleSheets' in view.ShadowRoot.prototype) || typeof view.CSSStyleSheet !== 'function') return undefined;
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  } catch {
    return undefined;
  }
}

const SUMMARY_STYLE = `
:host { all: initial; position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483646; }
:host([hidden]) { display: none; }
.panel { font: 12px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #c9c9d1;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); min-width: 220px; max-width: 320px; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 6px 10px; }
.title { font-weight: 700; }
button { font: inherit; border: 1px solid #c9c9d1; background: #f4f4f7; border-radius: 4px; cursor: pointer; padding: 1px 6px; }
.body { padding: 0 10px 8px; }
.body[hidden] { display: none; }
.row { display: flex; justify-content: space-between; gap: 12px; }
.muted { color: #55555c; }
`;

/**
 * Puts one of our fixed hosts (the chip layer, the summary) on the page without touching the page's layout. A
 * fixed element appended to <body> or <html> still makes the browser lay out its parent again, and with it a
 * 10 000-row table: measured in headless Chromium as a 60–120 ms task per host. A manual popover is laid out in
 * the top layer instead (a child of the viewport, not of <body>) and is display: none until shown, so inserting
 * it changes nothing (popover: Chrome 114+, Firefox 125+; the manifest asks for more). Where the API is
 * missing the host is simply appended.
 */
function mountOutsidePageLayout(host: HTMLElement, parent: Element): void {
  const popover = host as HTMLElement & { showPopover?: () => void };
  if (typeof popover.showPopover !== 'function') {
    parent.append(host);
    return;
  }
  host.setAttribute('popover', 'manual');
  parent.append(host);
  try {
    popover.showPopover();
  } catch {
    // Not shown as a popover (a page that forbids it): drop the attribute so the host shows as a fixed box.
    host.removeAttribute('popover');
  }
}

/** The cell a row's chip is placed against: its first cell (the chip goes right after that cell's text). */
function chipAnchor(row: Element): Element {
  if (row.tagName === 'TR') {
    for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) if (cell.tagName === 'TD' || cell.tagName === 'TH') return cell;
    return row;
  }
  const ariaCell = row.querySelector('[role="cell"], [role="gridcell"], [role="rowheader"]');
  return ariaCell ?? row.firstElementChild ?? row;
}

function percent(value: number | undefined): string {
  return value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}

export interface SummaryFacts {
  summary: CampaignSummary;
  /** Rows marked on this page. */
  pageRows: number;
  /** Rows accumulated for this campaign across pages (worker's count). */
  accumulatedRows: number;
}

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
  showSummary(facts: SummaryFacts): void;
  /** Rows currently marked. */
  markedCount(): number;
  /** The chip drawn for a marked row right now (rows off screen have none while the page has layout). */
  chipOf(row: Element): HTMLElement | undefined;
}

interface ChipView {
  chip: HTMLElement;
  text: HTMLElement;
  tip: HTMLElement;
  label?: Label;
  reasons?: string;
  transform?: string;
}

interface Placement {
  row: Element;
  verdict: RowVerdict;
  x: number;
  y: number;
  tipAbove: boolean;
  tipLeft: boolean;
}

// Chips drawn per frame at most (a screen shows tens of rows; a page zoomed far out a few hundred).
const MAX_CHIPS = 300;
// Groups of rows up to this size are scanned in full (virtualised grids may order their rows freely in the DOM);
// larger ones by binary search, since rows in document order are in vertical order.
const LINEAR_SCAN_LIMIT = 200;
// Without layout (unit tests) a screenful: the first rows of the list.
const CHIPS_WITHOUT_LAYOUT = 50;
const CHIP_HEIGHT_PX = 16;
const CHIP_GAP_PX = 6;

export function createPageMarks(doc: Document, options: { visible: boolean }): PageMarks {
  let visible = options.visible;
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  // Without layout (jsdom in unit tests: no IntersectionObserver, zero-size rects) marked rows get their chips
  // right away, unpositioned (the first CHIPS_WITHOUT_LAYOUT); with layout only rows on screen get one, placed per frame.
  const hasLayout = Boolean(
    view && typeof view.IntersectionObserver === 'function' && typeof view.requestAnimationFrame === 'function' && typeof doc.elementFromPoint === 'function',
  );
  const layerSheet = constructedSheet(doc, chipLayerSheetText());

  let marked = new Set<Element>();
  const verdicts = new Map<Element, RowVerdict>();
  /** Marked rows grouped by parent (a tbody, a rowgroup), each group in document order. */
  let groups: Element[][] = [];
  const drawn = new Map<Element, ChipView>();
  let layer: { host: HTMLElement; root: ShadowRoot; chips: HTMLElement } | undefined;
  let tipIds = 0;
  const measuredWidth = new Map<Label, number>();
  let summaryHost: HTMLElement | undefined;
  let summaryBody: HTMLElement | undefined;
  let collapsed = false;

  const showLayerHost = (host: HTMLElement) => {
    host.hidden = !visible;
    host.style.setProperty('display', visible ? 'block' : 'none', 'important');
  };

  const ensureLayer = () => {
    if (layer && layer.host.isConnected) return layer;
    drawn.clear();
    // A custom element name: page CSS written for divs and spans does not match it.
    const host = doc.createElement('sieve-chip-layer');
    host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
    host.setAttribute(CHIP_LAYER_ATTRIBUTE, '');
    for (const [property, value] of LAYER_HOST_STYLE) host.style.setProperty(property, value, 'important');
    showLayerHost(host);
    const root = host.attachShadow({ mode: 'open' });
    let adopted = false;
    if (layerSheet) {
      // Firefox content scripts see the page through Xray wrappers, where adopting a sheet can throw: then a
      // <style> element does the same job.
      try {
        root.adoptedStyleSheets = [layerSheet];
        adopted = true;
      } catch {
        adopted = false;
      }
    }
    if (!adopted) {
      const style = doc.createElement('style');
      style.textContent = chipLayerSheetText();
      root.append(style);
    }
    const chips = doc.createElement('div');
    root.append(chips);
    // Outside <body> (scripts walking body's children never see it), in the top layer (see above).
    mountOutsidePageLayout(host, doc.documentElement);
    layer = { host, root, chips };
    return layer;
  };

  const makeChip = (): ChipView => {
    const chip = doc.createElement('span');
    chip.className = 'chip';
    chip.setAttribute(CHIP_ATTRIBUTE, '');
    // Focusable, with an accessible name (the label) and description (the reasons, also shown on focus/hover).
    chip.tabIndex = 0;
    chip.setAttribute('role', 'img');
    const text = doc.createElement('span');
    text.setAttribute('aria-hidden', 'true');
    const tip = doc.createElement('span');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    tipIds += 1;
    tip.id = `sieve-tip-${tipIds}`;
    chip.setAttribute('aria-describedby', tip.id);
    chip.append(text, tip);
    return { chip, text, tip };
  };

  const fillChip = (chipView: ChipView, verdict: RowVerdict) => {
    if (chipView.label !== verdict.label) {
      chipView.label = verdict.label;
      chipView.text.textContent = LABEL_TEXT[verdict.label];
      chipView.chip.setAttribute('data-label', verdict.label);
      chipView.chip.setAttribute('aria-label', `Scanner Sieve: ${LABEL_TEXT[verdict.label]}`);
    }
    const reasons = verdict.reasons.join(';');
    if (chipView.reasons !== reasons) {
      chipView.reasons = reasons;
      chipView.tip.textContent = verdict.reasons.length > 0 ? verdict.reasons.map(describeReason).join('\n') : 'No machine signal.';
    }
  };

  const removeChip = (row: Element) => {
    drawn.get(row)?.chip.remove();
    drawn.delete(row);
  };

  const removeAllChips = () => {
    for (const row of [...drawn.keys()]) removeChip(row);
  };

  // ---- Placement (pages with layout) ----

  const estimatedWidth = (label: Label) => measuredWidth.get(label) ?? 14 + LABEL_TEXT[label].length * 6.5;

  /** Where the chip of a row on screen goes, or undefined when that spot is hidden (clipped, covered). */
  const place = (row: Element, rowRect: DOMRect, verdict: RowVerdict, width: number, height: number): Placement | undefined => {
    const cell = chipAnchor(row);
    const cellRect = cell === row ? rowRect : cell.getBoundingClientRect();
    // Right after the cell's last line of text, as the chip sat when it was inline in the cell.
    const range = doc.createRange();
    range.selectNodeContents(cell);
    const lines = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0);
    range.detach();
    const last = lines[lines.length - 1];
    const contentLeft = lines.length > 0 ? Math.min(...lines.map((rect) => rect.left)) : cellRect.left + CHIP_GAP_PX;
    let x = last ? last.right + CHIP_GAP_PX : cellRect.left + CHIP_GAP_PX;
    let y = last ? last.top + last.height / 2 : cellRect.top + cellRect.height / 2;
    if (last && x + estimatedWidth(verdict.label) > cellRect.right) {
      // No room after the text: below it when the cell is tall enough (rows with wrapped cells often are),
      // else after the text anyway, over the cell's edge.
      const below = last.bottom + 2 + CHIP_HEIGHT_PX / 2;
      if (below + CHIP_HEIGHT_PX / 2 <= cellRect.bottom) {
        x = contentLeft;
        y = below;
      }
    }
    if (y < 0 || y > height || x > width || x + estimatedWidth(verdict.label) < 0) return undefined;
    // Is that spot of the row actually visible? A row scrolled out of its own scroll container, under a sticky
    // header or behind a dialog shows something else there. Hit-testing one point answers all three.
    const probeX = Math.min(Math.max(cellRect.left + 1, 0), width - 1);
    const probeY = Math.min(Math.max(y, 0), height - 1);
    const scope = row.getRootNode() as Document | ShadowRoot;
    const hit = (typeof scope.elementFromPoint === 'function' ? scope : doc).elementFromPoint(probeX, probeY);
    if (!hit || !(row.contains(hit) || hit === layer?.host)) return undefined;
    return { row, verdict, x: Math.round(x), y: Math.round(y), tipAbove: y > height * 0.6, tipLeft: x > width - 340 };
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
    for (let at = from; at < group.length && out.length < MAX_CHIPS; at += 1) {
      const row = group[at]!;
      const rect = row.getBoundingClientRect();
      if (large && rect.top > height) break;
      if (rect.height > 0 && rect.bottom > 0 && rect.top < height) out.push({ row, rect });
    }
  };

  let drawScheduled = false;
  const draw = () => {
    drawScheduled = false;
    if (!view || !visible || marked.size === 0) {
      removeAllChips();
      return;
    }
    const width = view.innerWidth;
    const height = view.innerHeight;
    // Reads first (one layout at most, and the page's is usually clean at frame time)...
    for (const chipView of drawn.values()) {
      if (chipView.label && !measuredWidth.has(chipView.label)) {
        const measured = chipView.chip.getBoundingClientRect().width;
        if (measured > 0) measuredWidth.set(chipView.label, measured);
      }
    }
    const rows: Array<{ row: Element; rect: DOMRect }> = [];
    for (const group of groups) onScreen(group, height, rows);
    const placements: Placement[] = [];
    for (const { row, rect } of rows) {
      const verdict = verdicts.get(row);
      const placement = verdict && place(row, rect, verdict, width, height);
      if (placement) placements.push(placement);
    }
    // ...then writes, all inside the contained layer.
    const { root, chips } = ensureLayer();
    const wanted = new Set(placements.map((placement) => placement.row));
    const focused = root.activeElement;
    for (const [row, chipView] of [...drawn]) if (!wanted.has(row) && chipView.chip !== focused) removeChip(row);
    let next = chips.firstElementChild;
    for (const placement of placements) {
      let chipView = drawn.get(placement.row);
      if (!chipView) {
        chipView = makeChip();
        drawn.set(placement.row, chipView);
      }
      fillChip(chipView, placement.verdict);
      const transform = `translate(${placement.x}px, ${placement.y}px) translateY(-50%)`;
      if (chipView.transform !== transform) {
        chipView.transform = transform;
        chipView.chip.style.transform = transform;
      }
      chipView.chip.toggleAttribute('data-tip-above', placement.tipAbove);
      chipView.chip.toggleAttribute('data-tip-left', placement.tipLeft);
      // Chips stay in row order (the tab order) without moving a chip already in place: moving the focused
      // chip would drop its focus.
      if (chipView.chip === next) next = next.nextElementSibling;
      else if (!chipView.chip.isConnected) chips.insertBefore(chipView.chip, next);
    }
  };
  const scheduleDraw = () => {
    if (!hasLayout || drawScheduled || !view) return;
    drawScheduled = true;
    view.requestAnimationFrame(draw);
  };
  const resizeObserver = hasLayout && view && typeof view.ResizeObserver === 'function' ? new view.ResizeObserver(scheduleDraw) : undefined;
  if (hasLayout && view) {
    // Capture: scrolling inside a report's own scroll container does not bubble to the window.
    doc.addEventListener('scroll', scheduleDraw, { capture: true, passive: true });
    view.addEventListener('resize', scheduleDraw, { passive: true });
  }

  // ---- Pages without layout: every chip, unpositioned ----

  const drawWithoutLayout = (row: Element, verdict: RowVerdict) => {
    let chipView = drawn.get(row);
    if (!chipView) {
      // Without layout nothing tells which rows are on screen: the first screenful gets chips.
      if (drawn.size >= CHIPS_WITHOUT_LAYOUT) return;
      const { chips } = ensureLayer();
      chipView = makeChip();
      drawn.set(row, chipView);
      chips.append(chipView.chip);
    }
    fillChip(chipView, verdict);
  };

  const clearRow = (row: Element) => {
    row.removeAttribute(LABEL_ATTRIBUTE);
    row.removeAttribute(REASONS_ATTRIBUTE);
    verdicts.delete(row);
    removeChip(row);
  };

  const renderSummary = (facts: SummaryFacts) => {
    if (!summaryHost || !summaryHost.isConnected) {
      summaryHost = doc.createElement('div');
      summaryHost.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
      summaryHost.setAttribute(SUMMARY_ATTRIBUTE, '');
      const shadow = summaryHost.attachShadow({ mode: 'open' });
      const style = doc.createElement('style');
      style.textContent = SUMMARY_STYLE;
      const panel = doc.createElement('section');
      panel.className = 'panel';
      panel.setAttribute('aria-label', 'Scanner Sieve summary');
      const head = doc.createElement('div');
      head.className = 'head';
      const title = doc.createElement('span');
      title.className = 'title';
      title.textContent = 'Scanner Sieve';
      const toggle = doc.createElement('button');
      toggle.type = 'button';
      summaryBody = doc.createElement('div');
      summaryBody.className = 'body';
      summaryBody.id = 'sieve-summary-body';
      toggle.setAttribute('aria-controls', summaryBody.id);
      const sync = () => {
        toggle.textContent = collapsed ? 'Show' : 'Hide';
        toggle.setAttribute('aria-expanded', String(!collapsed));
        if (summaryBody) summaryBody.hidden = collapsed;
      };
      toggle.addEventListener('click', () => {
        collapsed = !collapsed;
        sync();
      });
      sync();
      head.append(title, toggle);
      panel.append(head, summaryBody);
      shadow.append(style, panel);
      mountOutsidePageLayout(summaryHost, doc.documentElement);
    }
    summaryHost.hidden = !visible;
    const body = summaryBody!;
    body.replaceChildren();
    const line = (label: string, value: string, muted = false) => {
      const row = doc.createElement('div');
      row.className = muted ? 'row muted' : 'row';
      const name = doc.createElement('span');
      name.textContent = label;
      const figure = doc.createElement('span');
      figure.textContent = value;
      row.append(name, figure);
      body.append(row);
    };
    const { raw, qualified, byLabel } = facts.summary;
    if (raw.openRate !== undefined || raw.clickRate !== undefined) {
      line('Open rate', `${percent(raw.openRate)} → ${percent(qualified.openRate)}`);
      line('Click rate', `${percent(raw.clickRate)} → ${percent(qualified.clickRate)}`);
    }
    line('Unique opens', `${raw.uniqueOpens} → ${qualified.uniqueOpens}`);
    line('Unique clicks', `${raw.uniqueClicks} → ${qualified.uniqueClicks}`);
    line('Raw → qualified', '', true);
    line(
      'Events',
      `${byLabel.human} human · ${byLabel.suspect} suspect · ${byLabel.scanner} scanner · ${byLabel.proxy} proxy`,
      true,
    );
    line(
      'Rows',
      facts.accumulatedRows > facts.pageRows
        ? `${facts.pageRows} on this page · ${facts.accumulatedRows} across pages`
        : `${facts.pageRows} on this page`,
      true,
    );
  };


  // Attribute writes only: no selector of the page or ours mentions them, so they cost no style or layout work
  // (measured: 10 000 rows marked with no long task; see test/bench/page-reader.bench.ts).
  const markRow = (element: Element, verdict: RowVerdict) => {
    const reasons = verdict.reasons.join(';');
    if (element.getAttribute(LABEL_ATTRIBUTE) !== verdict.label) element.setAttribute(LABEL_ATTRIBUTE, verdict.label);
    if (element.getAttribute(REASONS_ATTRIBUTE) !== reasons) element.setAttribute(REASONS_ATTRIBUTE, reasons);
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
    async applyChunked(rows, options) {
      const budget = options.chunkBudgetMs ?? 12;
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
          await options.yieldToPage();
          if (options.signal?.aborted) return { longestChunkMs, completed: false };
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
      // Marks the page copied into re-rendered rows (cloned nodes keep attributes) go too.
      doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`).forEach((row) => {
        row.removeAttribute(LABEL_ATTRIBUTE);
        row.removeAttribute(REASONS_ATTRIBUTE);
      });
      removeAllChips();
      layer?.host.remove();
      layer = undefined;
      summaryHost?.remove();
      summaryHost = undefined;
    },
    setVisible(value) {
      visible = value;
      if (layer) showLayerHost(layer.host);
      if (summaryHost) summaryHost.hidden = !visible;
      if (visible) scheduleDraw();
    },
    showSummary: renderSummary,
    markedCount: () => marked.size,
    chipOf: (row) => drawn.get(row)?.chip,
  };
}

/**
 * One verdict for a row that produced several events (a recipient row with opens AND clicks): the click's
 * label when there is a click, since clicks are what scanners inflate most; reasons of all events, de-duplicated.
 */
export function rowVerdictOf(verdicts: ReadonlyArray<{ type: 'open' | 'click'; label: Label; reasons: string[] }>): RowVerdict | undefined {
  if (verdicts.length === 0) return undefined;
  const main = verdicts.find((verdict) => verdict.type === 'click') ?? verdicts[0]!;
  const reasons = [...new Set(verdicts.flatMap((verdict) => verdict.reasons))];
  return { label: main.label, reasons };
}
