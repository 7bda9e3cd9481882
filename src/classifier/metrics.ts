// Campaign numbers from the verdicts: raw (every event) vs qualified (human + suspect, or human only when
// strict) unique opens and clicks, rates over delivered recipients, per-link clicks, counts by label / reason /
// vendor, the timing histogram's points and the scanner-unsubscribe warning.
import type {
  Campaign,
  CampaignSummary,
  EventVerdict,
  Label,
  LinkReport,
  RateSet,
  RecipientEngagement,
} from '../shared/types';
import type { ClassifierContext } from './context';
import { isQualified } from './labels';
import { estimateLinkFloor, utilityKind } from './link-floor';
import { groupById } from './group-by-id';
import { qualifiedRangesOf, type RangeColumns } from './qualified-ranges';

export { isQualified };

interface DeliveredBase {
  count: number;
  /** Recipients named by delivery records; undefined when the count was given as a number. */
  recipients?: Set<string>;
}

function deliveredBase(campaign: Campaign, notes: Set<string>): DeliveredBase | undefined {
  const count = campaign?.deliveredCount;
  if (typeof count === 'number' && Number.isFinite(count) && count > 0) return { count: Math.floor(count) };
  if (Array.isArray(campaign?.deliveries) && campaign.deliveries.length > 0) {
    const recipients = new Set<string>();
    for (const delivery of campaign.deliveries) {
      if (delivery !== null && typeof delivery === 'object' && typeof delivery.recipient === 'string') {
        recipients.add(delivery.recipient.toLowerCase());
      }
    }
    if (recipients.size > 0) return { count: recipients.size, recipients };
  }
  notes.add('The number of delivered recipients is unknown, so rates were not computed (counts still are).');
  return undefined;
}

/**
 * Whoever opened or clicked was delivered to. Delivery records that miss some of them (a page that shows only
 * part of the log, an export cut by date) would put rates above 100 %: the engaged recipients join the base.
 */
function deliveredCount(base: DeliveredBase | undefined, engaged: Iterable<string>, notes: Set<string>): number | undefined {
  if (base === undefined) return undefined;
  if (base.recipients) {
    const all = new Set(base.recipients);
    for (const recipient of engaged) all.add(recipient);
    if (all.size > base.count) {
      notes.add(`${all.size - base.count} recipients opened or clicked without a delivery record; they count as delivered.`);
    }
    return all.size;
  }
  const engagedCount = [...engaged].length;
  if (engagedCount > base.count) {
    notes.add(`The source says ${base.count} delivered but ${engagedCount} recipients engaged; rates use ${engagedCount}.`);
    return engagedCount;
  }
  return base.count;
}

/**
 * Rates over delivered recipients. Click-to-open divides clickers by everyone who engaged (`engaged`: openers
 * plus clickers whose open was not seen — images off, or Apple's cached copy), since a click means the person
 * opened the message: it never exceeds 100 %. It is left out when the source has no click events at all (an
 * opens-only export says nothing about clicking, which is not the same as 0 %).
 */
function rates(uniqueOpens: number, uniqueClicks: number, engaged: number, delivered: number | undefined, sourceHasClicks: boolean): RateSet {
  const set: RateSet = { uniqueOpens, uniqueClicks };
  if (delivered !== undefined && delivered > 0) {
    set.openRate = uniqueOpens / delivered;
    set.clickRate = uniqueClicks / delivered;
  }
  if (sourceHasClicks && engaged > 0) set.clickToOpenRate = uniqueClicks / engaged;
  return set;
}

export interface Metrics {
  summary: CampaignSummary;
  recipients: RecipientEngagement[];
}

