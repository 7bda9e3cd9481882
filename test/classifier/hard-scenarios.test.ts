// Hard scenarios written blind (test/classifier/hard-scenarios.ts): each campaign runs through classifyCampaign
// with the bundled ranges, as the independent scenario suite does, and every group of events (one `why`) must get
// one of its accepted labels. Some groups are expected to fail until the classifier handles them; the file is
// the acceptance target for issue 13, not a snapshot of today's behaviour.
import { classifyCampaign } from '../../src/classifier';
import { getBundledIndex } from '../../src/ranges';
import type { EventVerdict } from '../../src/shared/types';
import { groupsOf, hardScenarios, type HardEvent } from './hard-scenarios';

const ranges = getBundledIndex();

function describeMiss(event: HardEvent, verdict: EventVerdict | undefined): string {
  const got = verdict ? `${verdict.label} [${verdict.reasons.join(',')}]` : 'no verdict';
  return `#${event.sourceIndex} ${event.type} ${event.recipient ?? '?'} ${event.ip ?? '-'}: want ${event.accept.join('|')}, got ${got}`;
}

describe.each(hardScenarios().map((scenario) => [scenario.name, scenario] as const))('hard: %s', (_name, scenario) => {
  const report = classifyCampaign(scenario.campaign, { ranges });
  const verdicts = new Map(report.verdicts.map((verdict) => [verdict.sourceIndex, verdict]));

  it('returns one verdict per event', () => {
    expect(scenario.events.filter((event) => !verdicts.has(event.sourceIndex)).map((e) => e.sourceIndex)).toEqual([]);
  });

  it.each(groupsOf(scenario).map(([why, events]) => [why, events] as const))('%s', (_why, events) => {
    const misses = events
      .filter((event) => {
        const label = verdicts.get(event.sourceIndex)?.label;
        return label === undefined || !event.accept.includes(label);
      })
      .map((event) => describeMiss(event, verdicts.get(event.sourceIndex)));
    expect(misses).toEqual([]);
  });
});
