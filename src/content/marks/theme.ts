// Our marks follow the page's actual colours: on a dark ESP theme chips and the summary turn dark too. The
// background a row shows is the first non-transparent background colour up its ancestors (the page's own
// canvas when none); dark when its relative luminance is low (WCAG 2 relative luminance formula,
// https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
import type { Label } from '../../shared/types';

export type Theme = 'light' | 'dark';

/** [r, g, b, alpha] of a computed CSS colour (`rgb(…)`/`rgba(…)`, or the `color(srgb …)` form), else undefined. */
export function parseCssColour(value: string): [number, number, number, number] | undefined {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (rgb) {
    const alphaText = rgb[4];
    const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? Number.parseFloat(alphaText) / 100 : Number(alphaText);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
  }
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\)$/i.exec(value.trim());
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  if (value.trim() === 'transparent') return [0, 0, 0, 0];
  return undefined;
}

/** WCAG relative luminance of an sRGB colour, 0 (black) … 1 (white). */
export function relativeLuminance([red, green, blue]: readonly number[]): number {
  const channel = (value: number) => {
    const unit = (value ?? 0) / 255;
    return unit <= 0.04045 ? unit / 12.92 : ((unit + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(red!) + 0.7152 * channel(green!) + 0.0722 * channel(blue!);
}

/** Below this luminance a background is dark (mid-grey #767676 is ~0.18; dark themes sit under ~0.05). */
const DARK_BELOW = 0.2;

/** The theme of the background behind `element` as the page paints it. */
export function themeBehind(element: Element): Theme {
  const view = element.ownerDocument.defaultView;
  if (!view) return 'light';
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = parseCssColour(view.getComputedStyle(node).backgroundColor);
    if (colour && colour[3] > 0.5) return relativeLuminance(colour) < DARK_BELOW ? 'dark' : 'light';
  }
  // Nothing painted: the canvas follows the page's color-scheme (a dark-scheme page without backgrounds is dark).
  const scheme = view.getComputedStyle(element.ownerDocument.documentElement).colorScheme ?? '';
  return /^\s*dark\b/.test(scheme) ? 'dark' : 'light';
}

/** Chip text and background per label and theme; each pair has contrast ≥ 4.5:1 (test/ui/theme-contrast.test.ts). */
export const LABEL_COLOURS: Record<Theme, Record<Label | 'unjudged', readonly [string, string]>> = {
  light: {
    human: ['#0b5d1e', '#dcf5e3'],
    scanner: ['#8a1c1c', '#fde2e2'],
    proxy: ['#5b3a00', '#fdefc8'],
    suspect: ['#3d3d8f', '#e6e6fb'],
    unjudged: ['#3f3f46', '#ececf0'],
  },
  dark: {
    human: ['#9ee6b0', '#123d20'],
    scanner: ['#ffb4b4', '#4a1616'],
    proxy: ['#ffd98a', '#433007'],
    suspect: ['#c9c9ff', '#26264f'],
    unjudged: ['#d4d4d8', '#34343b'],
  },
};

/** Panel and tooltip colours per theme (text, background, border, muted text, focus ring). */
export const SURFACE_COLOURS: Record<Theme, { text: string; background: string; border: string; muted: string; focus: string }> = {
  light: { text: '#1d1d1f', background: '#ffffff', border: '#c9c9d1', muted: '#55555c', focus: '#1a5fd0' },
  dark: { text: '#ececf1', background: '#1f2126', border: '#4a4d57', muted: '#b4b6bf', focus: '#8ab4ff' },
};
