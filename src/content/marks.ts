// In-page marks (conventions §2): `data-sieve-label` and `data-sieve-reasons` on the row element itself, a small
// label chip per row inside a shadow root (the page's CSS cannot reach it and ours cannot leak out), and a
// collapsible floating summary in its own shadow root. Everything is built with createElement/textContent:
// no markup strings are ever parsed, so nothing from the page can inject elements.
import { describeReason } from '../classifier/reasons';
import { OWN_ELEMENT_ATTRIBUTE } from '../adapters/generic/find-tables';
import type { CampaignSummary, Label } from '../shared/types';

export const LABEL_ATTRIBUTE = 'data-sieve-label';
export const REASONS_ATTRIBUTE = 'data-sieve-reasons';
const CHIP_ATTRIBUTE = 'data-sieve-chip';
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

// Chip styles: ONE constructed stylesheet adopted by every chip's shadow root (Chrome 73+, Firefox 101+, so
// every browser the manifest allows), instead of a <style> per root — 10 000 rows would mean 10 000 sheets to
// parse. adoptedStyleSheets is missing only in test DOMs (jsdom): there chips stay unstyled, which changes
// nothing the tests look at (labels, reasons, tooltips, visibility through the `hidden` attribute).
const CHIP_HOST_RULES = 'vertical-align: middle; margin-left: 6px; line-height: 1; display: inline-block; z-index: 1;';
const CHIP_RULES =
  'font-weight: 600; font-size: 10px; line-height: 1.4; font-family: system-ui, sans-serif; padding: 1px 6px; border-radius: 8px; white-space: nowrap; cursor: help;';

function chipSheetText(): string {
  const labels = (Object.keys(LABEL_COLOURS) as Label[])
    .map((label) => `.chip[data-label="${label}"] { color: ${LABEL_COLOURS[label][0]}; background-color: ${LABEL_COLOURS[label][1]}; }`)
    .join('\n');
  return `:host { all: initial; ${CHIP_HOST_RULES} }\n:host([hidden]) { display: none; }\n.chip { ${CHIP_RULES} }\n${labels}`;
}

/** The shared sheet, or undefined where shadow roots cannot adopt constructed sheets. */
function sharedChipSheet(doc: Document): CSSStyleSheet | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view || !('adoptedStyleSheets' in view.ShadowRoot.prototype) || typeof view.CSSStyleSheet !== 'function') return undefined;
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(chipSheetText());
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

/** Where a row's chip goes: inside the row's first cell, so the table keeps its columns. */
function chipParent(row: Element): Element {
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
}

