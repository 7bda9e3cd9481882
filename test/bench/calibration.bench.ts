// Reliability of the calibrated scores (issue 13: "an event's score is a probability you can check"): on
// generated ordinary and hard campaigns other than those the table was fitted on, events grouped by score decile,
// the mean predicted machine probability beside the observed machine share. Goal: within 5 points per decile.
import { scoredTruth } from './calibration-data';

/** Deciles with fewer events are printed but not judged. */
const MIN_EVENTS_TO_JUDGE = 100;

export function run(): void {
  const pairs = scoredTruth([101, 202, 303], true);
  const deciles = Array.from({ length: 10 }, () => ({ count: 0, predicted: 0, machines: 0 }));
  for (const { score, machine } of pairs) {
    const bin = deciles[Math.min(9, Math.floor(score * 10))]!;
    bin.count++;
    bin.predicted += score;
    if (machine) bin.machines++;
  }
  console.log(`${pairs.length} events; score decile: predicted vs observed machine share (goal: within 5 points)`);
  let worst = 0;
  deciles.forEach((bin, d) => {
    if (bin.count === 0) {
      console.log(`  ${(d / 10).toFixed(1)}–${((d + 1) / 10).toFixed(1)}: no events`);
      return;
    }
    const predicted = (100 * bin.predicted) / bin.count;
    const observed = (100 * bin.machines) / bin.count;
    // A handful of events cannot show a share to within 5 points (one event is 20 of them among five).
    if (bin.count < MIN_EVENTS_TO_JUDGE) {
      console.log(`  ${(d / 10).toFixed(1)}–${((d + 1) / 10).toFixed(1)}: ${String(bin.count).padStart(7)} events  predicted ${predicted.toFixed(1).padStart(5)} %  observed ${observed.toFixed(1).padStart(5)} %  (too few to judge)`);
      return;
    }
    worst = Math.max(worst, Math.abs(predicted - observed));
    console.log(
      `  ${(d / 10).toFixed(1)}–${((d + 1) / 10).toFixed(1)}: ${String(bin.count).padStart(7)} events  predicted ${predicted.toFixed(1).padStart(5)} %  observed ${observed.toFixed(1).padStart(5)} %  ${Math.abs(predicted - observed) <= 5 ? 'ok' : 'OFF'}`,
    );
  });
  console.log(`worst gap among deciles with ${MIN_EVENTS_TO_JUDGE}+ events: ${worst.toFixed(1)} points`);
}
