// Measuring the page for placement.ts: the boxes of a row's text and controls, the visible part of a row inside
// its scroll containers, and whether a box on screen would cover any of the page's text or controls. Reads only.
import { OWN_ELEMENT_ATTRIBUTE } from '../../page-reader/dom-walk';
import { intersects, markOccupied, type Box, type OccupancyGrid } from './placement';

/** What a person clicks or types into: never to be covered (links, buttons, fields, ARIA widgets, anything focusable). */
export const CONTROL_SELECTOR = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'label',
  'summary',
  'img',
  'svg',
  'video',
  '[role="button"]',
  '[role="link"]',
  '[role="checkbox"]',
  '[role="tab"]',
  '[role="menuitem"]',
  '[role="switch"]',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable=""]',
  '[contenteditable="true"]',
].join(',');

function toBox(rect: DOMRect | DOMRectReadOnly): Box {
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
}

/** Line boxes of every non-blank text node under `root` (not inside our own elements), and its controls' boxes. */
export function occupiedBoxes(root: Element): Box[] {
  const doc = root.ownerDocument;
  const boxes: Box[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue || node.nodeValue.trim() === '') continue;
    const parent = node.parentElement;
    if (parent?.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`)) continue;
    range.selectNodeContents(node);
    for (const rect of Array.from(range.getClientRects())) if (rect.width > 0 && rect.height > 0) boxes.push(toBox(rect));
  }
  range.detach();
  for (const control of Array.from(root.querySelectorAll(CONTROL_SELECTOR))) {
    const rect = control.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) boxes.push(toBox(rect));
  }
  return boxes;
}

/** The ancestors of `element` that clip it (scrolling or overflow-hidden boxes), nearest first. */
export function clippingAncestors(element: Element): Element[] {
  const doc = element.ownerDocument;
  const view = doc.defaultView!;
  const root = doc.documentElement;
  const out: Element[] = [];
  for (let parent = element.parentElement; parent && parent !== root && parent !== doc.body; parent = parent.parentElement) {
    const style = view.getComputedStyle(parent);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') out.push(parent);
  }
  return out;
}

/**
 * The viewport (without scrollbars) clipped by every scrolling or clipping ancestor of `element` (`clips`: those
 * ancestors when already known, see clippingAncestors).
 */
export function visibleBoxOf(element: Element, clips: readonly Element[] = clippingAncestors(element)): Box {
  const doc = element.ownerDocument;
  const view = doc.defaultView!;
  const root = doc.documentElement;
  let box: Box = { left: 0, top: 0, right: root.clientWidth || view.innerWidth, bottom: root.clientHeight || view.innerHeight };
  for (const parent of clips) {
    const rect = parent.getBoundingClientRect();
    // The clipping box is the padding box: inside the borders, without the scrollbars.
    const left = rect.left + parent.clientLeft;
    const top = rect.top + parent.clientTop;
    box = {
      left: Math.max(box.left, left),
      top: Math.max(box.top, top),
      right: Math.min(box.right, left + parent.clientWidth),
      bottom: Math.min(box.bottom, top + parent.clientHeight),
    };
  }
  return box;
}

function isOwn(element: Element): boolean {
  return element.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`) !== null;
}

/** Controls of one sampled element whose boxes are taken (a cell or a toolbar holds a few). */
const MAX_INNER_CONTROLS = 64;

/**
 * A focusable element as big as half the screen is an app's container (a grid with tabindex, a card list), not a
 * control one could cover: the text and controls inside it are checked on their own.
 */
function isContainerSized(element: Element): boolean {
  const view = element.ownerDocument.defaultView!;
  const rect = element.getBoundingClientRect();
  return rect.width * rect.height > (view.innerWidth * view.innerHeight) / 2;
}

