// The one way the page reader walks the DOM: bounded, iterative (no recursion, no spread over a whole table, so
// a 200 000-row page neither overflows the stack nor stalls), skipping the elements Scanner Sieve adds itself.

/** Marks the elements Scanner Sieve adds itself (chip hosts, the summary), so the reader never reads them. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-sieve-own';

/** Collapses whitespace; the text a person sees in a cell (our own chips live in shadow roots: not included). */
export function textOf(element: Element | undefined, maxLength = Infinity): string {
  if (!element) return '';
  if (element.childElementCount === 0) return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  // textContent glues sibling elements together ("Daniel Mensah" + "d.mensah@…" → "Daniel Mensahd.mensah@…"):
  // join the text nodes with spaces instead. `maxLength` stops early (a label's neighbour may be a huge table).
  const parts: string[] = [];
  let length = 0;
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && length <= maxLength; node = walker.nextNode()) {
    const value = node.nodeValue;
    if (value && value.trim()) {
      parts.push(value);
      length += value.length + 1;
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * The element descendants of a cell or row, depth first, capped. Used instead of querySelectorAll on the
 * per-row path: selector engines cost far more than a walk over a cell's few elements.
 */
export function descendants(root: Element, limit = 200): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  for (let child = root.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  while (stack.length > 0 && out.length < limit) {
    const element = stack.pop()!;
    if (element.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) continue;
    out.push(element);
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return out;
}

/**
 * Child elements by sibling links: live HTMLCollections (`rows`, `cells`, `children`) are slow to index in some
 * DOMs (jsdom builds a proxy per access), and a 10 000-row table reads every row.
 */
export function childElements(parent: Element): Element[] {
  const children: Element[] = [];
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) children.push(child);
  return children;
}

