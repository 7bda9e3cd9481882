// Breadth: several distinct links of one recipient within ~2 s. Scanners fetch every link of the message at
// once; people read and click one link at a time (conventions §3: "breadth is the strongest single signal").
// A recipient who hit every known link is flagged `all-links` (stronger when fast); three or more links a few
// seconds apart are `rapid-links` (a scanner walking the links one by one). Everything is per sweep source — the
// user-agent string and the network (sweepSource) — so a person clicking while the gateway sweeps the same
// message is not swept up with it, even when the scanner sends the very same current Chrome agent as the person.
import { addEvidence, agentClassOf, agentTextOf, eventsWhere, hasEvidence, recipientOf, type ClassifierContext, type Evidence } from '../context';
import { declareSignal } from '../signal';

export const LINK_BURST_SIGNAL = declareSignal({
  id: 'link-burst',
  stage: 'event',
  reasons: {
    "link-burst": "Several different links of this recipient were fetched at once (within about two seconds, or within the window this campaign's own sweeps showed; when the source shows only minutes, in the same minute, which counts for less).",
    "all-links": "Every link in the message was fetched, as a scanner sweeping the message does.",
    "rapid-links": "Three or more different links, each seconds after the previous: a scanner walking the links one by one.",
  },
  evidence: {
    ALL_LINKS_BURST: { code: 'all-links', weight: 4.2, kind: 'scanner', weak: false },
    ALL_LINKS_SWEEP: { code: 'all-links', weight: 2.6, kind: 'scanner', weak: false },
    TWO_LINK_BURST: { code: 'link-burst', weight: 2.4, kind: 'scanner', weak: false },
    TWO_TABS: { code: 'link-burst', weight: 1.6, kind: 'scanner', weak: true },
    WIDE_LINK_BURST: { code: 'link-burst', weight: 3.6, kind: 'scanner', weak: false },
    RAPID_LINKS: { code: 'rapid-links', weight: 2.8, kind: 'scanner', weak: false },
    COARSE_ALL_LINKS: { code: 'all-links', weight: 3.0, kind: 'scanner', weak: false },
    COARSE_WIDE_BURST: { code: 'link-burst', weight: 1.6, kind: 'scanner', weak: true },
    COARSE_TWO_LINKS: { code: 'link-burst', weight: 1.0, kind: 'scanner', weak: true },
    PACED_ALL_LINKS: { code: 'all-links', weight: 3.6, kind: 'scanner', weak: false },
    PACED_WIDE_BURST: { code: 'link-burst', weight: 2.8, kind: 'scanner', weak: false },
    PACED_TWO_LINKS: { code: 'link-burst', weight: 1.0, kind: 'scanner', weak: true },
  },
});

const ALL_LINKS_BURST = LINK_BURST_SIGNAL.evidence.ALL_LINKS_BURST;
const ALL_LINKS_SWEEP = LINK_BURST_SIGNAL.evidence.ALL_LINKS_SWEEP;
// Two links within ~2 s is also a person middle-clicking two tabs: alone (late, current browser, home network)
// it stays just below the machine threshold, and any corroboration — early timing, a stale agent, a scanner
// network, no open before it — tips it over.
const TWO_LINK_BURST = LINK_BURST_SIGNAL.evidence.TWO_LINK_BURST;
// …but from a current browser on a home or office network (no scanner or cloud space), two links within a
// second or two is what a person opening two tabs does: weak, so only another finding about the fetch makes it
// a machine.
const TWO_TABS = LINK_BURST_SIGNAL.evidence.TWO_TABS;
const WIDE_LINK_BURST = LINK_BURST_SIGNAL.evidence.WIDE_LINK_BURST;
const RAPID_LINKS = LINK_BURST_SIGNAL.evidence.RAPID_LINKS;
// Coarse clocks (a page showing 17:08 with no seconds): links sharing one stamp were clicked within the same
// minute, which a person opening two or three links in tabs 3–10 s apart also does. Only the whole-message
// sweep stays strong there; two or three links are weak (suspect at most, never a machine on their own).
const COARSE_ALL_LINKS = LINK_BURST_SIGNAL.evidence.COARSE_ALL_LINKS;
const COARSE_WIDE_BURST = LINK_BURST_SIGNAL.evidence.COARSE_WIDE_BURST;
const COARSE_TWO_LINKS = LINK_BURST_SIGNAL.evidence.COARSE_TWO_LINKS;
// Paced: links further apart than the fixed tight window but within the window learned from this campaign
// (a group of sweeps walking the links seconds apart). Three or more is a sweep; two is also a quick reader
// opening a second link, so it only adds to other weak evidence.
const PACED_ALL_LINKS = LINK_BURST_SIGNAL.evidence.PACED_ALL_LINKS;
const PACED_WIDE_BURST = LINK_BURST_SIGNAL.evidence.PACED_WIDE_BURST;
const PACED_TWO_LINKS = LINK_BURST_SIGNAL.evidence.PACED_TWO_LINKS;
/** The fixed tight window (seconds): bursts within it are the strong kind whatever was learned. */
const TIGHT_WINDOW_S = 2;
/**
 * A reader's pace: the least time between a person's clicks on two different links when they look at the first
 * one. The first click leaves the mail client for the browser, whose page takes seconds to show (2.5 s is the
 * "good" Largest Contentful Paint bound, which most page loads do not beat: https://web.dev/articles/lcp), then
 * the person looks, comes back to the message and aims at the next link — another few seconds. Links opened as
 * tabs without looking come within the tight window instead. So two or three links 5 s or more apart are a
 * quick reader as much as a paced sweep: only links provably closer than this chain beyond the tight window,
 * and only a walk over four or more links (nobody reads a whole message at seconds a link), or one from scanner
 * or cloud space, may use a learned window wider than this.
 */
