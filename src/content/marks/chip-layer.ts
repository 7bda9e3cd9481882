// The one layer our row marks are drawn in: a fixed, click-through host outside <body> with one shadow root
// holding every chip, icon and stripe, plus the keyboard-walk ring. Why not inside the table: any element we add
// inside a cell of a 10 000-row table — even out of flow — makes the browser lay the table out again (measured
// in headless Chromium, test/bench/page-reader.bench.ts: one ~120–210 ms task); a layer with `contain: strict`
// outside the table is laid out on its own. Everything is built with createElement/textContent: no markup from
// the page is ever parsed.
import { describeReason } from '../../classifier/reasons';
import type { Label } from '../../shared/types';
import type { RowMarkForm } from './placement';
import { createOwnHost, mountOutsidePageLayout, showHost, styleShadowRoot } from './mount';
import { LABEL_COLOURS, SURFACE_COLOURS, type Theme } from './theme';

/** On the one host element of the chip layer (its shadow root holds every chip). */
export const CHIP_LAYER_ATTRIBUTE = 'data-sieve-chip-layer';
/** On each chip inside the layer's shadow root. */
export const CHIP_ATTRIBUTE = 'data-sieve-chip';

export interface RowVerdict {
  label: Label;
  reasons: string[];
  /** The events carried nothing to judge: the label is a default, shown as a neutral "not judged" chip. */
  unjudged?: boolean;
  /** The ESP's own machine flag on the row's event and whether our label agrees with it. */
  espFlag?: { flag: string; agrees: boolean };
}

export type ChipKind = Label | 'unjudged';

export function chipKindOf(verdict: RowVerdict): ChipKind {
  return verdict.unjudged ? 'unjudged' : verdict.label;
}

const CHIP_TEXT: Record<ChipKind, string> = {
  human: 'Human',
  scanner: 'Scanner',
  proxy: 'Proxy',
  suspect: 'Suspect',
  unjudged: 'Not judged',
};
const ICON_TEXT: Record<ChipKind, string> = { human: 'H', scanner: 'S', proxy: 'P', suspect: '?', unjudged: '–' };

/** Roughly how wide a chip of this kind is before it was measured (10 px bold system font + padding). */
export function estimatedChipWidth(kind: ChipKind): number {
  return 14 + CHIP_TEXT[kind].length * 6.5;
}

/** The plain-words tooltip of a row: its label, why, and what the ESP itself said. */
export function tipText(verdict: RowVerdict): string {
  const lines: string[] = [];
  if (verdict.unjudged) {
    lines.push('Not judged: this page shows no times, addresses or browsers for this row. The activity view of the campaign has them.');
  } else {
    lines.push(`Scanner Sieve: ${CHIP_TEXT[verdict.label]}`);
    lines.push(...(verdict.reasons.length > 0 ? verdict.reasons.map(describeReason) : ['No machine signal.']));
  }
  if (verdict.espFlag) {
    lines.push(
      verdict.espFlag.agrees
        ? `The ESP also flags this as a machine (“${verdict.espFlag.flag}”): we agree.`
        : verdict.espFlag.flag
          ? `The ESP flags this as a machine (“${verdict.espFlag.flag}”), but nothing here shows a machine: we disagree.`
          : 'The ESP does not flag this as a machine, but the evidence here does: we disagree.',
    );
  }
  return lines.join('\n');
}

