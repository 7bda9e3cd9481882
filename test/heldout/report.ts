// Held-out acceptance report (issue 13): `npm run bench heldout` (flags after it: --size N, --misses, --seeds).
// For each set × format × seed: generate a campaign, write it as the export, read it back through the product's
// importer (the same `importBytes` the CLI calls), classify with the bundled ranges, apply every published rule
// set to the same imported events, and score all of them against the generator's truth.
import { createReadStream } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyCampaign } from '../../src/classifier';
import { importBytes } from '../../src/importers/index';
import { getBundledIndex } from '../../src/ranges';
import type { Label } from '../../src/shared/types';
import { BASELINES } from '../classifier/baselines';
import { generateCampaign, type HeldoutCampaign, type SetName, type TruthEvent } from './generator';
import { FORMATS, WRITERS, type FormatName } from './writers';

const args = process.argv.slice(2);
const SIZE = Number(args[args.indexOf('--size') + 1]) || 900;
const SHOW_MISSES = args.includes('--misses');
const seedArg = args.indexOf('--seeds');
const SEEDS = seedArg >= 0 ? args[seedArg + 1]!.split(',').map(Number) : [1, 2, 3];
const SETS: SetName[] = ['ordinary', 'hard'];

interface Targets {
  clickF1: number;
  openF1: number;
  fastFp: number;
  clickPp: number;
  openPp: number;
}
const TARGETS: Record<SetName, Targets> = {
  ordinary: { clickF1: 0.995, openF1: 0.98, fastFp: 0.02, clickPp: 0.4, openPp: 0.5 },
  hard: { clickF1: 0.97, openF1: 0.98, fastFp: 0.03, clickPp: 1.5, openPp: 1.0 },
};

type Lbl = Label | 'missing';

interface Tally {
  click: { tp: number; fp: number; fn: number };
  open: { tp: number; fp: number; fn: number };
  fast: { n: number; fp: number };
  clickPp: number[];
  openPp: number[];
  missing: number;
  /** The product's own summary (qualified rates over the delivered count it found) vs truth, pp; ours only. */
  reportPp: number[];
}
const newTally = (): Tally => ({ click: { tp: 0, fp: 0, fn: 0 }, open: { tp: 0, fp: 0, fn: 0 }, fast: { n: 0, fp: 0 }, clickPp: [], openPp: [], missing: 0, reportPp: [] });