export const READER_PACE_S = 5;

/** Four or more distinct links inside one burst is the whole-message sweep even if we do not know the links. */
const ALL_LINKS_DISTINCT = 4;
/** Every known link hit within this span without a tight burst (a slow, sequential scanner)… */
const ALL_LINKS_SPAN_S = 300;
/** …with no more than this between one link and the next. */
const SLOW_SWEEP_GAP_MS = 30_000;

/**
 * The largest measured gap between consecutive clicks that still proves they were within the burst window.
 * A stamp of resolution r hides up to r of the true gap, so measured g means a true gap up to g + r: with Unix
 * seconds and a 2 s window only gaps ≤ 1 s qualify (a person's 3 s gap can read as 2 s after truncation).
 * Negative when the clock is coarser than the window: no gap proves a tight burst.
 */
export function provableGapMs(windowMs: number, resolutionMs: number): number {
  return resolutionMs <= 1 ? windowMs : windowMs - resolutionMs;
}

export function linkBurstSignal(ctx: ClassifierContext): void {
  const windowMs = Math.max(0, ctx.settings.burstWindowSeconds) * 1000;
  const known = ctx.knownLinks;
  for (const indices of ctx.byRecipient.values()) {
    urlLessBursts(ctx, indices, windowMs);
    const clicks = eventsWhere(indices, (i) => ctx.click[i] === 1 && ctx.url[i] !== undefined && !Number.isNaN(ctx.time[i]!));
    if (clicks.length < 2) continue;
    // A sweep is one machine's: a person clicking while the scanner sweeps the same message is another agent or
    // another network, so clicks are grouped by sweep source before chaining them in time.
    const byAgent = new Map<string, number[]>();
    for (const i of clicks) {
      const source = sweepSource(ctx, i);
      const list = byAgent.get(source);
      if (list === undefined) byAgent.set(source, [i]);
      else list.push(i);
    }
    if (byAgent.size > 1) joinStrayFleetClicks(ctx, byAgent);
    for (const agentClicks of byAgent.values()) {
      if (agentClicks.length < 2) continue;
      tightBursts(ctx, agentClicks, windowMs, known);
      sequentialSweep(ctx, agentClicks);
      if (known !== undefined && known.size >= 3) slowSweep(ctx, agentClicks, known);
    }
    // Sandboxes that rotate their agent string per request defeat the per-agent grouping, so tight bursts are
    // also looked for per network block: one address fetching several links within a second or two is one
    // machine whatever it calls itself. A person clicking during a sweep is on another network, so is not
    // swept up; clicks already in an agent's burst are not counted twice.
    if (byAgent.size < 2) continue;
    const byBlock = new Map<number, number[]>();
    for (const i of clicks) {
      const block = ctx.blockId[i]!;
      if (block < 0) continue;
      const list = byBlock.get(block);
      if (list === undefined) byBlock.set(block, [i]);
      else list.push(i);
    }
    for (const blockClicks of byBlock.values()) {
      if (blockClicks.length < 2) continue;
      const fresh = blockClicks.filter((i) => !hasEvidence(ctx, i, ['all-links', 'link-burst']));
      if (fresh.length >= 2) tightBursts(ctx, fresh, windowMs, known);
    }
  }
}

