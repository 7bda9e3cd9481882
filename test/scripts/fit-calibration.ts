// Fits src/classifier/calibration.ts: pool-adjacent-violators (isotonic regression) of machine truth on the raw
// score over generated campaigns, printed as the table to paste. `npx tsx test/scripts/fit-calibration.ts`.
import { scoredTruth } from '../bench/calibration-data';

const pairs = scoredTruth([11, 12, 13, 14, 15, 16], false).sort((a, b) => a.score - b.score);
// Blocks of equal raw score first (the score takes few distinct values), then merge violators.
const blocks: Array<{ upper: number; machines: number; count: number }> = [];
for (const { score, machine } of pairs) {
  const last = blocks[blocks.length - 1];
  if (last && last.upper === score) {
    last.machines += machine ? 1 : 0;
    last.count++;
  } else blocks.push({ upper: score, machines: machine ? 1 : 0, count: 1 });
  while (blocks.length >= 2) {
    const b = blocks[blocks.length - 1]!;
    const a = blocks[blocks.length - 2]!;
    if (a.machines / a.count < b.machines / b.count) break;
    blocks.splice(blocks.length - 2, 2, { upper: b.upper, machines: a.machines + b.machines, count: a.count + b.count });
  }
}
// Light smoothing toward the raw score for thin blocks (a few events say little), then a monotone table.
let previous = 0;
const rows = blocks.map(({ upper, machines, count }) => {
  const PRIOR = 20;
  const p = Math.max(previous, (machines + PRIOR * upper) / (count + PRIOR));
  previous = p;
  return `  [${upper.toFixed(3)}, ${p.toFixed(3)}], // ${count} events`;
});
console.log(`export const CALIBRATION: ReadonlyArray<readonly [number, number]> = [\n${rows.join('\n')}\n];`);
