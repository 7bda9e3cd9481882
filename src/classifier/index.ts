// The classifier: decides for every open and click whether a person, a security scanner or a privacy proxy
// made it, explains why, and computes raw and qualified numbers. Pure and deterministic (no clock unless the
// caller passes `now`, no browser globals), O(n log n), and it never throws: anything unreadable lowers
// confidence and is said in `summary.notes`.
import {
  LABELS,
  type Campaign,
  type CampaignReport,
  type EventColumns,
  type EventType,
  type ClassifierSettings,
  type EventVerdict,
  type Label,
  type RangeLookup,
} from '../shared/types';
import { sanitizeClassifierSettings } from '../shared/settings';
import { agentTextOf, buildContext, recipientOf, typeOf, type ClassifierContext, type Evidence } from './context';
import { computeMetrics } from './metrics';
import { labelEvidence, scoreEvidence } from './score';
import { beforeDeliverySignal } from './signals/before-delivery';
import { clickWithoutOpenSignal } from './signals/click-without-open';
import { honeypotSignal } from './signals/honeypot';
import { laterHumanRepeatSignal } from './signals/later-human-repeat';
import { linkBurstSignal } from './signals/link-burst';
import { mailHostSignal } from './signals/mail-host';
import { scannerIpSignal } from './signals/scanner-ip';
import { scannerRecheckSignal } from './signals/scanner-recheck';
import { scannerSessionSignal } from './signals/scanner-session';
import { sharedIpSignal } from './signals/shared-ip';
import { sourceBotHintSignal, sourceSaysBot } from './signals/source-bot-hint';
import { timeSinceDeliverySignal } from './signals/time-since-delivery';
import { userAgentSignal } from './signals/user-agent';
import { scannerNetworkSignal } from './signals/scanner-network';
import { learnWindows } from './learned-windows';
import { calibrate, evidenceKeyOf } from './calibration';

export { describeReason, REASONS } from './reasons';
export { estimateLinkFloor, utilityKind } from './link-floor';

export interface ClassifyOptions {
  ranges?: RangeLookup;
  settings?: Partial<ClassifierSettings>;
  /** Reference time (ms) for judging browser versions when the campaign has no times of its own. */
  now?: number;
  /** Report raw scores instead of calibrated probabilities (only for fitting the calibration table). */
  uncalibrated?: boolean;
  /**
   * The caller hands the events over: the classifier reads `campaign.events` (and `campaign.eventColumns`)
   * once, into its own compact columns, and then empties that array (sets its length to 0) and removes the
   * columns, so a big export's events can be collected while the classification runs. The report is the same;
   * only the caller's event list is gone.
   * Off by default: the campaign is left as it was given.
   */
  consumeEvents?: boolean;
}

/** Signals that read only the events themselves. */
const EVENT_SIGNALS: Array<(ctx: ClassifierContext) => void> = [
  timeSinceDeliverySignal,
  beforeDeliverySignal,
  linkBurstSignal,
  scannerIpSignal,
  userAgentSignal,
  sharedIpSignal,
  clickWithoutOpenSignal,
  honeypotSignal,
  sourceBotHintSignal,
  mailHostSignal,
  scannerNetworkSignal,
];

/** Signals that relate an event to the first-pass verdicts of the recipient's other events. */
const RELATIONAL_SIGNALS: Array<(ctx: ClassifierContext, stage1: readonly Label[]) => void> = [
  scannerSessionSignal,
  laterHumanRepeatSignal,
  scannerRecheckSignal,
];

/**
 * The burst window the user fixed, if any (`burstWindowMode: 'fixed'`, any value including the 2 s default);
 * undefined when the window is to be learned from the campaign.
 */
export function burstWindowSetting(settings: ClassifierSettings): number | undefined {
  return settings.burstWindowMode === 'fixed' ? settings.burstWindowSeconds : undefined;
}

/** The one settings sanitizer (src/shared/settings.ts): the classifier accepts what the options page accepts. */
function resolveSettings(overrides: Partial<ClassifierSettings> | undefined): ClassifierSettings {
  return sanitizeClassifierSettings(overrides);
}