export function computeMetrics(campaign: Campaign, ctx: ClassifierContext, verdicts: EventVerdict[]): Metrics {
  const strict = ctx.settings.strict;
  const notes = ctx.notes;
  const base = deliveredBase(campaign, notes);
  const byLabel: Record<Label, number> = { human: 0, scanner: 0, proxy: 0, suspect: 0 };
  const byReason: Record<string, number> = {};
  const byVendor: Record<string, number> = {};
  // Recipient → slot in `engagements` (slots in order of first event), and the range model's inputs as columns.
  const slotOf = new Map<string, number>();
  // Recipients by their context id (no string hashing per event), unless a recipient could be mistaken for the
  // stand-in key of an event without one.
  const slotOfRecipientId = ctx.recipientNames.some((recipient) => recipient.startsWith('#')) ? undefined : new Int32Array(ctx.recipientNames.length).fill(-1);
  const engagements: RecipientEngagement[] = [];
  // Recipients by slot (one slot per recipient key).
  // Links by id (in order of their first click); per event its link id (-1: none) and whether it qualified, so
  // unique clickers per link are counted after the loop without a set of recipients per link.
  const linkIdOf = new Map<string, number>();
  const linkReports: LinkReport[] = [];
  const eventLink = new Int32Array(verdicts.length).fill(-1);
  const eventQualified = new Uint8Array(verdicts.length);
  const timing: Array<[number, Label]> = [];
  // One frozen [seconds, label] point per distinct value, shared by every event that has it: delays are rounded
  // to 0.1 s, so a 200k-event campaign has a few thousand distinct points, not 200k little arrays (~80 bytes each).
  const timingPoints = new Map<Label, Map<number, [number, Label]>>();
  const timingPoint = (seconds: number, label: Label): [number, Label] => {
    // -0 is its own point (a Map key would merge it with 0).
    if (seconds === 0 && 1 / seconds < 0) return Object.freeze([seconds, label]) as [number, Label];
    let points = timingPoints.get(label);
    if (points === undefined) timingPoints.set(label, (points = new Map()));
    let point = points.get(seconds);
    if (point === undefined) points.set(seconds, (point = Object.freeze([seconds, label]) as [number, Label]));
    return point;
  };
  const rangeEvents: RangeColumns = {
    length: verdicts.length,
    recipientCount: 0,
    recipient: new Int32Array(verdicts.length),
    click: new Uint8Array(verdicts.length),
    score: new Float64Array(verdicts.length),
    suspect: new Uint8Array(verdicts.length),
  };
  let scannerUnsubscribes = 0;
  const utilityByUrl = new Map<string, ReturnType<typeof utilityKind>>();
  const utilityOf = (url: string): ReturnType<typeof utilityKind> => {
    if (!utilityByUrl.has(url)) utilityByUrl.set(url, utilityKind(url));
    return utilityByUrl.get(url);
  };

  for (let i = 0; i < verdicts.length; i++) {
    const verdict = verdicts[i]!;
    const click = ctx.click[i] === 1;
    const count = ctx.count[i]!;
    const qualified = isQualified(verdict.label, strict);
    byLabel[verdict.label]++;
    for (const reason of verdict.reasons) byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (verdict.vendor !== undefined && (verdict.label === 'scanner' || verdict.label === 'proxy')) {
      byVendor[verdict.vendor] = (byVendor[verdict.vendor] ?? 0) + 1;
    }
    const seconds = ctx.secondsAfterDelivery[i]!;
    if (!Number.isNaN(seconds)) timing.push(timingPoint(Math.round(seconds * 10) / 10, verdict.label));

    // Events without a recipient cannot be de-duplicated: each counts as its own recipient.
    const recipientId = ctx.recipientId[i]!;
    const recipientKey = recipientId >= 0 ? ctx.recipientNames[recipientId]! : `#${ctx.sourceIndex[i]}:${i}`;
    let slot = slotOfRecipientId !== undefined && recipientId >= 0 ? slotOfRecipientId[recipientId]! : slotOf.get(recipientKey);
    if (slot === undefined || slot < 0) {
      slot = engagements.length;
      if (slotOfRecipientId !== undefined && recipientId >= 0) slotOfRecipientId[recipientId] = slot;
      else slotOf.set(recipientKey, slot);
      engagements.push({ recipient: recipientKey, rawOpens: 0, rawClicks: 0, qualifiedOpens: 0, qualifiedClicks: 0 });
    }
    const engagement = engagements[slot]!;
    rangeEvents.recipient[i] = slot;
    rangeEvents.click[i] = click ? 1 : 0;
    rangeEvents.score[i] = verdict.score;
    rangeEvents.suspect[i] = verdict.label === 'suspect' ? 1 : 0;
    if (!click) {
      engagement.rawOpens += count;
      if (qualified) engagement.qualifiedOpens += count;
    } else {
      engagement.rawClicks += count;
      if (qualified) engagement.qualifiedClicks += count;
      const url = ctx.url[i];
      if (url !== undefined) {
        let linkId = linkIdOf.get(url);
        if (linkId === undefined) {
          linkId = linkReports.length;
          linkIdOf.set(url, linkId);
          linkReports.push({ url, rawClicks: 0, qualifiedClicks: 0, rawUniqueClicks: 0, qualifiedUniqueClicks: 0, utility: utilityOf(url) !== undefined });
        }
        const link = linkReports[linkId]!;
        eventLink[i] = linkId;
        link.rawClicks += count;
        if (qualified) {
          link.qualifiedClicks += count;
          eventQualified[i] = 1;
        }
        if (verdict.label === 'scanner' && utilityOf(url) === 'unsubscribe') scannerUnsubscribes++;
      }
    }
  }

  let rawOpeners = 0;
  let rawClickers = 0;
  let qualifiedOpeners = 0;
  let qualifiedClickers = 0;
  let rawEngaged = 0;
  let qualifiedEngaged = 0;
  rangeEvents.recipientCount = engagements.length;
  for (const engagement of engagements) {
    if (engagement.rawOpens > 0) rawOpeners++;
    if (engagement.rawClicks > 0) rawClickers++;
    if (engagement.qualifiedOpens > 0) qualifiedOpeners++;
    if (engagement.qualifiedClicks > 0) qualifiedClickers++;
    if (engagement.rawOpens > 0 || engagement.rawClicks > 0) rawEngaged++;
    if (engagement.qualifiedOpens > 0 || engagement.qualifiedClicks > 0) qualifiedEngaged++;
  }

  const engagedRecipients = engagements
    .filter((engagement) => (engagement.rawOpens > 0 || engagement.rawClicks > 0) && !engagement.recipient.startsWith('#'))
    .map((engagement) => engagement.recipient.toLowerCase());
  const delivered = deliveredCount(base, engagedRecipients, notes);

  // Unique clickers per link: each link's clicks in turn (grouped by link id), a recipient slot counted the
  // first time it is met for the link being counted.
  const byLink = groupById(eventLink, linkReports.length, () => true);
  const rawSeen = new Int32Array(engagements.length).fill(-1);
  const qualifiedSeen = new Int32Array(engagements.length).fill(-1);
  for (let g = 0; g < linkReports.length; g++) {
    const link = linkReports[g]!;
    for (let m = byLink.starts[g]!; m < byLink.starts[g + 1]!; m++) {
      const i = byLink.members[m]!;
      const slot = rangeEvents.recipient[i]!;
      if (rawSeen[slot] !== g) {
        rawSeen[slot] = g;
        link.rawUniqueClicks++;
      }
      if (eventQualified[i] === 1 && qualifiedSeen[slot] !== g) {
        qualifiedSeen[slot] = g;
        link.qualifiedUniqueClicks++;
      }
    }
  }
  let links: LinkReport[] = linkReports;
  links.sort((a, b) => b.rawClicks - a.rawClicks || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));

  const summary: CampaignSummary = {
    totalEvents: verdicts.length,
    raw: rates(rawOpeners, rawClickers, rawEngaged, delivered, ctx.hasClicks),
    qualified: rates(qualifiedOpeners, qualifiedClickers, qualifiedEngaged, delivered, ctx.hasClicks),
    byLabel,
    byReason,
    byVendor,
    links,
    scannerUnsubscribes,
    timing,
    notes: [],
  };
  if (delivered !== undefined) summary.delivered = delivered;
  if (verdicts.length > 0) {
    summary.qualifiedRanges = qualifiedRangesOf(rangeEvents, delivered);
  }
  // The ESP's own counters travel unchanged, shown beside ours as "reported by the ESP".
  if (campaign?.espTotals !== null && typeof campaign?.espTotals === 'object') summary.espTotals = { ...campaign.espTotals };

  const floor = estimateLinkFloor(campaign?.linkStats);
  if (floor !== undefined) {
    summary.linkFloor = { scannerShare: floor.scannerShare, basis: floor.basis };
    if (links.length === 0) {
      links = floor.links;
      summary.links = links;
      notes.add('Only a link table was available: per-link human clicks are estimates from the link floor.');
    }
  } else if (Array.isArray(campaign?.linkStats) && campaign.linkStats.length > 0 && links.length === 0) {
    notes.add('The link table has too few links to estimate the scanner floor.');
  }
  if (scannerUnsubscribes > 0) {
    notes.add(
      `${scannerUnsubscribes} unsubscribe-link clicks came from scanners. If unsubscribing happens on a plain GET, ` +
        'scanners may be unsubscribing people: make the link show a confirmation page first.',
    );
  }
  return { summary, recipients: engagements };
}