/**
 * Pages that list clicks without the link (email + "Clicked" + time): which links were hit is unknown, but three
 * or more clicks of one recipient chained within the burst window is not a person's shape (a double click is
 * two). As strong as two distinct links: early timing or a scanner network tips it over. Needs a clock fine
 * enough to prove the window (minute-only stamps prove nothing here).
 */
const URL_LESS_MIN_CLICKS = 3;

function urlLessBursts(ctx: ClassifierContext, indices: Int32Array, windowMs: number): void {
  const maxGap = provableGapMs(windowMs, ctx.timeResolutionMs);
  if (maxGap < 0) return;
  const clicks = eventsWhere(indices, (i) => ctx.click[i] === 1 && ctx.url[i] === undefined && !Number.isNaN(ctx.time[i]!));
  if (clicks.length < URL_LESS_MIN_CLICKS) return;
  clicks.sort((a, b) => ctx.time[a]! - ctx.time[b]!);
  let start = 0;
  for (let k = 1; k <= clicks.length; k++) {
    if (k < clicks.length && ctx.time[clicks[k]!]! - ctx.time[clicks[k - 1]!]! <= maxGap) continue;
    const burst = clicks.slice(start, k);
    start = k;
    if (burst.length >= URL_LESS_MIN_CLICKS) for (const i of burst) addEvidence(ctx, i, TWO_LINK_BURST);
  }
}

/**
 * Who fetched a click, as far as sweeps go. An agent string no person's browser sends today (a bot, a script, a
 * long-outdated build) is one machine wherever it fetches from: sandboxes hand each link to another address. A
 * current browser's string is shared by millions of people, so with it the network counts too: scanner
 * vendors' and cloud providers' space as one network (a fleet spreads a sweep over its addresses, conventions
 * §3), any other address by its block (a home or office network). A person whose browser sends the same current
 * Chrome agent as a cloud scanner sweeping the campaign is then never chained into the scanner's sweep.
 */
export function sweepSource(ctx: ClassifierContext, i: number): string {
  const agent = agentTextOf(ctx, i) ?? '';
  const ua = agentClassOf(ctx, i);
  if (!(ua.kind === 'browser' && !ua.stale) && ua.kind !== 'missing' && ua.kind !== 'other') return agent;
  const block = ctx.blockId[i]!;
  const network = inMachineSpace(ctx, i) ? MACHINE_SPACE : block < 0 ? '' : ctx.blockKey(block);
  return `${network} ${agent}`;
}

function inMachineSpace(ctx: ClassifierContext, i: number): boolean {
  const kind = ctx.rangeMatch[i]?.kind;
  return kind === 'scanner' || kind === 'cloud';
}

/**
 * The click's network block serves one company (or one household) in this campaign: every recipient fetching
 * from it has the same mail domain. A scanner's egress fetches for many companies' recipients.
 */
function oneCompanysNetwork(ctx: ClassifierContext, i: number): boolean {
  const block = ctx.blockId[i]!;
  if (block < 0) return false;
  let domains = blockDomains.get(ctx);
  if (domains === undefined) {
    domains = new Array<string | undefined>(ctx.blockCount);
    blockDomains.set(ctx, domains);
    for (let k = 0; k < ctx.length; k++) {
      const key = ctx.blockId[k]!;
      const recipient = recipientOf(ctx, k);
      if (key < 0 || recipient === undefined) continue;
      const domain = recipient.slice(recipient.lastIndexOf('@') + 1);
      const seen = domains[key];
      if (seen === undefined) domains[key] = domain;
      else if (seen !== domain) domains[key] = MANY_DOMAINS;
    }
  }
  const domain = domains[block];
  return domain !== undefined && domain !== MANY_DOMAINS;
}
const MANY_DOMAINS = '';
/** Per classification, each block's one mail domain, or MANY_DOMAINS, by block id (computed on first use). */
const blockDomains = new WeakMap<ClassifierContext, Array<string | undefined>>();

