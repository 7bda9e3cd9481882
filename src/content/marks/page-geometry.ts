// Measuring the page for placement.ts: the boxes of a row's text and controls, the visible part of a row inside
// its scroll containers, and whether a box on screen would cover any of the page's text or controls. Reads only.
import { OWN_ELEMENT_ATTRIBUTE } from '../../page-reader/dom-walk';
import { markOccupied, type Box, type OccupancyGrid } from './placement';

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

/** The viewport (without scrollbars) clipped by every scrolling or clipping ancestor of `element`. */
export function visibleBoxOf(element: Element): Box {
  const doc = element.ownerDocument;
  const view = doc.defaultView!;
  const root = doc.documentElement;
  let box: Box = { left: 0, top: 0, right: root.clientWidth || view.innerWidth, bottom: root.clientHeight || view.innerHeight };
  for (let parent = element.parentElement; parent && parent !== root && parent !== doc.body; parent = parent.parentElement) {
    const style = view.getComputedStyle(parent);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
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

/**
 * A focusable element as big as half the screen is an app's container (a grid with tabindex, a card list), not a
 * control one could cover: the text and controls inside it are checked on their own.
 */
/** Controls of one sampled element whose boxes are taken (a cell or a toolbar holds a few). */
const MAX_INNER_CONTROLS = 64;

function isContainerSized(element: Element): boolean {
  const view = element.ownerDocument.defaultView!;
  const rect = element.getBoundingClientRect();
  return rect.width * rect.height > (view.innerWidth * view.innerHeight) / 2;
}

/** The page's topmost element at a point, looking through our own layers (they are not the page). */
function pageElementAt(doc: Document, x: number, y: number): Element | undefined {
  const stack = typeof doc.elementsFromPoint === 'function' ? doc.elementsFromPoint(x, y) : [doc.elementFromPoint(x, y)].filter(Boolean);
  for (const element of stack) if (element && !isOwn(element)) return element;
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

/**
 * Whether a box of ours on screen would lie over any of the page's text or controls. Sampled on a grid of points
 * (every `step` px, edges included): at each, the page's topmost element is a control, or has text under the box.
 */
export function coversPageContent(doc: Document, box: Box, step = 8): boolean {
  const checked = new Set<Element>();
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = box.left + 1; x < box.right; x += step) xs.push(x);
  xs.push(box.right - 1);
  for (let y = box.top + 1; y < box.bottom; y += step) ys.push(y);
  ys.push(box.bottom - 1);
  for (const y of ys) {
    for (const x of xs) {
      const element = pageElementAt(doc, x, y);
      if (!element || checked.has(element)) continue;
      checked.add(element);
      const control = element.closest(CONTROL_SELECTOR);
      if (control && !isContainerSized(control)) return true;
      if (directTextCovers(element, box)) return true;
    }
  }
  return false;
}

/**
 * Which parts of the viewport show the page's text or controls, on a grid of `cell` px: sampled at every cell's
 * centre; each text or control found marks every cell its boxes touch (so text between two samples counts too).
 */
export function pageOccupancy(doc: Document, width: number, height: number, cell = 16): OccupancyGrid {
  const grid: OccupancyGrid = {
    columns: Math.ceil(width / cell),
    rows: Math.ceil(height / cell),
    cell,
    occupied: new Uint8Array(Math.ceil(width / cell) * Math.ceil(height / cell)),
  };
  const seen = new Set<Element>();
  const range = doc.createRange();
  for (let row = 0; row < grid.rows; row += 1) {
    for (let column = 0; column < grid.columns; column += 1) {
      if (grid.occupied[row * grid.columns + column]) continue;
      const element = pageElementAt(doc, column * cell + cell / 2, row * cell + cell / 2);
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
      // A control smaller than a cell (a row's checkbox) can sit between the sampled points: the cell that holds it
      // is sampled, so its own small controls are marked too (a bounded number: a huge container is not walked).
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
}
