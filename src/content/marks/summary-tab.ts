// The in-page summary: a slim tab docked to a screen edge that opens a small panel on click. It never covers the
// page's text or controls: at every layout change it takes the first slot along the edges with nothing of the
// page under it (placement.ts), starting from where the user put it. The user can drag it to another edge or
// place (or move it with the arrow keys while it has focus); the place is remembered per site. Esc closes the
// panel; Alt+Shift+S from anywhere on the page opens it with the focus on "Walk the rows".
import type { FilterMode } from '../../shared/settings';
import type { CampaignSummary } from '../../shared/types';
import { espTotalsText, headlineOf, learnedText, rateWithRange, topWarning, UNJUDGED_SUMMARY } from '../../ui/headline';
import { formatCount } from '../../ui/format';
import { createPageProbe, NO_LARGE_GROUPS, type PageProbe } from './page-geometry';
import {
  DEFAULT_DOCK,
  dockBox,
  dockCandidates,
  dockFromPoint,
  findFreeBox,
  firstFreeDock,
  intersects,
  panelCandidates,
  type Box,
  type DockPosition,
} from './placement';
import { createOwnHost, mountOutsidePageLayout, showHost, styleShadowRoot } from './mount';
import { SURFACE_COLOURS, themeBehind, type Theme } from './theme';

export const SUMMARY_ATTRIBUTE = 'data-sieve-summary';

export interface SummaryFacts {
  summary: CampaignSummary;
  /** Rows marked on this page. */
  pageRows: number;
  /** Rows accumulated for this campaign across pages (worker's count). */
  accumulatedRows: number;
  /** Rows on this page whose events carried nothing to judge. */
  unjudgedRows?: number;
}

/** Where the tab's place is remembered (per site); the content script's default is the extension's storage. */
export interface DockStore {
  load(): Promise<DockPosition | undefined>;
  save(position: DockPosition): void;
}

const TAB_SIZE = { long: 92, short: 26 };
const PANEL_SIZE = { width: 300, height: 320 };
/** Smaller panels, tried in order when the full one has no free room (its content scrolls). */
const PANEL_FALLBACK_SIZES = [
  PANEL_SIZE,
  { width: 280, height: 240 },
  { width: 240, height: 180 },
  { width: 220, height: 128 },
  { width: 200, height: 96 },
  { width: 180, height: 64 },
];
/** The keyboard entry point: Alt+Shift+S (not taken by Chrome, Firefox or the big ESP apps). */
export const SUMMARY_SHORTCUT = { altKey: true, shiftKey: true, code: 'KeyS' } as const;

const HOST_STYLE: ReadonlyArray<readonly [string, string]> = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['inset', 'auto'],
  ['width', 'auto'],
  ['height', 'auto'],
  ['background', 'transparent'],
  ['overflow', 'visible'],
  ['z-index', '2147483646'],
];

function styleText(theme: Theme): string {
  const colours = SURFACE_COLOURS[theme];
  return `
.tab { all: initial; box-sizing: border-box; display: flex; align-items: center; justify-content: center; gap: 4px;
  font: 600 11px/1.2 system-ui, sans-serif; color: ${colours.text}; background: ${colours.background};
  border: 1px solid ${colours.border}; border-radius: 6px; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.18);
  white-space: nowrap; overflow: hidden; touch-action: none; user-select: none; }
.tab[data-vertical] { writing-mode: vertical-rl; width: ${TAB_SIZE.short}px; height: ${TAB_SIZE.long}px; }
.tab:not([data-vertical]) { width: ${TAB_SIZE.long}px; height: ${TAB_SIZE.short}px; }
.tab:focus-visible, button:focus-visible { outline: 2px solid ${colours.focus}; outline-offset: 1px; }
.dot { width: 6px; height: 6px; border-radius: 3px; background: #c62828; flex: none; }
.panel { position: fixed; box-sizing: border-box; width: ${PANEL_SIZE.width}px; max-height: ${PANEL_SIZE.height}px; overflow: auto;
  font: 12px/1.4 system-ui, sans-serif; color: ${colours.text}; background: ${colours.background};
  border: 1px solid ${colours.border}; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 8px 10px; }
.panel[hidden] { display: none; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 4px; }
.title { font-weight: 700; }
.headline { font-weight: 600; margin: 2px 0; }
.row { display: flex; justify-content: space-between; gap: 12px; }
.muted { color: ${colours.muted}; }
.warning { margin: 4px 0; padding: 4px 6px; border-left: 3px solid #c62828; }
.actions { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
button { font: inherit; color: inherit; border: 1px solid ${colours.border}; background: transparent; border-radius: 4px;
  cursor: pointer; padding: 2px 8px; }
p { margin: 4px 0; }
.status { min-height: 1.4em; }
`;
}