/** A current browser's agent from an address outside scanner and cloud space: what a person's click looks like. */
function personLikeSource(ctx: ClassifierContext, i: number): boolean {
  const ua = agentClassOf(ctx, i);
  return ua.kind === 'browser' && !ua.stale && ctx.blockId[i]! >= 0 && !inMachineSpace(ctx, i);
}

const MACHINE_SPACE = 'machine-space';

/**
 * A fleet also fetches from addresses no list holds: a click with a current browser's agent from an unlisted
 * block that falls inside a tight burst of the same agent's clicks from scanner or cloud space (between two of
 * them, within the tight window of each other) is part of that sweep: a person's own click comes before or
 * after a sub-second sweep, not inside it. It joins the fleet's group.
 */
function joinStrayFleetClicks(ctx: ClassifierContext, groups: Map<string, number[]>): void {
  const tightMs = provableGapMs(TIGHT_WINDOW_S * 1000, ctx.timeResolutionMs);
  if (tightMs < 0) return;
  for (const [key, fleet] of groups) {
    if (!key.startsWith(`${MACHINE_SPACE} `)) continue;
    const agent = key.slice(MACHINE_SPACE.length + 1);
    for (const [otherKey, others] of groups) {
      if (otherKey === key || !otherKey.endsWith(` ${agent}`) || otherKey === ` ${agent}`) continue;
      if (otherKey.slice(0, otherKey.length - agent.length - 1).includes(' ')) continue;
      const strays = others.filter((i) => insideTightBurst(ctx, fleet, ctx.time[i]!, tightMs));
      if (strays.length === 0) continue;
      groups.set(otherKey, others.filter((i) => !strays.includes(i)));
      fleet.push(...strays);
    }
    fleet.sort((a, b) => ctx.time[a]! - ctx.time[b]! || a - b);
  }
}

/** True when `time` lies between two of the (time-ordered) clicks that are within `tightMs` of each other. */
function insideTightBurst(ctx: ClassifierContext, clicks: readonly number[], time: number, tightMs: number): boolean {
  for (let k = 1; k < clicks.length; k++) {
    const before = ctx.time[clicks[k - 1]!]!;
    const after = ctx.time[clicks[k]!]!;
    if (before <= time && time <= after) return after - before <= tightMs;
  }
  return false;
}

function sameNetwork(ctx: ClassifierContext, a: number, b: number | undefined): boolean {
  if (b === undefined) return false;
  return ctx.blockId[a] === ctx.blockId[b];
}

function tightBursts(ctx: ClassifierContext, clicks: number[], windowMs: number, known: Set<string> | undefined): void {
  const provable = provableGapMs(windowMs, ctx.timeResolutionMs);
  // Coarser than the window: only clicks sharing one stamp chain, and they count as a coarse burst.
  const coarse = provable < 0;
  const maxGap = coarse ? 0 : provable;
  const tightGap = provableGapMs(Math.min(windowMs, TIGHT_WINDOW_S * 1000), ctx.timeResolutionMs);
  // Chain clicks into bursts: each click within the window of the previous one.
  let start = 0;
  let widestGap = 0;
  for (let k = 1; k <= clicks.length; k++) {
    const gap = k < clicks.length ? ctx.time[clicks[k]!]! - ctx.time[clicks[k - 1]!]! : Number.POSITIVE_INFINITY;
    // Beyond the tight window a chain is only a machine's walk when it stays on one network and is not a phone
    // (scanners do not send phone agents; a person taps a link, comes back and taps the next).
    const pacedOk = coarse || gap <= tightGap || (sameNetwork(ctx, clicks[k - 1]!, clicks[k]!) && !agentClassOf(ctx, clicks[k]!).mobile);
    if (gap <= maxGap && pacedOk) {
      widestGap = Math.max(widestGap, gap);
      continue;
    }
    const burst = clicks.slice(start, k);
    const paced = widestGap > tightGap;
    const chainGap = widestGap;
    start = k;
    widestGap = 0;
    const distinct = new Set(burst.map((i) => ctx.url[i]!));
    if (distinct.size < 2) continue;
    const coversAll = known !== undefined && known.size >= 2 && [...known].every((url) => distinct.has(url));
    const allLinks = coversAll || distinct.size >= ALL_LINKS_DISTINCT;
    // Two or three links further apart than a reader's pace, not all from scanner or cloud space (where nobody
    // reads): chain them again within that pace only.
    if (
      paced &&
      !coarse &&
      !allLinks &&
      windowMs > READER_PACE_S * 1000 &&
      chainGap > provableGapMs(READER_PACE_S * 1000, ctx.timeResolutionMs) &&
      !burst.every((i) => inMachineSpace(ctx, i))
    ) {
      tightBursts(ctx, burst, READER_PACE_S * 1000, known);
      continue;
    }
    const evidence = paced && !coarse
      ? allLinks
        ? PACED_ALL_LINKS
        : distinct.size >= 3
          ? PACED_WIDE_BURST
          : PACED_TWO_LINKS
      : coarse
      ? allLinks
        ? COARSE_ALL_LINKS
        : distinct.size >= 3
          ? COARSE_WIDE_BURST
          : COARSE_TWO_LINKS
      : allLinks
        ? ALL_LINKS_BURST
        : distinct.size >= 3
          ? WIDE_LINK_BURST
          : burst.every((i) => personLikeSource(ctx, i) && oneCompanysNetwork(ctx, i))
            ? TWO_TABS
            : TWO_LINK_BURST;
    for (const i of burst) addEvidence(ctx, i, evidence);
  }
}

