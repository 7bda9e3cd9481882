// Bands of the timing histogram: seconds after delivery on a log scale. Scanner behaviour spans five orders of
// magnitude (field data in conventions §3: scanner opens a median 9 s after send, click bursts a median 43 s,
// 28 % at 1–5 min, re-scans hours later, and some clicks before the delivery event), so linear bins would put
// almost everything in the first bar. Edges step by roughly ×3 (half a decade), rounded to readable values.
import type { Label } from '../shared/types';
import { LABELS } from '../shared/types';
import { formatDuration } from './format';

/** Upper edges in seconds; the last band is open-ended. */
export const TIMING_EDGES_SECONDS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000] as const;

export interface TimingBand {
  /** Stable id: `before`, `lt-1`, `1-3`, …, `gte-100000`. */
  id: string;
  /** Human text: "before delivery", "< 1 s", "10 s – 30 s", "≥ 28 h". */
  text: string;
  counts: Record<Label, number>;
  total: number;
}

function emptyCounts(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<Label, number>;
}

/** Groups [seconds, label] pairs into log-spaced bands; negative seconds go to "before delivery". */
export function binTiming(timing: ReadonlyArray<readonly [number, Label]>, beforeDeliveryText: string): TimingBand[] {
  const bands: TimingBand[] = [{ id: 'before', text: beforeDeliveryText, counts: emptyCounts(), total: 0 }];
  let lower = 0;
  for (const upper of TIMING_EDGES_SECONDS) {
    bands.push({
      id: lower === 0 ? `lt-${upper}` : `${lower}-${upper}`,
      text: lower === 0 ? `< ${formatDuration(upper)}` : `${formatDuration(lower)} – ${formatDuration(upper)}`,
      counts: emptyCounts(),
      total: 0,
    });
    lower = upper;
  }
  bands.push({ id: `gte-${lower}`, text: `≥ ${formatDuration(lower)}`, counts: emptyCounts(), total: 0 });
  for (const [seconds, label] of timing) {
    if (!Number.isFinite(seconds) || !LABELS.includes(label)) continue;
    let at: number;
    if (seconds < 0) at = 0;
    else {
      const edge = TIMING_EDGES_SECONDS.findIndex((upper) => seconds < upper);
      at = edge < 0 ? bands.length - 1 : edge + 1;
    }
    const band = bands[at]!;
    band.counts[label] += 1;
    band.total += 1;
  }
  // The "before delivery" band only when something happened before delivery: otherwise it is noise.
  return bands[0]!.total > 0 ? bands : bands.slice(1);
}
