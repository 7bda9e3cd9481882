// Classifier throughput on a generated 200k-event campaign (issue 3: classify ≤ 3× the time it takes merely to
// parse and map the same export, on this 2-core machine), and the coverage and width of the 95 % people ranges.
// Prints figures; asserts nothing about wall time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { classifyCampaign } from '../../src/classifier';
import { buildContext } from '../../src/classifier/context';
import { sanitizeClassifierSettings } from '../../src/shared/settings';
import { importText } from '../../src/importers';
import { getBundledIndex } from '../../src/ranges';
import { generateCampaign } from '../generator/campaign';
import { serializeCampaign } from '../generator/formats';
import { rangeCoverage } from '../classifier/range-coverage';

const TARGET_EVENTS = 200_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/** A full collection on demand (node's --expose-gc, switched on here so `npm run bench` needs no flag). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** MiB held after a full collection: the V8 heap plus typed-array storage (the classifier's columns). */
function heldMiB(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
}

const perEvent = (mib: number, events: number) => `${((mib * 2 ** 20) / events).toFixed(0)} bytes/event`;

/** The classifier's working set (columns, ids, per-recipient order), built directly to weigh it while alive. */
function weighContext(text: string, gc: () => void): string {
  const imported = importText(text);
  const before = heldMiB(gc);
  const context = buildContext(imported.campaign, sanitizeClassifierSettings(undefined), getBundledIndex());
  const working = heldMiB(gc) - before;
  return `classifier working set (columns, ids, per-recipient order): ${working.toFixed(1)} MiB (${perEvent(working, context.length)})`;
}

/** What a classification holds beside the caller's events, kept or handed over with `consumeEvents`. */
function weighClassification(text: string, gc: () => void, consumeEvents: boolean): string {
  const baseline = heldMiB(gc);
  let imported: ReturnType<typeof importText> | undefined = importText(text);
  const withEvents = heldMiB(gc) - baseline;
  const cpu = process.cpuUsage();
  const report = classifyCampaign(imported.campaign, { ranges: getBundledIndex(), consumeEvents });
  const used = process.cpuUsage(cpu);
  const after = heldMiB(gc) - baseline;
  imported = undefined;
  const reportOnly = heldMiB(gc) - baseline;
  return (
    `classify${consumeEvents ? ' with consumeEvents' : ''}: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU; ` +
    `held: imported events ${withEvents.toFixed(1)} MiB → after classification ${after.toFixed(1)} MiB ` +
    `(the report alone ${reportOnly.toFixed(1)} MiB, ${perEvent(reportOnly, report.verdicts.length)})`
  );
}

/**
 * What classification holds, after a full collection (each figure measured in its own call, so nothing of an
 * earlier one is still referenced): the classifier's working set, and the report beside the caller's events —
 * kept, or handed over with `consumeEvents` (the CLI's audit). CPU is the process's user + system time (GC
 * helper threads included), for one run each.
 */
function memoryFigures(text: string): void {
  const gc = collector();
  console.log(weighContext(text, gc));
  for (const consumeEvents of [false, true]) console.log(weighClassification(text, gc, consumeEvents));
}

export async function run(): Promise<void> {
  // A mixed list: ~5.5 events per recipient, so ~36k recipients give ~200k events.
  let recipients = 36_000;
  let generated = generateCampaign({ seed: 2026, kind: 'mixed', recipients });
  recipients = Math.round((recipients * TARGET_EVENTS) / generated.campaign.events.length);
  generated = generateCampaign({ seed: 2026, kind: 'mixed', recipients });
  const exported = serializeCampaign(generated, 'sendgrid-webhook');
  const events = generated.campaign.events.length;
  console.log(`campaign: ${events} events, ${generated.delivered} delivered, SendGrid JSON ${(exported.text.length / 1e6).toFixed(1)} MB`);

  const ranges = getBundledIndex();
  const parseMs: number[] = [];
  const importMs: number[] = [];
  const classifyMs: number[] = [];
  let imported = importText(exported.text);
  // Warm-up round (JIT, isbot's pattern compilation, the range index build), then three measured rounds.
  classifyCampaign(imported.campaign, { ranges });
  for (let round = 0; round < 3; round++) {
    parseMs.push(time(() => JSON.parse(exported.text) as unknown[]).ms);
    const importRun = time(() => importText(exported.text));
    importMs.push(importRun.ms);
    imported = importRun.value;
    classifyMs.push(time(() => classifyCampaign(imported.campaign, { ranges })).ms);
  }
  const parse = median(parseMs);
  const parseAndMap = median(importMs);
  const classify = median(classifyMs);
  const perSecond = (ms: number) => Math.round((events / ms) * 1000).toLocaleString('en-US');
  console.log(`JSON.parse only:            ${parse.toFixed(0)} ms  (${perSecond(parse)} events/s)`);
  console.log(`import (parse + mapping):   ${parseAndMap.toFixed(0)} ms  (${perSecond(parseAndMap)} events/s)`);
  console.log(`classify:                   ${classify.toFixed(0)} ms  (${perSecond(classify)} events/s)`);
  console.log(`ratio classify / (parse + mapping): ${(classify / parseAndMap).toFixed(2)}×  (goal ≤ 3×)`);
  console.log(`ratio classify / JSON.parse alone:  ${(classify / parse).toFixed(2)}×`);
  memoryFigures(exported.text);

  // The 95 % range on unique person-openers and -clickers: how often it holds the generator's true count (goal
  // ≥ 90 %), and how wide it is (median over campaigns, in recipients and as a share of delivered).
  for (const hard of [false, true]) {
    const coverage = rangeCoverage([31, 32, 33, 34, 35], ['b2b', 'consumer', 'mixed'], hard, ranges);
    const share = ((100 * coverage.covered) / coverage.ranges).toFixed(1);
    console.log(
      `95 % range, ${hard ? 'hard' : 'ordinary'} campaigns: truth inside ${coverage.covered}/${coverage.ranges} (${share} %, goal ≥ 90 %), median width ${coverage.medianWidth} recipients (${(100 * coverage.medianWidthShare).toFixed(2)} % of delivered)`,
    );
    for (const miss of coverage.misses) console.log(`  missed: ${miss}`);
  }
}
