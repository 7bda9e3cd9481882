// One explainable score per event: the prior log-odds plus every signal's log-odds, squashed by the logistic
// function to 0..1 (0 = surely a person, 1 = surely a machine). Weak signals are summed but capped together at
// WEAK_CAP, so they can make an event `suspect` but a machine label needs at least one strong signal to agree
// (timing plus a corporate mail host plus a gateway IP describe plenty of fast people too). The label follows
// from the score and the settings' thresholds; among machines, an open whose proxy evidence outweighs its
// scanner evidence is `proxy` (Apple's prefetch), everything else `scanner`.
import type { ClassifierSettings, EventType, Label } from '../shared/types';
import type { Evidence } from './context';

/** Most opens and clicks are people's when nothing is known: odds of about 1 : 12. */
export const PRIOR_LOG_ODDS = -2.5;
/** Weak signals together add at most this much (just under the default machine threshold from the prior). */
export const WEAK_CAP = 2.6;
/**
 * …unless two or more different weak findings about the fetch itself agree (a cloud address, an outdated agent,
 * no open before the click): then together with the timing they may make a machine. One weak finding plus
 * context (timing, mail host) never does.
 */
export const CORROBORATED_WEAK_CAP = 3.4;
const CORROBORATING_FINDINGS = 2;

export interface ScoredEvent {
  score: number;
  label: Label;
  reasons: string[];
  vendor?: string;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Sum the evidence into a score and label; the label alone is what the first pass needs. */
function tally(evidence: readonly Evidence[], type: EventType, settings: ClassifierSettings, out: { score: number }): Label {
  let weak = 0;
  let strong = 0;
  let scannerWeight = 0;
  let proxyWeight = 0;
  let aboutTheFetch = false;
  let weakFindings = 0;
  for (const item of evidence) {
    if (!Number.isFinite(item.weight)) continue;
    if (item.weight > 0 && item.context !== true) aboutTheFetch = true;
    if (item.weight > 0 && item.weak && item.context !== true) weakFindings++;
    if (item.weak && item.weight > 0) weak += item.weight;
    else strong += item.weight;
    if (item.weight > 0 && item.kind === 'scanner') scannerWeight += item.weight;
    if (item.weight > 0 && item.kind === 'proxy') proxyWeight += item.weight;
  }
  const weakCap = weakFindings >= CORROBORATING_FINDINGS ? CORROBORATED_WEAK_CAP : WEAK_CAP;
  const score = logistic(PRIOR_LOG_ODDS + Math.min(weak, weakCap) + strong);
  out.score = score;
  if (score >= settings.machineThreshold) return type === 'open' && proxyWeight > scannerWeight ? 'proxy' : 'scanner';
  if (score >= settings.suspectThreshold && aboutTheFetch) return 'suspect';
  return 'human';
}

const scoreOut = { score: 0 };

/**
 * One frozen array per distinct list of reason codes: a campaign has a handful of combinations (tens) across
 * hundreds of thousands of events, so each verdict points at the shared list instead of owning a copy. Frozen,
 * so a caller that tried to edit one verdict's reasons fails loudly instead of changing every verdict's.
 */
const reasonLists = new Map<string, string[]>();
/** Combinations kept; beyond this (never seen in practice) lists are frozen but not shared. */
const MAX_SHARED_REASON_LISTS = 4096;
const NO_REASONS: string[] = Object.freeze([]) as unknown as string[];

function sharedReasons(reasons: string[]): string[] {
  if (reasons.length === 0) return NO_REASONS;
  const key = reasons.length === 1 ? reasons[0]! : reasons.join('\n');
  const known = reasonLists.get(key);
  if (known !== undefined) return known;
  Object.freeze(reasons);
  if (reasonLists.size < MAX_SHARED_REASON_LISTS) reasonLists.set(key, reasons);
  return reasons;
}

/** The label alone (the first pass, which relational signals read). */
export function labelEvidence(evidence: readonly Evidence[], type: EventType, settings: ClassifierSettings): Label {
  return tally(evidence, type, settings, scoreOut);
}

const strongestFirst = (a: Evidence, b: Evidence): number => b.weight - a.weight;
const mostHumanFirst = (a: Evidence, b: Evidence): number => a.weight - b.weight;

/** Scratch space for ordering one event's evidence (classification is synchronous, so one buffer suffices). */
const ordering: Evidence[] = [];

export function scoreEvidence(evidence: readonly Evidence[], type: EventType, settings: ClassifierSettings): ScoredEvent {
  const label = tally(evidence, type, settings, scoreOut);
  const score = scoreOut.score;
  if (evidence.length === 0) return { score: Math.round(score * 1000) / 1000, label, reasons: NO_REASONS };

  // Reasons: strongest first in the direction of the verdict, each code once.
  const towardsMachine = label !== 'human';
  const reasons: string[] = [];
  if (evidence.length === 1) {
    const only = evidence[0]!;
    if (Number.isFinite(only.weight) && only.weight !== 0) reasons.push(only.code);
  } else {
    ordering.length = 0;
    for (const item of evidence) if (Number.isFinite(item.weight) && item.weight !== 0) ordering.push(item);
    ordering.sort(towardsMachine ? strongestFirst : mostHumanFirst);
    for (const item of ordering) if (!reasons.includes(item.code)) reasons.push(item.code);
    ordering.length = 0;
  }

  let vendor: string | undefined;
  if (label === 'scanner' || label === 'proxy') {
    const wanted = label === 'proxy' ? 'proxy' : 'scanner';
    let best = 0;
    for (const item of evidence) {
      if (item.vendor !== undefined && item.kind === wanted && item.weight > best) {
        best = item.weight;
        vendor = item.vendor;
      }
    }
  }
  const scored: ScoredEvent = { score: Math.round(score * 1000) / 1000, label, reasons: sharedReasons(reasons) };
  if (vendor !== undefined) scored.vendor = vendor;
  return scored;
}