const LAYER_HOST_STYLE: ReadonlyArray<readonly [string, string]> = [
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

function layerStyle(): string {
  const rules: string[] = [
    `.mark { position: absolute; left: 0; top: 0; box-sizing: border-box; pointer-events: auto; cursor: help; white-space: nowrap;
  font: 600 10px/14px system-ui, sans-serif; border-radius: 8px; text-align: center; }
.mark[data-form="chip"] { padding: 1px 6px; height: 16px; }
.mark[data-form="icon"] { width: 16px; height: 16px; padding: 1px 0; }
.mark[data-form="stripe"] { width: 3px; border-radius: 2px; padding: 0; font-size: 0; }
.mark[data-form="stripe"] > .text { display: none; }
.mark[data-esp-flag="disagrees"] { box-shadow: inset 0 0 0 1px currentColor; }
.tip { display: none; position: absolute; left: 0; top: calc(100% + 4px); width: max-content; max-width: 340px;
  font: 400 12px/1.4 system-ui, sans-serif; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.2); padding: 6px 8px;
  white-space: pre-line; cursor: auto; text-align: left; }
.mark[data-tip-above] .tip, .ring[data-tip-above] .tip { top: auto; bottom: calc(100% + 4px); }
.mark[data-tip-left] .tip, .ring[data-tip-left] .tip { left: auto; right: 0; }
.mark:hover .tip, .ring:focus .tip { display: block; }
.ring { position: absolute; left: 0; top: 0; box-sizing: border-box; pointer-events: none; border-radius: 4px; outline: none; }
.ring[hidden] { display: none; }`,
  ];
  for (const theme of ['light', 'dark'] as Theme[]) {
    const surface = SURFACE_COLOURS[theme];
    rules.push(`.layer[data-theme="${theme}"] .tip { color: ${surface.text}; background: ${surface.background}; border: 1px solid ${surface.border}; }`);
    rules.push(`.layer[data-theme="${theme}"] .ring { border: 2px solid ${surface.focus}; }`);
    for (const [kind, [text, background]] of Object.entries(LABEL_COLOURS[theme])) {
      rules.push(`.layer[data-theme="${theme}"] .mark[data-kind="${kind}"] { color: ${text}; background-color: ${background}; }`);
      rules.push(`.layer[data-theme="${theme}"] .mark[data-kind="${kind}"][data-form="stripe"] { background-color: ${text}; }`);
    }
  }
  return rules.join('\n');
}

export interface MarkView {
  element: HTMLElement;
  text: HTMLElement;
  tip: HTMLElement;
  kind?: ChipKind;
  tipContent?: string;
  form?: RowMarkForm;
  transform?: string;
}

export interface ChipLayer {
  host: HTMLElement;
  root: ShadowRoot;
  container: HTMLElement;
  ring: HTMLElement;
  ringTip: HTMLElement;
  setTheme(theme: Theme): void;
  makeMark(): MarkView;
  fillMark(view: MarkView, verdict: RowVerdict, form: RowMarkForm): void;
}

let tipIds = 0;

export function createChipLayer(doc: Document, visible: boolean): ChipLayer {
  const host = createOwnHost(doc, 'sieve-chip-layer', CHIP_LAYER_ATTRIBUTE, LAYER_HOST_STYLE);
  showHost(host, visible);
  const root = host.attachShadow({ mode: 'open' });
  styleShadowRoot(root, layerStyle());
  const container = doc.createElement('div');
  container.className = 'layer';
  container.setAttribute('data-theme', 'light');
  // The keyboard walk's focus: a ring around the current row, described by the row's tooltip.
  const ring = doc.createElement('div');
  ring.className = 'ring';
  ring.tabIndex = -1;
  ring.hidden = true;
  ring.setAttribute('role', 'note');
  const ringTip = doc.createElement('span');
  ringTip.className = 'tip';
  ring.append(ringTip);
  container.append(ring);
  root.append(container);
  // Outside <body> (scripts walking body's children never see it), in the top layer (see mount.ts).
  mountOutsidePageLayout(host, doc.documentElement);
  return {
    host,
    root,
    container,
    ring,
    ringTip,
    setTheme(theme) {
      if (container.getAttribute('data-theme') !== theme) container.setAttribute('data-theme', theme);
    },
    makeMark() {
      const element = doc.createElement('span');
      element.className = 'mark';
      element.setAttribute(CHIP_ATTRIBUTE, '');
      // Not a Tab stop (a long report would add hundreds): rows are walked from the summary (Alt+Shift+S).
      element.tabIndex = -1;
      element.setAttribute('role', 'img');
      const text = doc.createElement('span');
      text.className = 'text';
      text.setAttribute('aria-hidden', 'true');
      const tip = doc.createElement('span');
      tip.className = 'tip';
      tip.setAttribute('role', 'tooltip');
      tipIds += 1;
      tip.id = `sieve-tip-${tipIds}`;
      element.setAttribute('aria-describedby', tip.id);
      element.append(text, tip);
      return { element, text, tip };
    },
    fillMark(view, verdict, form) {
      const kind = chipKindOf(verdict);
      if (view.kind !== kind || view.form !== form) {
        view.kind = kind;
        view.form = form;
        view.text.textContent = form === 'icon' ? ICON_TEXT[kind] : CHIP_TEXT[kind];
        view.element.setAttribute('data-kind', kind);
        view.element.setAttribute('data-label', verdict.label);
        view.element.setAttribute('data-form', form);
        view.element.setAttribute('aria-label', `Scanner Sieve: ${CHIP_TEXT[kind]}`);
      }
      const espFlag = verdict.espFlag ? (verdict.espFlag.agrees ? 'agrees' : 'disagrees') : null;
      if (view.element.getAttribute('data-esp-flag') !== espFlag) {
        if (espFlag) view.element.setAttribute('data-esp-flag', espFlag);
        else view.element.removeAttribute('data-esp-flag');
      }
      const content = tipText(verdict);
      if (view.tipContent !== content) {
        view.tipContent = content;
        view.tip.textContent = content;
      }
    },
  };
}