interface Figures {
  clickF1: number;
  openF1: number;
  fastFp: number;
  clickPp: number;
  openPp: number;
  missing: number;
  reportPp: number;
}
const f1 = (c: { tp: number; fp: number; fn: number }): number => (c.tp === 0 && c.fp === 0 && c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
const figures = (t: Tally): Figures => ({
  clickF1: f1(t.click),
  openF1: f1(t.open),
  fastFp: t.fast.n ? t.fast.fp / t.fast.n : 0,
  clickPp: Math.max(...t.clickPp.map(Math.abs)),
  openPp: Math.max(...t.openPp.map(Math.abs)),
  missing: t.missing,
  reportPp: t.reportPp.length ? Math.max(...t.reportPp.map(Math.abs)) : Number.NaN,
});

const machine = (l: Lbl): boolean => l === 'scanner' || l === 'proxy';
const qualified = (l: Lbl): boolean => l === 'human' || l === 'suspect';

/** Score one method's labels (per truth event) on one campaign into a tally. */
function score(c: HeldoutCampaign, labelled: Array<[TruthEvent, Lbl]>, t: Tally): void {
  const fast = new Set(c.recipients.filter((r) => r.fastResponder).map((r) => r.email));
  const qClick = new Set<string>();
  const qOpen = new Set<string>();
  const tClick = new Set<string>();
  const tOpen = new Set<string>();
  for (const [e, l] of labelled) {
    if (l === 'missing') t.missing++;
    if (e.type === 'click') {
      const p = l === 'scanner';
      const truth = e.truth === 'scanner';
      if (p && truth) t.click.tp++;
      else if (p) t.click.fp++;
      else if (truth) t.click.fn++;
      if (qualified(l)) qClick.add(e.recipient);
      if (e.truth === 'human') tClick.add(e.recipient);
    } else {
      const p = machine(l);
      const truth = e.truth !== 'human';
      if (p && truth) t.open.tp++;
      else if (p) t.open.fp++;
      else if (truth) t.open.fn++;
      if (qualified(l)) qOpen.add(e.recipient);
      if (e.truth === 'human') tOpen.add(e.recipient);
    }
    if (fast.has(e.recipient) && e.truth === 'human') {
      t.fast.n++;
      if (machine(l)) t.fast.fp++;
    }
  }
  const n = c.recipients.length;
  t.clickPp.push(((qClick.size - tClick.size) / n) * 100);
  t.openPp.push(((qOpen.size - tOpen.size) / n) * 100);
}

const METHODS = ['scanner-sieve', ...Object.keys(BASELINES)];

async function main(): Promise<void> {
  const started = Date.now();
  const ranges = getBundledIndex();
  const dir = mkdtempSync(join(tmpdir(), 'heldout-'));
  const results = new Map<string, Tally>(); // `${set}|${format}|${method}`
  const misses = new Map<string, Map<string, number>>(); // set → "tag [traits] → label" → count
  const tagTotals = new Map<string, Map<string, number>>();
  const importNotes: string[] = [];
  try {
    for (const set of SETS) {
      misses.set(set, new Map());
      tagTotals.set(set, new Map());
      for (const seed of SEEDS) {
        const campaign = generateCampaign(set, seed, SIZE);
        for (const format of FORMATS) {
          const written = WRITERS[format](campaign);
          const path = join(dir, written.fileName);
          writeFileSync(path, written.text);
          const imported = await importBytes(createReadStream(path) as AsyncIterable<Uint8Array>, { fileName: written.fileName, sentAt: campaign.sentAt });
          const events = imported.campaign.events;
          if (imported.skippedCount || events.length !== written.indexToEvent.size) {
            importNotes.push(`${set}/${format}/seed ${seed}: ${imported.format}, ${events.length} of ${written.indexToEvent.size} events read, ${imported.skippedCount} skipped, ${imported.campaign.deliveries?.length ?? 0} deliveries${imported.errors[0] ? ` (${imported.errors[0].message})` : ''}`);
          } else if ((imported.campaign.deliveries?.length ?? 0) !== campaign.recipients.length) {
            importNotes.push(`${set}/${format}/seed ${seed}: ${imported.format}, ${imported.campaign.deliveries?.length ?? 0} of ${campaign.recipients.length} deliveries read`);
          }
          const report = classifyCampaign(imported.campaign, { ranges });
          const bySource = new Map<number, Lbl>();
          for (const v of report.verdicts) bySource.set(v.sourceIndex, v.label);
          const labelsOf = (method: string): Array<[TruthEvent, Lbl]> => {
            let map = bySource;
            if (method !== 'scanner-sieve') {
              const labels = BASELINES[method]!(imported.campaign, ranges);
              map = new Map(events.map((e, i) => [e.sourceIndex, labels[i]!]));
            }
            return [...written.indexToEvent].map(([index, e]) => [e, map.get(index) ?? 'missing']);
          };
          for (const method of METHODS) {
            const key = `${set}|${format}|${method}`;
            const t = results.get(key) ?? newTally();
            results.set(key, t);
            const labelled = labelsOf(method);
            score(campaign, labelled, t);
            if (method === 'scanner-sieve') {
              const n = campaign.recipients.length;
              const humanClickers = new Set(campaign.events.filter((e) => e.truth === 'human' && e.type === 'click').map((e) => e.recipient)).size;
              const humanOpeners = new Set(campaign.events.filter((e) => e.truth === 'human' && e.type === 'open').map((e) => e.recipient)).size;
              const q = report.summary.qualified;
              t.reportPp.push(q.clickRate === undefined ? Number.POSITIVE_INFINITY : (q.clickRate - humanClickers / n) * 100);
              t.reportPp.push(q.openRate === undefined ? Number.POSITIVE_INFINITY : (q.openRate - humanOpeners / n) * 100);
            }
            if (method === 'scanner-sieve') {
              for (const [e, l] of labelled) {
                const wrong = e.truth === 'human' ? !qualified(l) : e.truth === 'scanner' ? (e.type === 'click' ? l !== 'scanner' : !machine(l)) : !machine(l);
                const totals = tagTotals.get(set)!;
                totals.set(e.tag, (totals.get(e.tag) ?? 0) + 1);
                if (!wrong) continue;
                const m = misses.get(set)!;
                const k = `${e.tag} [${e.traits.filter((x) => !x.startsWith('vendor:')).join(' ')}${e.traits.find((x) => x.startsWith('vendor:')) ? ' ' + e.traits.find((x) => x.startsWith('vendor:')) : ''}] → ${l}`;
                m.set(k, (m.get(k) ?? 0) + 1);
              }
            }
          }
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  const pp = (x: number): string => `${x.toFixed(2)}`;
  let allMet = true;
  for (const set of SETS) {
    const T = TARGETS[set];
    console.log(`\n=== ${set} set (${SEEDS.length} seeds × ${SIZE} recipients per format; F1 and FP pooled over seeds, rate errors = worst seed, pp; summary±pp = the report's own qualified click/open rate vs truth, worst) ===`);
    console.log(`targets: click F1 >= ${T.clickF1}, open F1 >= ${T.openF1}, fast-human FP <= ${pct(T.fastFp)}, click rate within ${T.clickPp} pp, open rate within ${T.openPp} pp, and better than every rule set`);
    for (const format of FORMATS) {
      console.log(`\n-- ${set} / ${format}`);
      console.log(`${'method'.padEnd(18)} ${'clickF1'.padStart(8)} ${'openF1'.padStart(8)} ${'fastFP'.padStart(8)} ${'click±pp'.padStart(9)} ${'open±pp'.padStart(9)} ${'unread'.padStart(7)} ${'summary±pp'.padStart(10)}`);
      const ours = figures(results.get(`${set}|${format}|scanner-sieve`)!);
      const base = Object.keys(BASELINES).map((m) => [m, figures(results.get(`${set}|${format}|${m}`)!)] as const);
      for (const [m, f] of [['scanner-sieve', ours] as const, ...base]) {
        console.log(`${m.padEnd(18)} ${f.clickF1.toFixed(4).padStart(8)} ${f.openF1.toFixed(4).padStart(8)} ${pct(f.fastFp).padStart(8)} ${pp(f.clickPp).padStart(9)} ${pp(f.openPp).padStart(9)} ${String(f.missing).padStart(7)} ${(Number.isNaN(f.reportPp) ? '' : pp(f.reportPp)).padStart(10)}`);
      }
      // "Better" is strict; a tie at the perfect value (F1 1, FP 0, error 0) is listed as a tie and counts as not worse.
      const higher = (k: 'clickF1' | 'openF1') => (b: Figures): string | undefined => (ours[k] > b[k] ? undefined : ours[k] === b[k] && ours[k] === 1 ? 'tie' : 'worse');
      const lower = (k: 'fastFp' | 'clickPp' | 'openPp') => (b: Figures): string | undefined => (ours[k] < b[k] ? undefined : ours[k] === b[k] && ours[k] === 0 ? 'tie' : 'worse');
      const checks: Array<[string, boolean, (b: Figures) => string | undefined]> = [
        ['click F1', ours.clickF1 >= T.clickF1, higher('clickF1')],
        ['open F1', ours.openF1 >= T.openF1, higher('openF1')],
        ['fast-human FP', ours.fastFp <= T.fastFp, lower('fastFp')],
        ['click rate', ours.clickPp <= T.clickPp, lower('clickPp')],
        ['open rate', ours.openPp <= T.openPp, lower('openPp')],
      ];
      const line = checks.map(([name, target, cmp]) => {
        const notBeaten = base.map(([m, b]) => [m, cmp(b)] as const).filter(([, r]) => r !== undefined);
        const worse = notBeaten.filter(([, r]) => r === 'worse').map(([m]) => m);
        const ties = notBeaten.filter(([, r]) => r === 'tie').map(([m]) => m);
        if (!target || worse.length) allMet = false;
        return `${name}: ${target ? 'met' : 'NOT MET'}${worse.length ? `, not better than ${worse.join('/')}` : ''}${ties.length ? `, tied (perfect) with ${ties.join('/')}` : ''}`;
      });
      console.log(`acceptance: ${line.join('; ')}`);
    }
  }
  console.log(`\noverall: ${allMet ? 'ALL ACCEPTANCE FIGURES MET' : 'acceptance NOT met'}`);
  if (importNotes.length) console.log(`\nimport notes:\n  ${importNotes.join('\n  ')}`);
  for (const set of SETS) {
    const m = [...misses.get(set)!].sort((a, b) => b[1] - a[1]);
    const totals = tagTotals.get(set)!;
    const byTag = new Map<string, number>();
    for (const [k, n] of m) byTag.set(k.split(' ')[0]!, (byTag.get(k.split(' ')[0]!) ?? 0) + n);
    console.log(`\nscanner-sieve misclassified events by behaviour, ${set} (all formats and seeds): ` + [...byTag].sort((a, b) => b[1] - a[1]).map(([tag, n]) => `${tag} ${n}/${totals.get(tag)}`).join(', '));
    if (SHOW_MISSES) for (const [k, n] of m.slice(0, 25)) console.log(`  ${String(n).padStart(5)}  ${k}`);
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** `npm run bench heldout` (test/bench/heldout.bench.ts) prints this report. */
export const run = main;
