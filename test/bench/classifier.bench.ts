// Classifier throughput on a generated 200k-event campaign (issue 3: classify ≤ 3× the time it takes merely to
// parse and map the same export, on this 2-core machine), and the coverage and width of the 95 % people ranges.
// Prints figures; asserts nothing about wall time.
import { classifyCampaign } from '../../src/classifier';
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