export interface SummaryTab {
  show(facts: SummaryFacts, mode: FilterMode): void;
  /** Re-places the tab (and the open panel) so it covers nothing: after scroll, resize or a layout change. */
  place(): void;
  setVisible(visible: boolean): void;
  /** Says which row the keyboard walk is on (read by screen readers through a live region). */
  announce(text: string): void;
  focusTab(): void;
  isOpen(): boolean;
  remove(): void;
  host(): HTMLElement | undefined;
}

export function createSummaryTab(
  doc: Document,
  options: {
    store?: DockStore;
    onWalk(): void;
    initiallyVisible: boolean;
    /** How to ask the page what lies where (the marks' probe knows the large tables); hit tests by default. */
    probe?(): PageProbe;
  },
): SummaryTab {
  const view = doc.defaultView!;
  let visible = options.initiallyVisible;
  let preferred: DockPosition = DEFAULT_DOCK;
  let current: DockPosition = DEFAULT_DOCK;
  let parts:
    | { host: HTMLElement; root: ShadowRoot; tab: HTMLButtonElement; tabText: HTMLElement; dot: HTMLElement; panel: HTMLElement; body: HTMLElement; status: HTMLElement; walk: HTMLButtonElement; theme: Theme }
    | undefined;
  let open = false;
  let lastFacts: { facts: SummaryFacts; mode: FilterMode } | undefined;

  void options.store?.load().then(
    (stored) => {
      if (stored) {
        preferred = stored;
        place();
      }
    },
    () => undefined,
  );

  const viewport = () => ({ width: doc.documentElement.clientWidth || view.innerWidth, height: doc.documentElement.clientHeight || view.innerHeight });

  const setOpen = (value: boolean, focus: 'tab' | 'walk' | 'none' = 'none') => {
    if (!parts) return;
    open = value;
    parts.panel.hidden = !open;
    // A fresh place each time it opens (the page under it may have changed).
    for (const property of ['left', 'top', 'width', 'max-height']) parts.panel.style.removeProperty(property);
    parts.tab.setAttribute('aria-expanded', String(open));
    place();
    if (focus === 'walk' && open) parts.walk.focus();
    if (focus === 'tab') parts.tab.focus();
  };

  const build = () => {
    if (parts && parts.host.isConnected) return parts;
    const host = createOwnHost(doc, 'sieve-summary', SUMMARY_ATTRIBUTE, HOST_STYLE);
    const root = host.attachShadow({ mode: 'open' });
    const theme = themeBehind(doc.body ?? doc.documentElement);
    styleShadowRoot(root, styleText(theme));
    const tab = doc.createElement('button');
    tab.type = 'button';
    tab.className = 'tab';
    tab.setAttribute('aria-label', 'Scanner Sieve summary (Alt+Shift+S)');
    tab.title = 'Scanner Sieve: click to open, drag to move (Alt+Shift+S)';
    tab.setAttribute('aria-expanded', 'false');
    const dot = doc.createElement('span');
    dot.className = 'dot';
    dot.hidden = true;
    const tabText = doc.createElement('span');
    tabText.textContent = 'Sieve';
    tab.append(dot, tabText);
    const panel = doc.createElement('section');
    panel.className = 'panel';
    panel.id = 'sieve-summary-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Scanner Sieve summary');
    tab.setAttribute('aria-controls', panel.id);
    const head = doc.createElement('div');
    head.className = 'head';
    const title = doc.createElement('span');
    title.className = 'title';
    title.textContent = 'Scanner Sieve';
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.setAttribute('aria-label', 'Close the summary (Esc)');
    close.addEventListener('click', () => setOpen(false, 'tab'));
    head.append(title, close);
    const body = doc.createElement('div');
    const actions = doc.createElement('div');
    actions.className = 'actions';
    const walk = doc.createElement('button');
    walk.type = 'button';
    walk.textContent = 'Walk the rows (↓ ↑, Esc)';
    walk.addEventListener('click', () => options.onWalk());
    actions.append(walk);
    const status = doc.createElement('p');
    status.className = 'status muted';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    panel.append(head, body, actions, status);
    root.append(tab, panel);

    // Click opens; a drag (pointer moved more than a few px) moves the tab instead and is remembered.
    let drag: { x: number; y: number; moved: boolean } | undefined;
    tab.addEventListener('pointerdown', (event) => {
      drag = { x: event.clientX, y: event.clientY, moved: false };
      tab.setPointerCapture?.(event.pointerId);
    });
    tab.addEventListener('pointermove', (event) => {
      if (!drag) return;
      if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 6) drag.moved = true;
    });
    tab.addEventListener('pointerup', (event) => {
      if (drag?.moved) {
        preferred = dockFromPoint(event.clientX, event.clientY, viewport());
        options.store?.save(preferred);
        place();
      }
    });
    tab.addEventListener('click', (event) => {
      if (drag?.moved) {
        drag = undefined;
        event.preventDefault();
        return;
      }
      drag = undefined;
      setOpen(!open);
    });
    tab.addEventListener('keydown', (event) => {
      // Arrow keys move the tab along its edge, or to the edge they point at.
      const moves: Record<string, (position: DockPosition) => DockPosition> = {
        ArrowUp: (p) => (p.edge === 'left' || p.edge === 'right' ? { ...p, along: Math.max(0, p.along - 0.1) } : { edge: 'top', along: p.along }),
        ArrowDown: (p) => (p.edge === 'left' || p.edge === 'right' ? { ...p, along: Math.min(1, p.along + 0.1) } : { edge: 'bottom', along: p.along }),
        ArrowLeft: (p) => (p.edge === 'top' || p.edge === 'bottom' ? { ...p, along: Math.max(0, p.along - 0.1) } : { edge: 'left', along: p.along }),
        ArrowRight: (p) => (p.edge === 'top' || p.edge === 'bottom' ? { ...p, along: Math.min(1, p.along + 0.1) } : { edge: 'right', along: p.along }),
      };
      const move = moves[event.key];
      if (!move || open) return;
      event.preventDefault();
      preferred = move(current);
      options.store?.save(preferred);
      place();
    });
    root.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape' && open) {
        event.stopPropagation();
        setOpen(false, 'tab');
      }
    });
    mountOutsidePageLayout(host, doc.documentElement);
    parts = { host, root, tab, tabText, dot, panel, body, status, walk, theme };
    showHost(host, visible);
    return parts;
  };

  const render = () => {
    if (!lastFacts || !parts) return;
    const { facts, mode } = lastFacts;
    const { summary } = facts;
    const body = parts.body;
    body.replaceChildren();
    const paragraph = (text: string, className?: string) => {
      const element = doc.createElement('p');
      if (className) element.className = className;
      element.textContent = text;
      body.append(element);
      return element;
    };
    const line = (name: string, value: string, className = 'row') => {
      const row = doc.createElement('div');
      row.className = className;
      const left = doc.createElement('span');
      left.textContent = name;
      const right = doc.createElement('span');
      right.textContent = value;
      row.append(left, right);
      body.append(row);
    };
    const headline = headlineOf(summary, mode);
    const warning = topWarning(summary, facts.unjudgedRows ?? 0);
    if (warning) paragraph(warning, 'warning').setAttribute('data-sieve-warning', '');
    paragraph(headline.title, 'headline');
    for (const figure of headline.figures) line(figure.name, figure.value);
    paragraph(headline.aside, 'muted');
    const { byLabel } = summary;
    paragraph(
      `Events: ${formatCount(byLabel.human)} people · ${formatCount(byLabel.suspect)} suspect · ${formatCount(byLabel.scanner)} scanner · ${formatCount(byLabel.proxy)} proxy`,
      'muted',
    );
    if (mode === 'filter' && summary.qualifiedRanges?.openRate) {
      paragraph(`People open rate ${rateWithRange(summary.qualified.openRate, summary.qualifiedRanges.openRate)}`, 'muted');
    }
    const learned = learnedText(summary.learned);
    if (learned) paragraph(learned, 'muted');
    const esp = espTotalsText(summary);
    if (esp) paragraph(esp, 'muted');
    if ((facts.unjudgedRows ?? 0) > 0 && warning !== UNJUDGED_SUMMARY) paragraph(UNJUDGED_SUMMARY, 'muted');
    paragraph(
      facts.accumulatedRows > facts.pageRows
        ? `Rows: ${formatCount(facts.pageRows)} on this page · ${formatCount(facts.accumulatedRows)} across pages`
        : `Rows: ${formatCount(facts.pageRows)} on this page`,
      'muted',
    );
    // The tab itself carries the headline figure and a dot when there is a warning.
    const opens = mode === 'log-only' ? summary.raw.uniqueOpens : summary.qualified.uniqueOpens;
    parts.tabText.textContent = `Sieve ${formatCount(opens)}`;
    parts.dot.hidden = warning === undefined;
    parts.tab.setAttribute('aria-label', `Scanner Sieve summary: ${headline.figures[0]!.value} ${headline.figures[0]!.name.toLowerCase()} (Alt+Shift+S)`);
  };

  const place = () => {
    if (!parts || !visible) return;
    const size = viewport();
    // Without layout (jsdom) nothing can be measured: the tab stays where the user put it.
    const measurable = typeof doc.elementFromPoint === 'function';
    const probe = measurable ? (options.probe?.() ?? createPageProbe(doc, NO_LARGE_GROUPS)) : undefined;
    const ours = (box: Box) => probe !== undefined && probe.covers(box);
    const boxOf = (position: DockPosition) => dockBox(position, TAB_SIZE, size);
    // The user's place first, then where the tab is now (so scrolling does not make it hop), then the search.
    const found = firstFreeDock([preferred, current, ...dockCandidates(preferred, 8).slice(1)], boxOf, ours);
    // Nowhere free (a page full of text to every edge): the user's own place, where they chose to have it.
    current = found?.position ?? preferred;
    const tabBox = found?.box ?? boxOf(preferred);
    const vertical = current.edge === 'left' || current.edge === 'right';
    parts.tab.toggleAttribute('data-vertical', vertical);
    parts.host.style.setProperty('left', `${tabBox.left}px`, 'important');
    parts.host.style.setProperty('top', `${tabBox.top}px`, 'important');
    if (open) placePanel(tabBox, size, (box) => probe !== undefined && probe.covers(box, 16), probe);
  };

  /**
   * The open panel goes beside the tab when that covers nothing; else into the free room of the screen nearest
   * the tab, as large as fits (its content scrolls); where the screen has no free room at all it keeps to the
   * tab's own spot.
   */
  const placePanel = (tabBox: Box, size: { width: number; height: number }, covers: (box: Box) => boolean, probe: PageProbe | undefined) => {
    if (!parts) return;
    const panel = parts.panel;
    const setBox = (box: Box) => {
      panel.style.left = `${box.left}px`;
      panel.style.top = `${box.top}px`;
      panel.style.width = `${box.right - box.left}px`;
      panel.style.maxHeight = `${box.bottom - box.top}px`;
    };
    // Where it is now, when that still covers nothing (scrolling must not make it jump about).
    const shown = panel.style.left
      ? {
          left: parseFloat(panel.style.left),
          top: parseFloat(panel.style.top),
          right: parseFloat(panel.style.left) + parseFloat(panel.style.width),
          bottom: parseFloat(panel.style.top) + parseFloat(panel.style.maxHeight),
        }
      : undefined;
    if (shown && !intersects(shown, tabBox) && !covers(shown)) return;
    const candidates = panelCandidates(tabBox, current.edge, PANEL_SIZE, size);
    const beside = candidates.find((box) => !intersects(box, tabBox) && !covers(box));
    if (beside) return setBox(beside);
    if (!probe) return setBox(candidates[0]!);
    const free = findFreeBox(probe.occupancy(size.width, size.height), PANEL_FALLBACK_SIZES, tabBox);
    // A page full of text to every edge: the panel stays in the tab's own spot (free room by construction, its
    // content scrolls) rather than lie over the page; the toolbar popup holds the same report at full size.
    setBox(free ?? tabBox);
  };

  // The one keyboard entry point, from anywhere on the page.
  const onShortcut = (event: KeyboardEvent) => {
    if (!visible || !lastFacts) return;
    if (event.altKey !== SUMMARY_SHORTCUT.altKey || event.shiftKey !== SUMMARY_SHORTCUT.shiftKey || event.code !== SUMMARY_SHORTCUT.code) return;
    if (event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    build();
    setOpen(true, 'walk');
  };
  doc.addEventListener('keydown', onShortcut, true);

  return {
    show(facts, mode) {
      lastFacts = { facts, mode };
      build();
      render();
      place();
    },
    place,
    setVisible(value) {
      visible = value;
      if (parts) showHost(parts.host, visible);
      if (visible) place();
    },
    announce(text) {
      if (parts) parts.status.textContent = text;
    },
    focusTab() {
      if (!parts) return;
      setOpen(true, 'walk');
    },
    isOpen: () => open,
    remove() {
      parts?.host.remove();
      parts = undefined;
      open = false;
      lastFacts = undefined;
    },
    host: () => parts?.host,
  };
}

/** The tab's place per site in the extension's storage (chrome.storage.local exists in Chrome and Firefox). */
export function extensionDockStore(site: string): DockStore | undefined {
  const storage = (globalThis as { chrome?: { storage?: { local?: { get(key: string, done: (items: Record<string, unknown>) => void): void; set(items: Record<string, unknown>): void } } } }).chrome?.storage?.local;
  if (!storage) return undefined;
  const key = `dock:${site}`;
  return {
    load: () =>
      new Promise((resolve) => {
        try {
          storage.get(key, (items) => {
            const value = items?.[key] as DockPosition | undefined;
            const valid = value && ['right', 'left', 'top', 'bottom'].includes(value.edge) && typeof value.along === 'number';
            resolve(valid ? { edge: value.edge, along: Math.min(Math.max(value.along, 0), 1) } : undefined);
          });
        } catch {
          resolve(undefined);
        }
      }),
    save(position) {
      try {
        storage.set({ [key]: position });
      } catch {
        // Not remembered: the tab still works.
      }
    },
  };
}
