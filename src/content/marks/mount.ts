// Putting our own hosts on the page: a custom element with a shadow root, styled so the page's CSS cannot move
// it, mounted where it costs the page no layout, with our stylesheet adopted (or a <style> where adopting fails).
import { OWN_ELEMENT_ATTRIBUTE } from '../../page-reader/dom-walk';

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

/** Gives a shadow root our rules: an adopted sheet, or a <style> element where the page's world refuses one. */
export function styleShadowRoot(root: ShadowRoot, text: string): void {
  const doc = root.ownerDocument;
  const sheet = constructedSheet(doc, text);
  if (sheet) {
    // Firefox content scripts see the page through Xray wrappers, where adopting a sheet can throw.
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // fall through to a <style> element
    }
  }
  const style = doc.createElement('style');
  style.textContent = text;
  root.append(style);
}

/**
 * Puts one of our fixed hosts on the page without touching the page's layout. A fixed element appended to
 * <body> or <html> still makes the browser lay out its parent again, and with it a 10 000-row table: measured in
 * headless Chromium as a 60–120 ms task per host. A manual popover is laid out in the top layer instead (a child
 * of the viewport, not of <body>) and is display: none until shown, so inserting it changes nothing (popover:
 * Chrome 114+, Firefox 125+; the manifest asks for more). Where the API is missing the host is simply appended.
 */
export function mountOutsidePageLayout(host: HTMLElement, parent: Element): void {
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

/**
 * A host element of ours: a custom element name (page CSS written for divs and spans does not match it), marked
 * as ours (the page reader and the mutation observer skip it), with inline !important styles (page rules aimed
 * at its tag or at "html > *" cannot move it; CSSOM writes are allowed under any page CSP).
 */
export function createOwnHost(doc: Document, tag: string, attribute: string, style: ReadonlyArray<readonly [string, string]>): HTMLElement {
  const host = doc.createElement(tag);
  host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
  host.setAttribute(attribute, '');
  for (const [property, value] of style) host.style.setProperty(property, value, 'important');
  return host;
}

/** Shows or hides a host whatever the page's CSS says. */
export function showHost(host: HTMLElement, visible: boolean): void {
  host.hidden = !visible;
  host.style.setProperty('display', visible ? 'block' : 'none', 'important');
}