export function createPageMarks(doc: Document, options: { visible: boolean }): PageMarks {
  let visible = options.visible;
  const chipSheet = sharedChipSheet(doc);
  // Firefox content scripts see the page through Xray wrappers, where adopting a sheet built in the script's
  // compartment can throw: then each chip root gets its own <style> (only rows near the viewport have chips,
  // so that is tens of small sheets, not thousands).
  let adoptionFailed = false;
  const styleChipRoot = (shadow: ShadowRoot) => {
    if (chipSheet && !adoptionFailed) {
      try {
        shadow.adoptedStyleSheets = [chipSheet];
        return;
      } catch {
        adoptionFailed = true;
      }
    }
    if (adoptionFailed) {
      const style = doc.createElement('style');
      style.textContent = chipSheetText();
      shadow.append(style);
    }
  };
  // `hidden` hides the host: the shared sheet has :host([hidden]) { display: none } (its :host display would
  // otherwise win over the browser's [hidden] rule); without the sheet the browser's own rule applies.
  const showHost = (host: HTMLElement, show: boolean) => {
    if (host.hidden !== !show) host.hidden = !show;
  };
  let marked = new Set<Element>();
  const chips = new WeakMap<Element, { host: HTMLElement; chip: HTMLElement }>();
  let summaryHost: HTMLElement | undefined;
  let summaryBody: HTMLElement | undefined;
  let collapsed = false;

  const chipFor = (row: Element) => {
    const existing = chips.get(row);
    if (existing && existing.host.isConnected && row.contains(existing.host)) return existing;
    // A re-rendered row may carry a stale host from a copy of the old row: drop it.
    const parent = chipParent(row);
    for (let child = parent.firstElementChild; child; ) {
      const following = child.nextElementSibling;
      if (child.hasAttribute(CHIP_ATTRIBUTE)) child.remove();
      child = following;
    }
    const host = doc.createElement('span');
    host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
    host.setAttribute(CHIP_ATTRIBUTE, '');
    // Out of flow at its static position (right after the cell's content): a chip entering the flow of a cell
    // makes the browser lay out the whole table again (measured in headless Chromium on a 10 000-row table:
    // ~1.3 s for inline chips, ~0.14 s out of flow), and the columns keep their widths. Inline, so page CSS
    // aimed at spans in cells cannot undo it.
    host.style.position = 'absolute';
    const shadow = host.attachShadow({ mode: 'open' });
    styleChipRoot(shadow);
    host.hidden = !visible;
    const chip = doc.createElement('span');
    chip.className = 'chip';
    chip.setAttribute('role', 'img');
    shadow.append(chip);
    parent.append(host);
    const made = { host, chip };
    chips.set(row, made);
    return made;
  };

  const clearRow = (row: Element) => {
    row.removeAttribute(LABEL_ATTRIBUTE);
    row.removeAttribute(REASONS_ATTRIBUTE);
    chips.get(row)?.host.remove();
    chips.delete(row);
    pendingVerdicts.delete(row);
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
      (doc.body ?? doc.documentElement).append(summaryHost);
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

  const renderChip = (element: Element, verdict: RowVerdict) => {
    const { host, chip } = chipFor(element);
    showHost(host, visible);
    if (chip.getAttribute('data-label') !== verdict.label) {
      chip.textContent = LABEL_TEXT[verdict.label];
      chip.setAttribute('data-label', verdict.label);
    }
    const explanation = verdict.reasons.length > 0 ? verdict.reasons.map(describeReason).join('\n') : 'No machine signal.';
    const title = `${LABEL_TEXT[verdict.label]}: ${explanation}`;
    if (chip.title !== title) {
      chip.title = title;
      chip.setAttribute('aria-label', title);
    }
  };

  // Chips are drawn only for rows near the viewport. Rendering 10 000 shadow roots costs the browser far more
  // than our script does (measured in headless Chromium: ~30 ms of script, ~700 ms of style and layout), and so
  // does an IntersectionObserver watching 10 000 rows (~850 ms in one task): a chip nobody can see helps nobody.
  // Attributes go on every row at once (the contract); after marking, and on scroll/resize (one per frame), a
  // binary search over the marked rows (in document order, so in vertical order) finds those on screen.
  // Without layout (jsdom: no IntersectionObserver, zero-size rects) every chip is drawn right away.
  const pendingVerdicts = new WeakMap<Element, RowVerdict>();
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const lazyChips = Boolean(view && typeof view.IntersectionObserver === 'function' && typeof view.requestAnimationFrame === 'function');
  let order: Element[] = [];
  let drawScheduled = false;
  const MARGIN_PX = 800;
  const MAX_DRAWN_PER_FRAME = 400;

  const drawVisibleChips = () => {
    drawScheduled = false;
    if (!view || order.length === 0) return;
    const bottomEdge = view.innerHeight + MARGIN_PX;
    // First row whose bottom is below the top margin.
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order[middle]!.getBoundingClientRect().bottom < -MARGIN_PX) low = middle + 1;
      else high = middle;
    }
    const due: Element[] = [];
    for (let at = low; at < order.length && due.length < MAX_DRAWN_PER_FRAME; at += 1) {
      const rect = order[at]!.getBoundingClientRect();
      if (rect.top > bottomEdge) break;
      if (pendingVerdicts.has(order[at]!)) due.push(order[at]!);
    }
    // Reads above, writes below: one layout, not one per row.
    for (const row of due) {
      const verdict = pendingVerdicts.get(row);
      pendingVerdicts.delete(row);
      if (verdict && marked.has(row)) renderChip(row, verdict);
    }
  };
  const scheduleDraw = () => {
    if (!lazyChips || drawScheduled || !view) return;
    drawScheduled = true;
    view.requestAnimationFrame(drawVisibleChips);
  };
  if (lazyChips && view) {
    // Capture: scrolling inside a report's own scroll container does not bubble to the window.
    doc.addEventListener('scroll', scheduleDraw, { capture: true, passive: true });
    view.addEventListener('resize', scheduleDraw, { passive: true });
  }

  const markRow = (element: Element, verdict: RowVerdict) => {
    const reasons = verdict.reasons.join(';');
    if (element.getAttribute(LABEL_ATTRIBUTE) !== verdict.label) element.setAttribute(LABEL_ATTRIBUTE, verdict.label);
    if (element.getAttribute(REASONS_ATTRIBUTE) !== reasons) element.setAttribute(REASONS_ATTRIBUTE, reasons);
    if (!lazyChips || chips.has(element)) {
      renderChip(element, verdict);
      return;
    }
    pendingVerdicts.set(element, verdict);
  };

  const finish = (next: Set<Element>) => {
    for (const row of marked) if (!next.has(row)) clearRow(row);
    marked = next;
    order = [...next];
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
      order = [];
      // Marks the page copied into re-rendered rows (cloned nodes keep attributes) go too.
      doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`).forEach((row) => {
        row.removeAttribute(LABEL_ATTRIBUTE);
        row.removeAttribute(REASONS_ATTRIBUTE);
      });
      doc.querySelectorAll(`[${CHIP_ATTRIBUTE}]`).forEach((host) => host.remove());
      summaryHost?.remove();
      summaryHost = undefined;
    },
    setVisible(value) {
      visible = value;
      for (const row of marked) {
        const chip = chips.get(row);
        if (chip) showHost(chip.host, visible);
      }
      if (summaryHost) summaryHost.hidden = !visible;
    },
    showSummary: renderSummary,
    markedCount: () => marked.size,
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