function classify(campaign: Campaign, options: ClassifyOptions | undefined, built: { ctx?: ClassifierContext }): CampaignReport {
  const settings = resolveSettings(options?.settings);
  const buildOptions = options?.consumeEvents === true ? { now: options.now, consumeEvents: true } : { now: options?.now };
  const ctx = buildContext(campaign, settings, options?.ranges, buildOptions);
  built.ctx = ctx;
  const learned = learnWindows(ctx, burstWindowSetting(settings));
  ctx.learned = learned;
  ctx.settings = { ...settings, burstWindowSeconds: learned.burstWindowSeconds };
  for (const signal of EVENT_SIGNALS) signal(ctx);
  // First pass: labels only (no reasons), for the signals that relate an event to its recipient's others.
  // One array reused for every event's evidence (scoring reads it and keeps nothing of it).
  const evidence: Evidence[] = [];
  const stage1: Label[] = new Array(ctx.length);
  for (let i = 0; i < ctx.length; i++) stage1[i] = labelEvidence(ctx.evidence.collect(i, evidence), typeOf(ctx, i), settings);
  for (const signal of RELATIONAL_SIGNALS) signal(ctx, stage1);
  const verdicts: EventVerdict[] = new Array(ctx.length);
  const espFlags = new Map<string, EspFlagPair>();
  for (let i = 0; i < ctx.length; i++) {
    const type = typeOf(ctx, i);
    const scored = scoreEvidence(ctx.evidence.collect(i, evidence), type, settings);
    const label = scored.label;
    const score = options?.uncalibrated === true ? scored.score : calibrate(scored.score, calibrationEvidence(ctx, i));
    const verdict = verdictOf(ctx.sourceIndex[i]!, type, label, score, scored.reasons, recipientOf(ctx, i), scored.vendor, espFlagOf(ctx.sourceBotHint[i], label, espFlags));
    if (carriesNothingToJudge(ctx, i)) verdict.unjudged = true;
    verdicts[i] = verdict;
  }
  const { summary, recipients } = computeMetrics(campaign, ctx, verdicts);
  summary.learned = learned;
  summary.notes = [...ctx.notes];
  return { verdicts, summary, recipients };
}

/**
 * A verdict as one object literal holding exactly its fields, in the contract's order. A field added to an
 * object after its literal lives in a separate property array on V8 (about 40 bytes more per verdict, and a
 * 500k-event report has half a million verdicts), so each combination of the optional fields is its own literal.
 */
function verdictOf(
  sourceIndex: number,
  type: EventVerdict['type'],
  label: Label,
  score: number,
  reasons: string[],
  recipient: string | undefined,
  vendor: string | undefined,
  espFlag: EventVerdict['espFlag'],
): EventVerdict {
  if (recipient !== undefined) {
    if (vendor !== undefined) {
      return espFlag !== undefined
        ? { sourceIndex, type, label, score, reasons, recipient, vendor, espFlag }
        : { sourceIndex, type, label, score, reasons, recipient, vendor };
    }
    return espFlag !== undefined ? { sourceIndex, type, label, score, reasons, recipient, espFlag } : { sourceIndex, type, label, score, reasons, recipient };
  }
  if (vendor !== undefined) {
    return espFlag !== undefined ? { sourceIndex, type, label, score, reasons, vendor, espFlag } : { sourceIndex, type, label, score, reasons, vendor };
  }
  return espFlag !== undefined ? { sourceIndex, type, label, score, reasons, espFlag } : { sourceIndex, type, label, score, reasons };
}

/** Which calibration table an event's score reads (calibration.ts): what its verdict could rest on. */
function calibrationEvidence(ctx: ClassifierContext, i: number) {
  const seconds = ctx.timeResolutionMs < 60_000 && !Number.isNaN(ctx.time[i]!);
  return evidenceKeyOf(ctx.ip[i] !== undefined, agentTextOf(ctx, i) !== undefined, seconds);
}

/**
 * The ESP's own flag beside our label, as a second opinion: `agrees` when both call it a machine or both do
 * not. A flag that says "not a bot" (`false`, `0`) is still the ESP's opinion and is shown.
 */
