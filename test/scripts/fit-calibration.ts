// Fits src/classifier/calibration.ts: pool-adjacent-violators (isotonic regression) of machine truth on the raw
// score over generated campaigns in every view (test/bench/calibration-data.ts), one table per evidence the event
// carried, printed as the tables to paste. `npx tsx test/scripts/fit-calibration.ts`. Seeds 11–30; the bench and
// the unit test check other seeds.
import { scoredTruth } from '../bench/calibration-data';

const FIT_SEEDS = Array.from({ length: 20 }, (_, i) => 11 + i);
const allPairs = scoredTruth(FIT_SEEDS, false);
const tables: string[] = [];
for (const evidence of [...new Set(allPairs.map((pair) => pair.evidence))]) {
  const pairs = allPairs.filter((pair) => pair.evidence === evidence).sort((a, b) => a.score - b.score);
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
  // A small table: neighbouring blocks whose rates differ by under a point are one row, and a row held by fewer
  // than MIN_ROW_EVENTS (about a hundred events per fitting seed) joins its nearer neighbour: a rare raw score is
  // one or two tenants' scanner in a campaign and its share swings from one seed to the next. Pooling neighbours of
  // a monotone fit keeps it monotone.
  const MERGE_WITHIN = 0.01;
  const MIN_ROW_EVENTS = 100 * FIT_SEEDS.length;
  type Row = (typeof blocks)[number];
  const rate = (row: Row) => row.machines / row.count;
  const pool = (a: Row, b: Row): Row => ({ upper: Math.max(a.upper, b.upper), machines: a.machines + b.machines, count: a.count + b.count });
  const rows: Row[] = [];
  for (const block of blocks) {
    const last = rows[rows.length - 1];
    if (last && rate(block) - rate(last) < MERGE_WITHIN) rows[rows.length - 1] = pool(last, block);
    else rows.push({ ...block });
  }
  for (let thin = rows.findIndex((row) => row.count < MIN_ROW_EVENTS); thin >= 0 && rows.length > 1; thin = rows.findIndex((row) => row.count < MIN_ROW_EVENTS)) {
    const row = rows[thin]!;
    const before = rows[thin - 1];
    const after = rows[thin + 1];
    const intoBefore = after === undefined || (before !== undefined && rate(row) - rate(before) <= rate(after) - rate(row));
    if (intoBefore) rows.splice(thin - 1, 2, pool(before!, row));
    else rows.splice(thin, 2, pool(row, after));
  }
  // Light smoothing toward the raw score for thin rows (a few events say little), kept monotone.
  let previous = 0;
  const lines = rows.map(({ upper, machines, count }, i) => {
    const PRIOR = 20;
    const p = Math.max(previous, (machines + PRIOR * upper) / (count + PRIOR));
    previous = p;
    const bound = i === rows.length - 1 ? 1 : upper;
    return `    [${+bound.toFixed(4)}, ${+p.toFixed(3)}], // ${count} events`;
  });
  tables.push(`  '${evidence}': [\n${lines.join('\n')}\n  ],`);
}
console.log(`export const CALIBRATION: Readonly<Record<EvidenceKey, Table>> = {\n${tables.join('\n')}\n};`);
