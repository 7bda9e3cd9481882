// Prints the independent scenario suite's confusion figures, then recall and false-positive rate per generator
// behaviour on ordinary and hard campaigns: `npx tsx test/classifier/scenario-report.ts [-v]`.
import { classifyCampaign } from '../../src/classifier/index';
import { getBundledIndex } from '../../src/ranges/index';
import { generateCampaign, HARD_BEHAVIOURS, ORDINARY_BEHAVIOURS } from '../generator/campaign';
import { BASELINES } from './baselines';
import { figuresByTag, formatTagFigures } from './behaviour-figures';
import { addConfusion, buildScenarios, emptyConfusion, scoreScenario, settingsFor, type Confusion } from './independent-scenarios';

const verbose = process.argv.includes('-v');
const ranges = getBundledIndex();
const total = emptyConfusion();
const format = (c: Confusion) =>
  (['human', 'scanner', 'proxy'] as const)
    .map((truth) => `${truth}→ h${c[truth].human} s?${c[truth].suspect} sc${c[truth].scanner} p${c[truth].proxy}`)
    .join(' | ');
for (const scenario of buildScenarios()) {
  const report = classifyCampaign(scenario.campaign, { ranges, settings: settingsFor(scenario) });
  const result = scoreScenario(scenario, report);
  addConfusion(total, result.confusion);
  console.log(`${result.errors.length === 0 ? 'ok  ' : 'FAIL'} ${scenario.name}: ${format(result.confusion)}${result.missingReasons.length ? ` missing-reasons=${result.missingReasons.length}` : ''}`);
  if (verbose) {
    for (const error of result.errors.slice(0, 6)) {
      const e = error.event;
      const dt = e.timestamp !== undefined && scenario.campaign.sentAt !== undefined ? ((e.timestamp - scenario.campaign.sentAt) / 1000).toFixed(1) : '?';
      console.log(`     ${e.truth}→${error.label} ${e.type} ${e.recipient} +${dt}s ip=${e.ip} ua=${(e.userAgent ?? '').slice(0, 40)} url=${(e.url ?? '').slice(-20)} [${error.reasons.join(',')}]`);
    }
    for (const missing of result.missingReasons.slice(0, 3)) console.log(`     missing ${missing.event.expectReasons?.join(',')} got [${missing.reasons.join(',')}]`);
  }
}
const correct = total.human.human + total.human.suspect + total.scanner.scanner + total.proxy.proxy;
const all = (['human', 'scanner', 'proxy'] as const).reduce((sum, t) => sum + Object.values(total[t]).reduce((a, b) => a + b, 0), 0);
console.log(`TOTAL ${format(total)}  accuracy ${(correct / all * 100).toFixed(1)}% (${correct}/${all})`);
const humansLost = total.human.scanner + total.human.proxy;
console.log(`people labelled machine: ${humansLost}/${Object.values(total.human).reduce((a, b) => a + b, 0)}; scanners kept as qualified: ${total.scanner.human + total.scanner.suspect}/${Object.values(total.scanner).reduce((a, b) => a + b, 0)}`);

// The published rule sets on the same scenarios (their labels: human/scanner/proxy).
for (const [name, rule] of Object.entries(BASELINES)) {
  const pooled = emptyConfusion();
  for (const scenario of buildScenarios()) {
    const labels = rule(scenario.campaign, ranges);
    const verdicts = scenario.campaign.events.map((event, i) => ({ sourceIndex: event.sourceIndex, type: event.type, label: labels[i]!, score: 0, reasons: [] }));
    addConfusion(pooled, scoreScenario(scenario, { verdicts, summary: undefined as never }).confusion);
  }
  const right = pooled.human.human + pooled.human.suspect + pooled.scanner.scanner + pooled.proxy.proxy;
  console.log(`${name.padEnd(18)} ${format(pooled)}  accuracy ${((right / all) * 100).toFixed(1)}%`);
}

// Generated campaigns, ordinary and hard (issue 13's behaviours): recall and false-positive rate per behaviour.
for (const [name, behaviours] of [
  ['ordinary', ORDINARY_BEHAVIOURS],
  ['hard', HARD_BEHAVIOURS],
] as const) {
  const runs = (['b2b', 'consumer', 'mixed'] as const).flatMap((kind) =>
    [101, 202, 303].map((seed) => {
      const generated = generateCampaign({ seed, kind, behaviours });
      return { generated, labels: classifyCampaign(generated.campaign, { ranges }).verdicts.map((verdict) => verdict.label) };
    }),
  );
  console.log(`\nGenerated ${name} campaigns (b2b, consumer, mixed × 3 seeds): recall of machines and FPR of people per behaviour`);
  console.log(formatTagFigures(figuresByTag(runs)));
}
