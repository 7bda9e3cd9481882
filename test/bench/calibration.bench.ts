// Reliability of the calibrated scores (issue 13: "an event's score is a probability you can check"): on
// generated ordinary and hard campaigns (and their thinner views) other than those the table was fitted on,
// events grouped by score decile, the mean predicted machine probability beside the observed machine share.
// Goal: within 5 points per decile.
import { MIN_EVENTS_TO_JUDGE, reliabilityTable, scoredTruth } from './calibration-data';

export function run(): void {
  const pairs = scoredTruth([101, 202, 303], true);
  console.log(`${pairs.length} events; score decile: predicted vs observed machine share (goal: within 5 points)`);
  let worst = 0;
  for (const { from, count, predicted, observed } of reliabilityTable(pairs)) {
    const decile = `${from.toFixed(1)}–${(from + 0.1).toFixed(1)}`;
    if (count === 0) {
      console.log(`  ${decile}: no events`);
      continue;
    }
    const figures = `${String(count).padStart(7)} events  predicted ${predicted.toFixed(1).padStart(5)} %  observed ${observed.toFixed(1).padStart(5)} %`;
    if (count < MIN_EVENTS_TO_JUDGE) {
      console.log(`  ${decile}: ${figures}  (too few to judge)`);
      continue;
    }
    const gap = Math.abs(predicted - observed);
    worst = Math.max(worst, gap);
    console.log(`  ${decile}: ${figures}  ${gap <= 5 ? 'ok' : 'OFF'}`);
  }
  console.log(`worst gap among deciles with ${MIN_EVENTS_TO_JUDGE}+ events: ${worst.toFixed(1)} points`);
}