/** The page's topmost element at a point, looking through our own layers (they are not the page). */
function pageElementAt(doc: Document, x: number, y: number): Element | undefined {
  let scope: Document | ShadowRoot = doc;
  // A web component's content answers as its host: look into open shadow roots (a bounded number of levels).
  for (let depth = 0; depth < 8; depth += 1) {
    const stack: Element[] =
      typeof scope.elementsFromPoint === 'function' ? scope.elementsFromPoint(x, y) : [scope.elementFromPoint(x, y)].filter((hit): hit is Element => hit !== null);
    const inScope: Element | undefined = stack.find((candidate) => !isOwn(candidate) && candidate.getRootNode() === scope);
    const shadow: ShadowRoot | null | undefined = inScope?.shadowRoot;
    if (!inScope || !shadow || shadow.mode !== 'open' || typeof shadow.elementsFromPoint !== 'function') return inScope;
    if (!shadow.elementsFromPoint(x, y).some((candidate) => candidate.getRootNode() === shadow)) return inScope;
    scope = shadow;
  }
  return undefined;
}

function directTextCovers(element: Element, box: Box): boolean {
  const range = element.ownerDocument.createRange();
  try {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 3 || !child.nodeValue || child.nodeValue.trim() === '') continue;
      range.selectNodeContents(child);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width > 0 && rect.height > 0 && rect.left < box.right && box.left < rect.right && rect.top < box.bottom && box.top < rect.bottom) {
          return true;
        }
      }
    }
    return false;
  } finally {
    range.detach();
  }
}

// ---- large row groups: measured, not hit-tested ----

/**
 * Row groups (a tbody, a rowgroup) with at least this many rows are measured instead of hit-tested: a hit test
 * at a point inside such a group walks every row of it (Chromium's elementFromPoint and elementsFromPoint both:
 * ~100 ms at a point in a 100 000-row tbody, ~1–3 ms in a 10 000-row one, measured with
 * test/bench/page-reader.bench.ts), so one per mark per frame froze the page for seconds.
 */
export const MEASURED_GROUP_ROWS = 500;

/** Elements looked at, at most, when listing what may lie over the large groups (the rows themselves are not). */
const MAX_OVERLAY_SCAN = 20_000;
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'LINK', 'META']);

/**
 * What the page may paint over its rows: fixed and sticky elements (app bars, sticky headers, dialogs, popovers
 * in the top layer), absolutely positioned ones (menus, tooltips) and relatively positioned ones with a
 * z-index. The children of `skipChildrenOf` (the large groups' rows) are not walked. Listed once per layout
 * change, not per frame.
 */
export function overlayCandidates(doc: Document, skipChildrenOf: ReadonlySet<Element>): Element[] {
  const view = doc.defaultView;
  const root = doc.documentElement;
  if (!view || !root) return [];
  // The groups' own ancestors (the table, its scrolling wrapper, a positioned app shell) hold the rows: they do
  // not lie over them.
  const holders = new Set<Element>();
  for (const group of skipChildrenOf) for (let at: Element | null = group; at; at = at.parentElement) holders.add(at);
  const out: Element[] = [];
  let scanned = 0;
  let element: Element | null = root.firstElementChild;
  while (element && scanned < MAX_OVERLAY_SCAN) {
    scanned += 1;
    const skipped = SKIPPED_TAGS.has(element.tagName) || element.hasAttribute(OWN_ELEMENT_ATTRIBUTE);
    let descend = !skipped && !skipChildrenOf.has(element);
    if (!skipped) {
      const style = view.getComputedStyle(element);
      if (style.display === 'none') descend = false;
      else if (!holders.has(element) && style.visibility !== 'hidden' && !(Number(style.zIndex) < 0)) {
        const position = style.position;
        if (position === 'fixed' || position === 'sticky' || position === 'absolute' || (position === 'relative' && style.zIndex !== 'auto')) out.push(element);
      }
    }
    // Next in document order: first child, else the next sibling of the nearest ancestor that has one.
    let next: Element | null = descend ? element.firstElementChild : null;
    for (let at: Element | null = element; !next && at && at !== root; at = at.parentElement) next = at.nextElementSibling;
    element = next;
  }
  return out;
}

