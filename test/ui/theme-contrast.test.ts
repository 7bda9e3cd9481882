// The theme's text colours meet WCAG 2.1 AA (4.5:1 for normal text, 3:1 for the non-text label colours used as
// bar fills and chip borders) on their backgrounds, in the light and the dark scheme.
// Contrast formula: https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(process.cwd(), 'src/ui/theme.css'), 'utf8');

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1]!, match[2]!]));
}

const light = variables(css.slice(css.indexOf(':root'), css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...variables(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const TEXT_PAIRS: Array<[string, string]> = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['accent', 'bg'],
  ['accent-text', 'accent'],
  ['warning-text', 'warning-bg'],
  ['error-text', 'bg'],
  ['label-scanner', 'bg'], // the "difference" column is written in this colour
];
const GRAPHIC_PAIRS: Array<[string, string]> = ['human', 'scanner', 'proxy', 'suspect'].map((label) => [`label-${label}`, 'bg']);

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, palette) => {
  it('has every variable it needs', () => {
    for (const [a, b] of [...TEXT_PAIRS, ...GRAPHIC_PAIRS]) {
      expect(palette[a], a).toMatch(/^#/);
      expect(palette[b], b).toMatch(/^#/);
    }
  });
  it.each(TEXT_PAIRS)('text %s on %s reaches 4.5:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(GRAPHIC_PAIRS)('graphic %s on %s reaches 3:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(3);
  });
});