function espFlagOf(flag: string | undefined, label: Label, shared: Map<string, EspFlagPair>): EventVerdict['espFlag'] {
  if (flag === undefined || flag.trim() === '') return undefined;
  const machine = label === 'scanner' || label === 'proxy';
  const agrees = machine === sourceSaysBot(flag);
  // ESPs write a handful of distinct flags over a whole export: one frozen object per flag and answer, shared
  // by the verdicts that carry it, instead of one per event.
  let pair = shared.get(flag);
  if (pair === undefined) shared.set(flag, (pair = [Object.freeze({ flag, agrees: false }), Object.freeze({ flag, agrees: true })]));
  return pair[agrees ? 1 : 0];
}

type EspFlagPair = [NonNullable<EventVerdict['espFlag']>, NonNullable<EventVerdict['espFlag']>];

/** No time, address, agent or ESP flag: nothing to judge, so the `human` label is the contract's default. */
function carriesNothingToJudge(ctx: ClassifierContext, i: number): boolean {
  const agent = agentTextOf(ctx, i);
  const hint = ctx.sourceBotHint[i];
  return (
    Number.isNaN(ctx.time[i]!) &&
    ctx.ip[i] === undefined &&
    (agent === undefined || agent.trim() === '') &&
    (hint === undefined || hint.trim() === '')
  );
}

/** The verdict of an event the classifier could not judge (the fallback report): `human`, as the contract says. */
function unjudgedVerdict(sourceIndex: number, type: EventType): EventVerdict {
  return { sourceIndex, type, label: 'human', score: 0, reasons: [] };
}

/** Default verdicts for events given as columns, when the classification failed before reading them. */
function columnVerdicts(columns: EventColumns | undefined): EventVerdict[] {
  const verdicts: EventVerdict[] = [];
  try {
    const n = typeof columns?.length === 'number' ? columns.length : 0;
    for (let i = 0; i < n; i++) verdicts.push(unjudgedVerdict(columns!.sourceIndex[i]!, columns!.click[i] === 1 ? 'click' : 'open'));
  } catch {
    // Columns that cannot even be read give no verdicts; the summary's note says the input was unreadable.
  }
  return verdicts;
}

function emptyReport(campaign: unknown, error: unknown, ctx: ClassifierContext | undefined): CampaignReport {
  const events: unknown[] = Array.isArray((campaign as Campaign | null)?.events) ? (campaign as Campaign).events : [];
  // Events handed over (consumeEvents) are read back from the columns they were read into.
  const verdicts: EventVerdict[] =
    ctx !== undefined && events.length < ctx.length
      ? Array.from({ length: ctx.length }, (_, i) => unjudgedVerdict(ctx.sourceIndex[i]!, typeOf(ctx, i)))
      : events.map((event, position) => {
          const record = (event ?? {}) as { type?: unknown; sourceIndex?: unknown };
          return unjudgedVerdict(typeof record.sourceIndex === 'number' ? record.sourceIndex : position, record.type === 'click' ? 'click' : 'open');
        });
  if (ctx === undefined) verdicts.push(...columnVerdicts((campaign as Campaign | null)?.eventColumns));

  const byLabel = Object.fromEntries(LABELS.map((label) => [label, 0])) as CampaignReport['summary']['byLabel'];
  byLabel.human = verdicts.length;
  return {
    verdicts,
    summary: {
      totalEvents: verdicts.length,
      raw: { uniqueOpens: 0, uniqueClicks: 0 },
      qualified: { uniqueOpens: 0, uniqueClicks: 0 },
      byLabel,
      byReason: {},
      byVendor: {},
      links: [],
      scannerUnsubscribes: 0,
      timing: [],
      notes: [`The classifier could not read this input (${String(error)}); every event was left as human.`],
    },
  };
}

export function classifyCampaign(campaign: Campaign, options?: ClassifyOptions): CampaignReport {
  const built: { ctx?: ClassifierContext } = {};
  try {
    return classify(campaign, options, built);
  } catch (error) {
    // Defence in depth: the signals are written not to throw, but a user's audit must never die here.
    return emptyReport(campaign, error, built.ctx);
  }
}