/** What a frame's placement asks of the page: measured where hit tests are dear, hit-tested elsewhere. */
export interface PageProbe {
  /** Whether the page shows `row` itself at a point (nothing else of the page lies over the row there). */
  rowShowsAt(row: Element, x: number, y: number): boolean;
  /**
   * Whether a box of ours on screen would lie over any of the page's text or controls. Sampled on a grid of
   * points (every `step` px, edges included): at each, the page's topmost element is a control, or has text under
   * the box; inside a large group, the row there (and anything that may lie over it) has text or a control
   * under the box.
   */
  covers(box: Box, step?: number): boolean;
  /**
   * Which parts of the viewport show the page's text or controls, on a grid of `cell` px: sampled at every
   * cell's centre; each text or control found marks every cell its boxes touch (so text between two samples
   * counts too).
   */
  occupancy(width: number, height: number, cell?: number): OccupancyGrid;
}

/** The page as one layout generation saw it: its large row groups and what may lie over them. */
export interface ProbeScene {
  largeGroups: readonly Element[];
  /**
   * The element children of each large group, in order, listed once per layout change: a live `children`
   * collection walks from its last index on a jump, so a binary search over it costs a walk over the rows.
   */
  childrenOf?(parent: Element): readonly Element[];
  overlays: readonly Element[];
}

export const NO_LARGE_GROUPS: ProbeScene = { largeGroups: [], overlays: [] };

function containsPoint(box: Box, x: number, y: number): boolean {
  return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
}

/**
 * A probe for one frame (the boxes it measures are valid until the page scrolls or changes). `boxesOf`: the text
 * and control boxes of an element (occupiedBoxes, or a cache of it).
 */
