// The classifier: decides for every open and click whether a person, a security scanner or a privacy proxy
// made it, explains why, and computes raw and qualified numbers. Pure and deterministic (no clock unless the
// caller passes `now`, no browser globals), O(n log n), and it never throws: anything unreadable lowers
// confidence and is said in `summary.notes`.
import {
  LABELS,
  type Campaign,
  type CampaignReport,
  type ClassifierSettings,
  type EventVerdict,
  type Label,
  type RangeLookup,
} from '../shared/types';
import { sanitizeClassifierSettings } from '../shared/settings';
import { buildContext, evidenceOf, type CleanEvent, type ClassifierContext } from './context';
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
import { calibrate, evidenceKey } from './calibration';

export { describeReason, REASONS } from './reasons';
export { estimateLinkFloor, utilityKind } from './link-floor';

export interface ClassifyOptions {
  ranges?: RangeLookup;
  settings?: Partial<ClassifierSettings>;
  /** Reference time (ms) for judging browser versions when the campaign has no times of its own. */
  now?: number;
  /** Report raw scores instead of calibrated probabilities (only for fitting the calibration table). */
  uncalibrated?: boolean;
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

/** The time browser versions are judged against: the send time, else the median event time, else `now`. */
function referenceTime(campaign: Campaign, now: number | undefined): number {
  if (typeof campaign?.sentAt === 'number' && Number.isFinite(campaign.sentAt)) return campaign.sentAt;
  const times: number[] = [];
  if (Array.isArray(campaign?.events)) {
    for (const event of campaign.events) {
      const t = (event as { timestamp?: unknown } | null)?.timestamp;
      if (typeof t === 'number' && Number.isFinite(t)) times.push(t);
    }
  }
  if (times.length > 0) {
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }
  return typeof now === 'number' && Number.isFinite(now) ? now : Number.NaN;
}

function classify(campaign: Campaign, options: ClassifyOptions | undefined): CampaignReport {
  const settings = resolveSettings(options?.settings);
  const ctx = buildContext(campaign, settings, options?.ranges, referenceTime(campaign, options?.now));
  const learned = learnWindows(ctx, burstWindowSetting(settings));
  ctx.learned = learned;
  ctx.settings = { ...settings, burstWindowSeconds: learned.burstWindowSeconds };
  for (const signal of EVENT_SIGNALS) signal(ctx);
  // First pass: labels only (no reasons), for the signals that relate an event to its recipient's others.
  const stage1 = ctx.events.map((event, i) => labelEvidence(evidenceOf(ctx, i), event.type, settings));
  for (const signal of RELATIONAL_SIGNALS) signal(ctx, stage1);
  const verdicts: EventVerdict[] = ctx.events.map((event, i) => {
    const scored = scoreEvidence(evidenceOf(ctx, i), event.type, settings);
    const verdict: EventVerdict = {
      sourceIndex: event.sourceIndex,
      type: event.type,
      label: scored.label,
      score: options?.uncalibrated === true ? scored.score : calibrate(scored.score, calibrationEvidence(ctx, event)),
      reasons: scored.reasons,
    };
    if (event.recipient !== undefined) verdict.recipient = event.recipient;
    if (scored.vendor !== undefined) verdict.vendor = scored.vendor;
    const espFlag = espFlagOf(event, scored.label);
    if (espFlag !== undefined) verdict.espFlag = espFlag;
    if (carriesNothingToJudge(event)) verdict.unjudged = true;
    return verdict;
  });
  const { summary, recipients } = computeMetrics(campaign, ctx, verdicts);
  summary.learned = learned;
  summary.notes = [...ctx.notes];
  return { verdicts, summary, recipients };
}

/** Which calibration table an event's score reads (calibration.ts): what its verdict could rest on. */
function calibrationEvidence(ctx: ClassifierContext, event: CleanEvent) {
  const seconds = ctx.timeResolutionMs < 60_000 && !Number.isNaN(event.time);
  return evidenceKey({ address: event.ip !== undefined, agent: event.userAgent !== undefined, seconds });
}

/**
 * The ESP's own flag beside our label, as a second opinion: `agrees` when both call it a machine or both do
 * not. A flag that says "not a bot" (`false`, `0`) is still the ESP's opinion and is shown.
 */
function espFlagOf(event: CleanEvent, label: Label): EventVerdict['espFlag'] {
  const flag = event.sourceBotHint;
  if (flag === undefined || flag.trim() === '') return undefined;
  const machine = label === 'scanner' || label === 'proxy';
  return { flag, agrees: machine === sourceSaysBot(flag) };
}

/** No time, address, agent or ESP flag: nothing to judge, so the `human` label is the contract's default. */
function carriesNothingToJudge(event: CleanEvent): boolean {
  return (
    Number.isNaN(event.time) &&
    event.ip === undefined &&
    (event.userAgent === undefined || event.userAgent.trim() === '') &&
    (event.sourceBotHint === undefined || event.sourceBotHint.trim() === '')
  );
}

function emptyReport(campaign: unknown, error: unknown): CampaignReport {
  const events: unknown[] = Array.isArray((campaign as Campaign | null)?.events) ? (campaign as Campaign).events : [];
  const verdicts: EventVerdict[] = events.map((event, position) => {
    const record = (event ?? {}) as { type?: unknown; sourceIndex?: unknown };
    return {
      sourceIndex: typeof record.sourceIndex === 'number' ? record.sourceIndex : position,
      type: record.type === 'click' ? 'click' : 'open',
      label: 'human',
      score: 0,
      reasons: [],
    };
  });
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
  try {
    return classify(campaign, options);
  } catch (error) {
    // Defence in depth: the signals are written not to throw, but a user's audit must never die here.
    return emptyReport(campaign, error);
  }
}
