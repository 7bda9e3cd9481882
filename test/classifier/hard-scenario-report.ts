// Prints how the hard scenarios fare today: `npx tsx test/classifier/hard-scenario-report.ts [-v]`.
import { classifyCampaign } from '../../src/classifier';
import { getBundledIndex } from '../../src/ranges';
import { groupsOf, hardScenarios } from './hard-scenarios';

const verbose = process.argv.includes('-v');
const ranges = getBundledIndex();
let scenariosPassed = 0;
let groupsPassed = 0;
let groupsTotal = 0;
const all = hardScenarios();
for (const scenario of all) {
  const report = classifyCampaign(scenario.campaign, { ranges });
  const verdicts = new Map(report.verdicts.map((verdict) => [verdict.sourceIndex, verdict]));
  const failed: string[] = [];
  for (const [why, events] of groupsOf(scenario)) {
    groupsTotal++;
    const misses = events.filter((event) => {
      const label = verdicts.get(event.sourceIndex)?.label;
      return label === undefined || !event.accept.includes(label);
    });
    if (misses.length === 0) {
      groupsPassed++;
      continue;
    }
    const got = new Map<string, number>();
    for (const event of misses) {
      const verdict = verdicts.get(event.sourceIndex);
      const key = verdict ? `${verdict.label}[${verdict.reasons.join(',')}]` : 'none';
      got.set(key, (got.get(key) ?? 0) + 1);
    }
    failed.push(`    ✗ ${why} — ${misses.length}/${events.length} wrong: ${[...got].map(([k, n]) => `${n}× ${k}`).join('; ')}`);
  }
  if (failed.length === 0) scenariosPassed++;
  console.log(`${failed.length === 0 ? 'PASS' : 'FAIL'} ${scenario.name} (${scenario.events.length} events)`);
  if (verbose || failed.length) for (const line of failed) console.log(line);
}
console.log(`\n${scenariosPassed}/${all.length} scenarios pass fully; ${groupsPassed}/${groupsTotal} expectation groups pass`);