export function createPageProbe(doc: Document, scene: ProbeScene, boxesOf: (element: Element) => Box[] = occupiedBoxes): PageProbe {
  let groups: Array<{ parent: Element; box: Box }> | undefined;
  let overlays: Array<{ element: Element; box: Box }> | undefined;
  const largeParents = new Set(scene.largeGroups);
  const measuredBoxes = new Map<Element, Box[]>();

  const groupBoxes = () =>
    (groups ??= scene.largeGroups.filter((parent) => parent.isConnected).map((parent) => ({ parent, box: toBox(parent.getBoundingClientRect()) })));
  const overlayBoxes = () =>
    (overlays ??= scene.overlays
      .filter((element) => element.isConnected)
      .map((element) => ({ element, box: toBox(element.getBoundingClientRect()) }))
      .filter(({ box }) => box.right > box.left && box.bottom > box.top));
  const boxesOfElement = (element: Element) => {
    let boxes = measuredBoxes.get(element);
    if (!boxes) {
      boxes = boxesOf(element);
      measuredBoxes.set(element, boxes);
    }
    return boxes;
  };

  /** The child of a large group at a height (rows in document order are in vertical order: a binary search). */
  const childAt = (parent: Element, y: number): Element | undefined => {
    const children: ArrayLike<Element> = scene.childrenOf?.(parent) ?? parent.children;
    let low = 0;
    let high = children.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (children[middle]!.getBoundingClientRect().bottom <= y) low = middle + 1;
      else high = middle;
    }
    const child = children[low];
    if (!child) return undefined;
    const rect = child.getBoundingClientRect();
    return rect.top <= y && y < rect.bottom ? child : undefined;
  };

  /** At a point inside a large group: the boxes of what shows there (the row, and whatever may lie over it). */
  const measuredAt = (x: number, y: number): Box[][] | undefined => {
    const group = groupBoxes().find(({ box }) => containsPoint(box, x, y));
    if (!group) return undefined;
    const found: Box[][] = [];
    const row = childAt(group.parent, y);
    if (row) found.push(boxesOfElement(row));
    for (const overlay of overlayBoxes()) if (containsPoint(overlay.box, x, y)) found.push(boxesOfElement(overlay.element));
    return found;
  };

  return {
    rowShowsAt(row, x, y) {
      if (row.parentElement && largeParents.has(row.parentElement)) {
        // Nothing positioned of the page lies over the row there (a sticky header, an app bar, a dialog, a menu).
        return !overlayBoxes().some(({ element, box }) => containsPoint(box, x, y) && !element.contains(row) && !row.contains(element));
      }
      // A sticky header, a dialog or a menu over the row shows something else there: hit-test the point.
      const scope = row.getRootNode() as Document | ShadowRoot;
      const hit = (typeof scope.elementsFromPoint === 'function' ? scope : doc).elementsFromPoint(x, y);
      const firstOfPage = hit.find((element) => !isOwn(element));
      return firstOfPage !== undefined && row.contains(firstOfPage);
    },

    covers(box, step = 8) {
      const checked = new Set<Element>();
      const xs: number[] = [];
      const ys: number[] = [];
      for (let x = box.left + 1; x < box.right; x += step) xs.push(x);
      xs.push(box.right - 1);
      for (let y = box.top + 1; y < box.bottom; y += step) ys.push(y);
      ys.push(box.bottom - 1);
      const checkedBoxes = new Set<Box[]>();
      for (const y of ys) {
        for (const x of xs) {
          const measured = measuredAt(x, y);
          if (measured) {
            for (const boxes of measured) {
              if (checkedBoxes.has(boxes)) continue;
              checkedBoxes.add(boxes);
              if (boxes.some((occupied) => intersects(occupied, box))) return true;
            }
            continue;
          }
          const element = pageElementAt(doc, x, y);
          if (!element || checked.has(element)) continue;
          checked.add(element);
          const control = element.closest(CONTROL_SELECTOR);
          if (control && !isContainerSized(control)) return true;
          if (directTextCovers(element, box)) return true;
        }
      }
      return false;
    },

    occupancy(width, height, cell = 16) {
      const grid: OccupancyGrid = {
        columns: Math.ceil(width / cell),
        rows: Math.ceil(height / cell),
        cell,
        occupied: new Uint8Array(Math.ceil(width / cell) * Math.ceil(height / cell)),
      };
      const seen = new Set<Element>();
      const seenBoxes = new Set<Box[]>();
      const range = doc.createRange();
      for (let row = 0; row < grid.rows; row += 1) {
        for (let column = 0; column < grid.columns; column += 1) {
          if (grid.occupied[row * grid.columns + column]) continue;
          const x = column * cell + cell / 2;
          const y = row * cell + cell / 2;
          const measured = measuredAt(x, y);
          if (measured) {
            for (const boxes of measured) {
              if (seenBoxes.has(boxes)) continue;
              seenBoxes.add(boxes);
              for (const occupied of boxes) markOccupied(grid, occupied);
            }
            continue;
          }
          const element = pageElementAt(doc, x, y);
          if (!element || seen.has(element)) continue;
          seen.add(element);
          const control = element.closest(CONTROL_SELECTOR);
          if (control && !isContainerSized(control)) {
            markOccupied(grid, toBox(control.getBoundingClientRect()));
            continue;
          }
          for (let child = element.firstChild; child; child = child.nextSibling) {
            if (child.nodeType !== 3 || !child.nodeValue || child.nodeValue.trim() === '') continue;
            range.selectNodeContents(child);
            for (const rect of Array.from(range.getClientRects())) if (rect.width > 0 && rect.height > 0) markOccupied(grid, toBox(rect));
          }
          // A control smaller than a cell (a row's checkbox) can sit between the sampled points: the cell that
          // holds it is sampled, so its own small controls are marked too (a bounded number: a huge container is
          // not walked).
          if (!isContainerSized(element)) {
            const inner = element.querySelectorAll(CONTROL_SELECTOR);
            for (let index = 0; index < inner.length && index < MAX_INNER_CONTROLS; index += 1) {
              const rect = inner[index]!.getBoundingClientRect();
              if (rect.width > 0 && rect.height > 0) markOccupied(grid, toBox(rect));
            }
          }
        }
      }
      range.detach();
      return grid;
    },
  };
}