/**
 * Different links, each within a few seconds of the previous, by one agent: a scanner walking the links one at
 * a time. Three links qualify when each came within a reader's pace of the last; a quick reader does click three
 * links five to fifteen seconds apart, but does not walk four or more of them at that pace.
 */
const SEQUENTIAL_GAP_MS = 10_000;
const SEQUENTIAL_DISTINCT = 3;
const SEQUENTIAL_WIDE_DISTINCT = 4;

function sequentialSweep(ctx: ClassifierContext, clicks: number[]): void {
  let start = 0;
  let widestGap = 0;
  for (let k = 1; k <= clicks.length; k++) {
    const gap = k < clicks.length ? ctx.time[clicks[k]!]! - ctx.time[clicks[k - 1]!]! : Number.POSITIVE_INFINITY;
    // One machine walking the links stays on one network and is not a phone (see tightBursts).
    if (gap <= SEQUENTIAL_GAP_MS && sameNetwork(ctx, clicks[k - 1]!, clicks[k]!) && !agentClassOf(ctx, clicks[k]!).mobile) {
      widestGap = Math.max(widestGap, gap);
      continue;
    }
    const run = clicks.slice(start, k);
    const runGap = widestGap;
    start = k;
    widestGap = 0;
    const distinct = new Set(run.map((i) => ctx.url[i]!)).size;
    // From scanner or cloud space nobody is reading: three links seconds apart there is the walk.
    const readerPaced = runGap <= provableGapMs(READER_PACE_S * 1000, ctx.timeResolutionMs) || run.every((i) => inMachineSpace(ctx, i));
    if (distinct < SEQUENTIAL_DISTINCT || (distinct < SEQUENTIAL_WIDE_DISTINCT && !readerPaced)) continue;
    for (const i of run) {
      if (!hasEvidence(ctx, i, ['all-links', 'link-burst'])) {
        addEvidence(ctx, i, RAPID_LINKS);
      }
    }
  }
}

function slowSweep(ctx: ClassifierContext, clicks: number[], known: Set<string>): void {
  if (clicks.length < known.size) return;
  // Chain the agent's clicks with gaps of at most SLOW_SWEEP_GAP_MS; a chain that covers every known link
  // within ALL_LINKS_SPAN_S is a sweep. A person's click a minute before the sweep is not chained to it.
  let start = 0;
  for (let k = 1; k <= clicks.length; k++) {
    if (k < clicks.length && ctx.time[clicks[k]!]! - ctx.time[clicks[k - 1]!]! <= SLOW_SWEEP_GAP_MS) continue;
    const chain = clicks.slice(start, k);
    start = k;
    if (chain.length < known.size) continue;
    const span = ctx.time[chain[chain.length - 1]!]! - ctx.time[chain[0]!]!;
    const seen = new Set(chain.map((i) => ctx.url[i]!).filter((url) => known.has(url)));
    if (seen.size < known.size || span > ALL_LINKS_SPAN_S * 1000) continue;
    for (const i of chain) {
      if (!hasEvidence(ctx, i, ['all-links'])) addEvidence(ctx, i, ALL_LINKS_SWEEP);
    }
  }
}
