// What this campaign's own events say about its machines, estimated before any signal runs:
//  - the burst window: how far apart one agent's consecutive clicks on different links may be and still be one
//    machine sweep. Scanners fetch links all at once or walk them a few seconds apart; people read a page before
//    the next link (minutes). A two-component mixture over the log of those gaps separates the two; the window is
//    where the fast component stops being the likelier one, bounded to 2–10 s.
//  - the machine band: how long after delivery machine fetches come. Field data (conventions §3) puts scanner
//    bursts a median 43 s after send and mostly within 5 min, while people spread over hours; a mixture over the
//    log of each recipient's first delay finds this campaign's fast component, if it has one.
// The user's fixed burst window (a setting other than the default) overrides the learned one.
import type { LearnedWindows } from '../shared/types';
import { agentClassOf, type ClassifierContext } from './context';
import { sweepSource } from './signals/link-burst';

/** Bounds of a learned burst window, seconds: never narrower than the fixed default, never as wide as a person's reading time. */
const MIN_BURST_WINDOW_S = 2;
const MAX_BURST_WINDOW_S = 10;
/** Gaps longer than this are certainly a person's reading time and are left out of the burst fit. */
const MAX_GAP_S = 3600;
/**
 * Gaps up to this are a tight burst whatever the campaign (the fixed default window): the fit looks above it,
 * for a group of paced sweeps seconds apart, separate from people's minutes.
 */
const TIGHT_GAP_S = 1.5;
/** The paced group must sit within the bounds (its centre under the largest window, and narrow). */
const MAX_PACED_SD = 0.9;
/** Fewer gaps or first delays than this: keep the defaults. */
const MIN_GAPS = 20;
const MIN_DELAYS = 30;
/** The fast component must hold at least this share and sit at least this far (log-seconds) from the slow one. */
const MIN_FAST_SHARE = 0.05;
const MIN_SEPARATION = 1.5;
/** Default band when nothing is learned: the first five minutes, where §3 puts 94 % of scanner bursts. */
export const DEFAULT_MACHINE_BAND = { fromSeconds: 0, toSeconds: 300 } as const;

export interface Mixture {
  /** Weight, mean and sd of the fast (lower-mean) and slow component, on the values given. */
  fast: { weight: number; mean: number; sd: number };
  slow: { weight: number; mean: number; sd: number };
}

function normalDensity(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return Math.exp(-0.5 * z * z) / sd;
}

/** Two-component Gaussian mixture by EM (deterministic start at the quartiles); undefined for too few values. */
export function fitTwoComponents(values: readonly number[], iterations = 60): Mixture | undefined {
  const n = values.length;
  if (n < 4) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const spread = Math.max(sorted[n - 1]! - sorted[0]!, 1e-6);
  const floorSd = Math.max(spread / 100, 0.05);
  let fast = { weight: 0.5, mean: sorted[Math.floor(n / 4)]!, sd: spread / 4 };
  let slow = { weight: 0.5, mean: sorted[Math.floor((3 * n) / 4)]!, sd: spread / 4 };
  const responsibility = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    for (let k = 0; k < n; k++) {
      const a = fast.weight * normalDensity(values[k]!, fast.mean, fast.sd);
      const b = slow.weight * normalDensity(values[k]!, slow.mean, slow.sd);
      responsibility[k] = a + b > 0 ? a / (a + b) : values[k]! < (fast.mean + slow.mean) / 2 ? 1 : 0;
    }
    let wf = 0;
    let mf = 0;
    let ms = 0;
    for (let k = 0; k < n; k++) {
      wf += responsibility[k]!;
      mf += responsibility[k]! * values[k]!;
      ms += (1 - responsibility[k]!) * values[k]!;
    }
    const ws = n - wf;
    if (wf < 1e-9 || ws < 1e-9) break;
    mf /= wf;
    ms /= ws;
    let vf = 0;
    let vs = 0;
    for (let k = 0; k < n; k++) {
      vf += responsibility[k]! * (values[k]! - mf) ** 2;
      vs += (1 - responsibility[k]!) * (values[k]! - ms) ** 2;
    }
    fast = { weight: wf / n, mean: mf, sd: Math.max(Math.sqrt(vf / wf), floorSd) };
    slow = { weight: ws / n, mean: ms, sd: Math.max(Math.sqrt(vs / ws), floorSd) };
  }
  return fast.mean <= slow.mean ? { fast, slow } : { fast: slow, slow: fast };
}

/** The value between the two means where the slow component becomes the likelier one. */
function crossing(mixture: Mixture): number {
  const { fast, slow } = mixture;
  let lo = fast.mean;
  let hi = slow.mean;
  for (let step = 0; step < 50; step++) {
    const mid = (lo + hi) / 2;
    const fastSide = fast.weight * normalDensity(mid, fast.mean, fast.sd) >= slow.weight * normalDensity(mid, slow.mean, slow.sd);
    if (fastSide) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Gaps (s) between one recipient's consecutive clicks on different links from the same sweep source (agent and network). */
function linkGaps(ctx: ClassifierContext): number[] {
  const gaps: number[] = [];
  const resolutionS = ctx.timeResolutionMs / 1000;
  for (const indices of ctx.byRecipient.values()) {
    const lastByAgent = new Map<string, number>();
    for (const i of indices) {
      if (ctx.click[i] !== 1 || ctx.url[i] === undefined || Number.isNaN(ctx.time[i]!)) continue;
      const source = sweepSource(ctx, i);
      const previous = lastByAgent.get(source);
      lastByAgent.set(source, i);
      if (previous === undefined || ctx.url[previous] === ctx.url[i]) continue;
      const gap = (ctx.time[i]! - ctx.time[previous]!) / 1000;
      // A stamp hides up to one step of the gap: count a shared stamp as half a step.
      const measured = Math.max(gap, resolutionS / 2);
      if (measured > TIGHT_GAP_S && measured <= MAX_GAP_S) gaps.push(measured);
    }
  }
  return gaps;
}

/** Each recipient's first delay after delivery (s), leaving out fetches their agent already explains. */
export function firstDelays(ctx: ClassifierContext): number[] {
  const delays: number[] = [];
  for (const indices of ctx.byRecipient.values()) {
    let first = Number.POSITIVE_INFINITY;
    for (const i of indices) {
      const seconds = ctx.secondsAfterDelivery[i]!;
      const kind = agentClassOf(ctx, i).kind;
      if (!(seconds > 0) || kind === 'mpp' || kind === 'image-proxy' || ctx.rangeMatch[i]?.kind === 'mail-proxy') continue;
      first = Math.min(first, seconds);
    }
    if (first !== Number.POSITIVE_INFINITY) delays.push(first);
  }
  return delays;
}

const roundSeconds = (seconds: number): number => (seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds));

export function learnWindows(ctx: ClassifierContext, burstWindowSetting: number | undefined): LearnedWindows {
  const basis: string[] = [];
  let burstWindowSeconds = ctx.settings.burstWindowSeconds;
  let burstWindowSource: LearnedWindows['burstWindowSource'] = 'default';
  if (burstWindowSetting !== undefined) {
    burstWindowSeconds = burstWindowSetting;
    burstWindowSource = 'setting';
    basis.push(`burst window fixed at ${burstWindowSetting} s by the settings`);
  } else {
    const gaps = linkGaps(ctx);
    const mixture = gaps.length >= MIN_GAPS ? fitTwoComponents(gaps.map(Math.log)) : undefined;
    if (
      mixture !== undefined &&
      mixture.fast.weight >= MIN_FAST_SHARE &&
      mixture.slow.mean - mixture.fast.mean >= MIN_SEPARATION &&
      mixture.fast.mean <= Math.log(MAX_BURST_WINDOW_S) &&
      mixture.fast.sd <= MAX_PACED_SD
    ) {
      const upper = Math.min(crossing(mixture), mixture.fast.mean + 2 * mixture.fast.sd);
      burstWindowSeconds = roundSeconds(Math.min(MAX_BURST_WINDOW_S, Math.max(MIN_BURST_WINDOW_S, Math.exp(upper))));
      burstWindowSource = 'learned';
      basis.push(`burst window from ${gaps.length} gaps of over ${TIGHT_GAP_S} s between one recipient's clicks on different links`);
    } else {
      basis.push(gaps.length < MIN_GAPS ? `too few gaps between links (${gaps.length}) to learn a burst window` : 'no separate group of links seconds apart');
    }
  }
  const learned: LearnedWindows = { burstWindowSeconds, burstWindowSource, basis: '' };

  const delays = firstDelays(ctx);
  const mixture = delays.length >= MIN_DELAYS ? fitTwoComponents(delays.map(Math.log)) : undefined;
  if (mixture !== undefined && mixture.fast.weight >= MIN_FAST_SHARE && mixture.slow.mean - mixture.fast.mean >= MIN_SEPARATION) {
    // The fast component's central 95 %, kept inside the first half hour and never past the crossing point.
    const upper = Math.min(mixture.fast.mean + 2 * mixture.fast.sd, crossing(mixture));
    const from = Math.max(1, Math.exp(mixture.fast.mean - 2 * mixture.fast.sd));
    const to = Math.min(1800, Math.exp(upper));
    if (to > from) {
      learned.machineBand = { fromSeconds: roundSeconds(from), toSeconds: roundSeconds(to) };
      basis.push(`machine band from ${delays.length} recipients' first delays after delivery (${Math.round(100 * mixture.fast.weight)} % in the fast group)`);
    }
  } else {
    basis.push(delays.length < MIN_DELAYS ? `too few timed recipients (${delays.length}) to learn a machine band` : 'no separate fast group after delivery');
  }
  learned.basis = basis.join('; ');
  return learned;
}

/** The band machine fetches are judged against: the learned one, else the default first five minutes. */
export function machineBandOf(learned: LearnedWindows | undefined): { fromSeconds: number; toSeconds: number } {
  return learned?.machineBand ?? DEFAULT_MACHINE_BAND;
}
