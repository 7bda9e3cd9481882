// Facts a report page states outside its table: when the campaign was sent ("Sent Feb 13, 2025 5:00 pm"),
// which time zone its times are in ("Times shown in Europe/Berlin"), and the campaign's name or subject.
import { parseDate, zoneFromLabel } from '../shared/dates';
import type { EspTotals } from '../shared/types';
import { childElements, descendants, OWN_ELEMENT_ATTRIBUTE, textOf } from './dom-walk';

// Labels that introduce the send time, as ESP report headers write them.
const SENT_LABEL =
  /^(?:sent|sent on|sent at|sent date|date sent|send date|send time|sending date|delivered|delivered on|delivery date|campaign sent|was sent|versendet am|gesendet am|envoy(?:é|ée|e|ee) le|enviado el)(?=\s|$|:)\s*[:\-–]?\s*(.*)$/i;
// A sentence that ends where the send time starts: "Webinar invite — broadcast sent <time>", "· Sent <time>",
// "Sent to Newsletter — All subscribers on <time>", "Single Send “Open House” sent <time>".
const SENT_SENTENCE_END = /(?:^|[\s·,;—–-])(?:sent|sent on|sent at|was sent|sent to .{1,80}? on|(?:sending|sent) to .{1,80}? started|started sending|versendet am|gesendet am|envoy(?:é|ée|e|ee) le|enviado el)\s*[:\-–]?\s*$/i;
// The campaign's name in that sentence: quoted, or everything before " — broadcast sent".
const QUOTED_NAME = /[“"«„‘']\s*([^”"»“’']{2,160}?)\s*[”"»“’']/;
const NAME_BEFORE_SENT = /^(.{2,160}?)\s+[—–-]\s+(?:[\p{L}-]+\s+){0,2}sent\b/iu;
// "Time zone: America/New_York", "All times in UTC", "Times shown in Europe/Berlin (UTC+01:00)".
const ZONE_NAMES: Record<string, string> = {
  eastern: 'America/New_York', central: 'America/Chicago', mountain: 'America/Denver', pacific: 'America/Los_Angeles',
  alaska: 'America/Anchorage', hawaii: 'Pacific/Honolulu', 'central european': 'Europe/Berlin', 'western european': 'Europe/Lisbon',
  'eastern european': 'Europe/Athens', 'british': 'Europe/London', 'greenwich mean': 'UTC',
};
// "Times are shown in your account time zone: Eastern Time (US & Canada)": a zone named in words.
const ZONE_NAME_STATEMENT = /(?:time ?zone|times? (?:are )?(?:shown |displayed )?in)[^.:]{0,30}[:\-]?\s*(eastern|central european|western european|eastern european|central|mountain|pacific|alaska|hawaii|british|greenwich mean)(?: standard| daylight)? time\b/i;
const ZONE_STATEMENT =
  /(?:time ?zone|zeitzone|fuseau horaire|zona horaria|fuso orario|fuso horario|fuso horário|tijdzone|times? (?:are )?(?:shown |displayed )?in|all times(?: are)? in|alle zeiten in)\s*[:\-]?\s*\(?\s*((?:[A-Z][A-Za-z_]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|UTC|GMT|[A-Z]{2,5}\b)/i;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TABLE', 'SELECT']);

/** Visible text nodes outside tables and outside our own elements, in document order, capped. */
export function pageTexts(root: Element, limit = 4000, exclude: readonly Element[] = []): Text[] {
  const texts: Text[] = [];
  const excluded = new Set(exclude);
  const walker = root.ownerDocument.createTreeWalker(root, 1 | 4 /* elements and text */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        const element = node as Element;
        const role = element.getAttribute('role');
        // A table marked as layout (role="presentation"/"none", https://www.w3.org/TR/wai-aria-1.2/#presentation)
        // holds the page itself: old CRMs put the heading and the send sentence in layout cells.
        if (SKIP.has(element.tagName.toUpperCase()) && !(element.tagName.toUpperCase() === 'TABLE' && isLayoutTable(element))) return 2;
        if (element.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) return 2;
        if (excluded.has(element)) return 2;
        if (role === 'grid' || role === 'table' || role === 'row') return 2;
        return 3; // skip the element itself, visit its children
      }
      return (node.textContent ?? '').trim() ? 1 : 3;
    },
  });
  for (let node = walker.nextNode(); node && texts.length < limit; node = walker.nextNode()) texts.push(node as Text);
  return texts;
}

const isLayoutTable = (table: Element) => /^(?:presentation|none)$/i.test(table.getAttribute('role') ?? '');

function nextText(text: Text): string {
  // The value sits right after the label (`Sent <strong>date</strong>`), in the label's next sibling element,
  // or in the element after the label's parent (`<dt>Sent</dt><dd>date</dd>` inside wrappers).
  let sibling = text.nextSibling;
  while (sibling && sibling.nodeType !== 1 && !(sibling.textContent ?? '').trim()) sibling = sibling.nextSibling;
  if (sibling?.nodeType === 1) {
    const value = textOf(sibling as Element, 200);
    if (value) return value.slice(0, 200);
  }
  const parent = text.parentElement;
  const candidates = [parent?.nextElementSibling, parent?.parentElement?.nextElementSibling];
  for (const candidate of candidates) {
    const value = textOf(candidate ?? undefined, 200);
    if (value) return value.slice(0, 200);
  }
  return '';
}

/**
 * A `<time datetime>` (or any [datetime]) at the label or right beside it: `<span>Sent</span><time datetime=…>`.
 * Looks only at small neighbourhoods, never a whole page section (a 10 000-row table may sit next door).
 */
function machineTimeNear(text: Text): string | undefined {
  const parent = text.parentElement;
  if (!parent) return undefined;
  const near = [parent, parent.parentElement, parent.nextElementSibling, parent.parentElement?.nextElementSibling];
  for (const element of near) {
    if (!element || element.childElementCount > 8) continue;
    if (element.hasAttribute('datetime')) return element.getAttribute('datetime') ?? undefined;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (child.hasAttribute('datetime')) return child.getAttribute('datetime') ?? undefined;
    }
  }
  return undefined;
}

export function findTimeZone(doc: Document): string | undefined {
  if (!doc.body) return undefined;
  for (const text of pageTexts(doc.body)) {
    // The statement is often split over spans ("<span>Times shown in</span> <span>Europe/Berlin</span>").
    const own = (text.textContent ?? '').replace(/\s+/g, ' ');
    const parent = textOf(text.parentElement?.parentElement ?? undefined, 161);
    for (const candidate of parent.length <= 160 ? [own, parent] : [own]) {
      const named = ZONE_NAME_STATEMENT.exec(candidate)?.[1];
      if (named) return ZONE_NAMES[named.toLowerCase()];
      const match = ZONE_STATEMENT.exec(candidate);
      if (match?.[1]) return match[1].replace(/\s+/g, '');
    }
  }
  return undefined;
}

// A send verb inside a longer sentence, in the languages ESP consoles ship in: "Regular campaign · Sent Sat, …",
// "Email sent 04/12/2026 …", "Versendet am …", "Enviado em/el …", "Envoyée le …", "Inviata il …", "Verzonden op …",
// "送信日時: …", "配信日時: …". What follows is the time, then the rest of the sentence ("to 4 recipients").
const SEND_VERB =
  /(?:^|[\s·•・,;:—–|(-])(?:sent|versendet|gesendet|verschickt|verzonden|verstuurd|envoy(?:é|ée|e|ee)|enviad[oa]|inviat[oa]|送信日時|送信日|配信日時|配信日)(?=[\s:：]|$)(?:\s+(?:on|at|am|um|le|el|em|il|op))?\s*[:：\-–]?\s*/giu;
// Zones named in words inside the bracket after a send time ("(Horário de Brasília, UTC-03:00)", "(Pacific Time)").
// Brasília time is UTC-03:00 all year since Brazil dropped daylight saving in 2019
// (https://www.planalto.gov.br/ccivil_03/_ato2019-2022/2019/decreto/D9772.htm).
const WORD_ZONES: ReadonlyArray<[RegExp, string]> = [
  [/hor[áa]rio de bras[íi]lia|bras[íi]lia time/i, 'America/Sao_Paulo'],
  [/\bcentral european\b|\bmitteleurop/i, 'Europe/Berlin'],
  [/\bpacific\b/i, 'America/Los_Angeles'],
  [/\beastern\b/i, 'America/New_York'],
  [/\bmountain\b/i, 'America/Denver'],
  [/\bcentral\b/i, 'America/Chicago'],
];

/** The zone a bracket after a time names, as a token `parseDate` reads at the end of a text; '' when none. */
function bracketZone(inner: string): string {
  const offset = /(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?/i.exec(inner)?.[0];
  if (offset) return offset.replace(/\s+/g, '');
  const label = zoneFromLabel(`(${inner.trim()})`);
  if (label) return label;
  for (const [pattern, zone] of WORD_ZONES) if (pattern.test(inner)) return zone;
  return '';
}

/**
 * The time at the start of the words after a send verb: "Dec 5, 2026 11:00 AM (UTC) · 4 sent" → "Dec 5, 2026 11:00
 * AM UTC". Brackets become the zone they name, separators (·, |, —, ・) end the time, Japanese 年月日/時分 become
 * digits; then the longest run of leading words that reads as a date wins. Only a text with a clock time (or a
 * relative one) counts: a bare date would put the send at midnight.
 */
export function leadingSendTime(
  words: string,
  options: { timeZone?: string; now: number; dayFirst?: boolean },
): { sentAt: number; text: string; zoned: boolean } | undefined {
  const normalised = words
    .slice(0, 200)
    .replace(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, '$1/$2/$3 ')
    .replace(/午前\s*(\d{1,2})\s*[:時]\s*(\d{2})\s*分?/g, '$1:$2 am')
    .replace(/午後\s*(\d{1,2})\s*[:時]\s*(\d{2})\s*分?/g, '$1:$2 pm')
    .replace(/(\d{1,2})\s*時\s*(\d{2})\s*分?/g, '$1:$2')
    // "18:45 Uhr (MEZ)": the German clock word sits between the time and its zone.
    .replace(/(\d{1,2}:\d{2}(?::\d{2})?)\s*uhr\b/gi, '$1')
    .replace(/[(（]([^()（）]{1,80})[)）]/g, (_all, inner: string) => ` ${bracketZone(inner)} `)
    .split(/\s[·•|—–]\s|・|\s\|/)[0] ?? '';
  const tokens = normalised.split(/\s+/).filter((token) => token.length > 0).slice(0, 14);
  for (let count = tokens.length; count > 0; count -= 1) {
    const candidate = tokens.slice(0, count).join(' ').replace(/[,.;:]+$/, '');
    if (!/\d/.test(candidate)) continue;
    if (!/\d\s*[:h時]\s*\d{2}|\d\s*[ap]\.?m\b|\bago\b|\bvor\b|\bhace\b|\bil y a\b|\bfa$/i.test(candidate)) continue;
    const sentAt = parseDate(candidate, options);
    if (sentAt === undefined) continue;
    // The text names its zone when two different assumed zones read it as the same instant.
    const zoned = parseDate(candidate, { ...options, timeZone: '+00:00' }) === parseDate(candidate, { ...options, timeZone: '+05:00' });
    return { sentAt, text: candidate, zoned };
  }
  return undefined;
}

/** The campaign's send time from a "Sent …" label, ms UTC. */
export function findSendTime(
  doc: Document,
  options: { timeZone?: string; now: number; dayFirst?: boolean },
  exclude: readonly Element[] = [],
): number | undefined {
  return findSendLabel(doc, options, exclude)?.sentAt;
}

/**
 * The zone the "Sent …" label names ("Sent on February 13, 2025 12:00 PM EST"). Report tables write their times
 * without a zone in the account's zone, and the send label is often the one place the page names it.
 */
export function findSendLabelZone(doc: Document, options: { now: number; dayFirst?: boolean }, exclude: readonly Element[] = []): string | undefined {
  const label = findSendLabel(doc, options, exclude);
  if (!label) return undefined;
  // The send time came from a machine-readable `datetime`; the words around it still say the account's zone
  // ("Sent Wednesday 4 November 2026 at 3:30:00 pm (GMT+10:00) Brisbane", "… 09:00 Uhr (Europe/Berlin)").
  if (/^\d{4}-\d{2}-\d{2}T/.test(label.text)) {
    const stated = /[([]\s*((?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\s*[)\]]/i.exec(label.context)?.[1];
    return stated ? zoneFromLabel(`(${stated})`) : undefined;
  }
  // The zone may sit in its own element after the time: "<span>Sent</span><span>…12:00 PM</span><span>(America/New_York)</span>".
  return zoneFromLabel(label.text) ?? (label.context.length <= 160 ? zoneFromLabel(label.context) : undefined);
}

function findSendLabel(
  doc: Document,
  options: { timeZone?: string; now: number; dayFirst?: boolean },
  exclude: readonly Element[] = [],
): { sentAt: number; text: string; context: string } | undefined {
  if (!doc.body) return undefined;
  const dateOptions = { timeZone: options.timeZone, now: options.now, dayFirst: options.dayFirst };
  for (const text of pageTexts(doc.body, 4000, exclude)) {
    const value = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    // "<strong>Sending</strong> to VIP customers · started <time>": a send in progress started then.
    const sendingStarted = /(?:^|[\s·,;])started\s*$/i.test(value) && /\bsending\b/i.test(textOf(text.parentElement ?? undefined, 200));
    if ((SENT_SENTENCE_END.test(value) || sendingStarted) && !SENT_LABEL.test(value)) {
      // The time is the element right after the sentence (a `<time datetime>` or the date's own span).
      let next = text.nextSibling;
      while (next && next.nodeType !== 1 && !(next.textContent ?? '').trim()) next = next.nextSibling;
      const element = next?.nodeType === 1 ? (next as Element) : undefined;
      const candidate = element?.getAttribute('datetime') ?? (element ? textOf(element, 80) : '');
      const parsed = candidate ? parseDate(candidate, dateOptions) : undefined;
      if (parsed !== undefined) return { sentAt: parsed, text: candidate, context: textOf(text.parentElement ?? undefined, 300) };
      continue;
    }
    const match = SENT_LABEL.exec(value.replace(/^[·•・,;:—–|\s-]+/, ''));
    if (!match) {
      const loose = looseSendTime(text, value, dateOptions);
      if (loose) return loose;
      continue;
    }
    const rest = (match[1] ?? '').replace(/^on\s+/i, '').replace(/\s+at\s+/i, ' ').trim();
    const candidates = [rest];
    const leading = rest ? leadingSendTime(rest, dateOptions)?.text : undefined;
    if (leading) candidates.push(leading);
    // The statement's element may carry the exact time: `<span title="2026-12-05T15:00:00Z">Sent 2 days ago</span>`.
    const titled = text.parentElement?.getAttribute('title');
    if (titled) candidates.unshift(titled);
    // Only look beside the label when the label stands alone ("Sent" + date in the next element).
    if (!rest || parseDate(rest, dateOptions) === undefined) candidates.push(nextText(text).replace(/\s+at\s+/i, ' '));
    const machine = machineTimeNear(text);
    if (machine) candidates.unshift(machine);
    for (const candidate of candidates) {
      const parsed = candidate ? parseDate(candidate, dateOptions) : undefined;
      if (parsed !== undefined) return { sentAt: parsed, text: candidate, context: textOf(text.parentElement?.parentElement ?? undefined, 161) };
    }
  }
  return undefined;
}

/**
 * A send verb inside the text ("Campaña regular · Enviado el sáb, 5 dic 2026 10:00 (CET) a 3 destinatarios"). Taken
 * only when the time names its zone or the page states one: a mid-sentence time with neither may be on any clock,
 * and such sentences also describe test sends and schedules ("Test sent Tue 9:00 AM; winner sent to the rest at 1 PM").
 */
function looseSendTime(
  text: Text,
  value: string,
  options: { timeZone?: string; now: number; dayFirst?: boolean },
): { sentAt: number; text: string; context: string } | undefined {
  SEND_VERB.lastIndex = 0;
  for (let verb = SEND_VERB.exec(value); verb; verb = SEND_VERB.exec(value)) {
    const found = leadingSendTime(value.slice(verb.index + verb[0].length), options);
    if (found && (found.zoned || options.timeZone)) return { sentAt: found.sentAt, text: found.text, context: textOf(text.parentElement ?? undefined, 300) };
  }
  return undefined;
}

// The label alone (value in the next element) or followed by a colon: "Campaign Monitor" is not a label.
const SUBJECT_LABEL = /^(?:subject|subject line|campaign|campaign name|email name)(?:\s*:\s*(.*)|\s*)$/i;

// Headings that name the page, not the campaign ("Activity", "Email Activity", "Logs").
const GENERIC_HEADING_PREFIX = /^(?:email |message |recipient |campaign )?(?:activity|activities|logs?|reports?|email activity)\s+[—–:|-]\s+/i;
const GENERIC_HEADING = /^(?:email |message |recipient |campaign )?(?:activity|activities|logs?|reports?|recipients?|messages?|events?|overview|dashboard|campaigns?|details|email activity|statistics|analytics)$/i;
// The same page names in the languages the consoles ship in ("Actividad del destinatario", "受信者アクティビティ").
const GENERIC_HEADING_OTHER =
  /^(?:actividad(?: del destinatario| de (?:los )?destinatarios)?|atividade(?: do destinatário| dos destinatários)?|aktivität(?:en)?|empfängeraktivität|activité(?: des destinataires)?|attività(?: dei destinatari)?|activiteit|protokolle|logs?|destinatarios|destinatários|empfänger|destinataires|informe|relatório|bericht|rapport|受信者アクティビティ|アクティビティ|受信者|レポート)$/i;

/**
 * The campaign's name: the one the send sentence names ("Single Send “Spring sale” sent …", "Spring sale —
 * broadcast sent …"), else the page's main heading unless it only names the page ("Activity"), else a
 * "Subject:"/"Campaign:" label (a picker's selected option), else the heading.
 */
export function findCampaignName(doc: Document, exclude: readonly Element[] = []): string | undefined {
  if (!doc.body) return undefined;
  const texts = pageTexts(doc.body, 600, exclude);
  for (const text of texts) {
    const value = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!SENT_SENTENCE_END.test(value)) continue;
    const before = value.replace(SENT_SENTENCE_END, '');
    const named = QUOTED_NAME.exec(before)?.[1] ?? NAME_BEFORE_SENT.exec(value)?.[1];
    if (named && !/^(?:subject|email|campaign)\b/i.test(named)) return named.trim().slice(0, 300);
  }
  // The send sentence split over elements: "<strong>Broadcast “December statement ready”</strong> — Sent …",
  // "Single send “Winter Sale” · <span>Sent …</span>": a quoted name before the send verb of the whole block.
  const blocks = new Set<Element>();
  for (const text of texts) {
    const block = text.parentElement?.closest('p, li, div, header, section, dd, td');
    if (!block || blocks.has(block)) continue;
    blocks.add(block);
    const sentence = textOf(block, 301);
    if (sentence.length > 300) continue;
    SEND_VERB.lastIndex = 0;
    const verb = SEND_VERB.exec(sentence);
    if (!verb) continue;
    const named = QUOTED_NAME.exec(sentence.slice(0, verb.index))?.[1];
    if (named && !/^(?:subject|email|campaign)\b/i.test(named)) return named.trim().slice(0, 300);
  }
  const crumb = breadcrumbCampaign(texts);
  // "Email Activity — Release notes": the page's name, then the campaign's.
  const heading = textOf(doc.querySelector('h1') ?? undefined, 300).replace(GENERIC_HEADING_PREFIX, '');
  let labelled: string | undefined;
  for (const text of texts) {
    const match = SUBJECT_LABEL.exec((text.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (!match) continue;
    const selected = text.parentElement?.querySelector('select option:checked, select option[selected]');
    labelled = ((match[1] ?? '').trim() || (selected ? textOf(selected, 300) : nextText(text))).slice(0, 300) || undefined;
    if (labelled) break;
  }
  // A subject that extends the heading ("Spring sale" → "Spring sale: 20 % off") says more; another subject
  // beside a named heading is the message's subject line, not the campaign's name.
  if (heading && !GENERIC_HEADING.test(heading) && !GENERIC_HEADING_OTHER.test(heading) && !(labelled && labelled.startsWith(heading)) && !(crumb && crumb !== heading)) return heading.slice(0, 300);
  return crumb ?? labelled ?? (heading ? heading.slice(0, 300) : undefined);
}

// Breadcrumb items that name a list of campaigns: the item after one names the campaign ("Campaigns › Spring
// sale › Reports", "Kampagnen › Adventsaktion 2026 › Bericht", "Informes › Café de Navidad", "キャンペーン › 冬のブレンド").
const CAMPAIGN_LIST_CRUMB =
  /^(?:(?:email |e-mail )?campaigns?|kampagnen|campañas|campanhas|campagnes|campagne|campagna|campagne|キャンペーン|キャンペーン一覧|reports?|informes|berichte|rapports|relatórios|rapporti|rapporten|emails?|e-mails?|broadcasts?|newsletters?|mailings?|single sends?)$/i;
const BREADCRUMB_SEPARATOR = /\s*[›»>]\s*/;

/** The campaign a breadcrumb names: the item right after a campaigns/reports item, not itself such an item. */
function breadcrumbCampaign(texts: readonly Text[]): string | undefined {
  const seen = new Set<Element>();
  for (const text of texts) {
    const element = text.parentElement;
    if (!element || seen.has(element)) continue;
    seen.add(element);
    if (!BREADCRUMB_SEPARATOR.test(text.textContent ?? '') && !element.closest('nav, [aria-label*="breadcrumb" i]')) continue;
    const trail = element.closest('nav, [aria-label*="breadcrumb" i], ol, ul') ?? element;
    const line = textOf(trail, 301);
    if (line.length > 300) continue;
    const items = line.split(BREADCRUMB_SEPARATOR).map((item) => item.trim()).filter((item) => item.length > 0);
    if (items.length < 2) continue;
    let found: string | undefined;
    for (let at = 0; at + 1 < items.length; at += 1) {
      const next = items[at + 1]!;
      if (CAMPAIGN_LIST_CRUMB.test(items[at]!) && !CAMPAIGN_LIST_CRUMB.test(next) && !GENERIC_HEADING.test(next) && !GENERIC_HEADING_OTHER.test(next)) found = next;
    }
    if (found) return found.slice(0, 300);
  }
  return undefined;
}

/** The value shown next to a label ("To: ada@example.com", a definition list, a label/value pair of spans). */
export function textAfterLabel(root: Element | Document, label: RegExp): string | undefined {
  const body = 'body' in root ? root.body : root;
  if (!body) return undefined;
  for (const text of pageTexts(body, 2000)) {
    const value = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    const match = label.exec(value);
    if (!match || match.index !== 0) continue;
    const rest = value.slice(match[0].length).replace(/^\s*[:\-–]\s*/, '').trim();
    const found = rest || nextText(text);
    if (found) return found;
  }
  return undefined;
}

/** The first email address in a text. */
export function emailIn(text: string | undefined): string | undefined {
  return text ? /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/i.exec(text)?.[0]?.toLowerCase() : undefined;
}

// "4 delivered", "(4 delivered, 1 soft bounce)", "4 zugestellt": the count the ESP says was delivered.
const COUNT_DELIVERED =
  /(?:^|[\s(·,;])(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)\s+(?:delivered|zugestellt|délivrés?|delivres?|livrés?|entregados?|consegnati|afgeleverd)\b/i;
// "Sent … to 2,418 subscribers", "Delivered to 1,204 recipients": the denominator of the rates. ("Sent to 5
// contacts" names the audience a send targeted, bounces included: not counted as delivered.)
const DELIVERED_COUNT = /\b(?:delivered|sent)\b[^.]{0,60}?\bto\s+(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)\s+(?:recipients|subscribers|people|addresses)\b/i;
// "Zugestellt: 4", "Entregados: 3", "Entregues: 4", "Delivered 5", "配信済み 3": the label, then the number.
const DELIVERED_LABEL_COUNT =
  /(?:^|[\s(·•・,;|])(?:delivered|zugestellt|entregados|entregues|entregue|délivrés|delivres|livrés|consegnati|afgeleverd|bezorgd|配信済み|配信完了)\s*[:：]?\s*(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)(?![\d:/.-]|\s*%|\s+\p{L}+\.?,?\s+\d{4})/iu;

// "· 4 destinataires", "to 4 recipients" with no delivered figure: the recipients the campaign went to.
const RECIPIENT_COUNT = /(?:^|[\s(·,;])(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)\s+(?:destinataires|empfänger|destinatarios|destinatari|ontvangers)\b/i;


/**
 * The count the page states and what it counts: `delivered` when the page says delivered ("4 delivered",
 * "Zugestellt: 4", "(all delivered)"), `audience` when it only says whom the send went to ("Sent … to 5 recipients",
 * "an 4 Empfänger"): that figure includes bounces, so a reader that sees bounced rows can take them off.
 */
export function findDeliveredStatement(
  doc: Document,
  exclude: readonly Element[] = [],
): { count: number; basis: 'delivered' | 'audience' } | undefined {
  if (!doc.body) return undefined;
  for (const text of pageTexts(doc.body, 2000, exclude)) {
    // The number is often in its own element: read the sentence from the enclosing block.
    const block = textOf(text.parentElement?.closest('p, li, div, header, section, dd, td') ?? undefined, 300);
    const delivered = COUNT_DELIVERED.exec(block) ?? DELIVERED_LABEL_COUNT.exec(block);
    const sentTo = delivered ? undefined : DELIVERED_COUNT.exec(block);
    const match = delivered ?? sentTo ?? RECIPIENT_COUNT.exec(block);
    if (!match?.[1]) continue;
    const count = Number(match[1].replace(/[^\d]/g, ''));
    if (!Number.isFinite(count) || count <= 0) continue;
    const saysDelivered = delivered !== null || /^delivered/i.test(sentTo?.[0] ?? '') || /\ball (?:were )?delivered\b/i.test(block);
    return { count, basis: saysDelivered ? 'delivered' : 'audience' };
  }
  return undefined;
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LEGEND']);
const isHeading = (element: Element) => HEADING_TAGS.has(element.tagName.toUpperCase()) || element.getAttribute('role') === 'heading';
const isSelectedTab = (element: Element) =>
  element.getAttribute('role') === 'tab' && (element.getAttribute('aria-selected') === 'true' || element.getAttribute('aria-current') === 'page');

/**
 * What the titles around a table say its rows are, when the table has no event column: Campaign Monitor and
 * ActiveCampaign put an "Opened" / "Clicked" heading over a table of address + time, and tabbed reports mark
 * the current tab. Looks only at the table's caption/label and at small elements just before the table or its
 * wrappers (bounded walks, no selector scan: the table itself may hold 10 000 rows).
 */
export function headingAbove(table: Element): string[] {
  const texts: string[] = [];
  const label = table.getAttribute('aria-label');
  if (label) texts.push(label);
  const caption = table.tagName === 'TABLE' ? childElements(table).find((child) => child.tagName === 'CAPTION') : undefined;
  if (caption) texts.push(textOf(caption, 80));
  let heading: string | undefined;
  let tab: string | undefined;
  let element: Element | null = table;
  for (let depth = 0; element && depth < 6 && (heading === undefined || tab === undefined); depth += 1, element = element.parentElement) {
    let sibling = element.previousElementSibling;
    for (let steps = 0; sibling && steps < 6; steps += 1, sibling = sibling.previousElementSibling) {
      const near = [sibling, ...descendants(sibling, 60)];
      if (heading === undefined && depth < 4) {
        const found = near.find(isHeading);
        if (found) heading = textOf(found, 80);
      }
      if (tab === undefined) {
        const found = near.find(isSelectedTab);
        if (found) tab = textOf(found, 80);
      }
    }
  }
  for (const text of [heading, tab]) if (text) texts.push(text);
  return texts.filter((text) => text.length > 0 && text.length <= 80);
}

// The ESP's own counters beside the report ("Recipients 4", "Opened 61", "Unique clicks 12"): shown next to ours as
// "reported by the ESP", never used to compute anything.
const TOTAL_LABELS: ReadonlyArray<[RegExp, keyof EspTotals]> = [
  [/^(?:recipients|sent|emails sent|total recipients|empfänger|destinataires|destinatarios)$/i, 'recipients'],
  [/^(?:delivered|successful deliveries|deliveries|zugestellt|délivrés|delivres|entregados)$/i, 'delivered'],
  [/^(?:unique opens|unique opened|opened \(unique\)|unique open|eindeutige öffnungen|ouvertures uniques)$/i, 'uniqueOpens'],
  [/^(?:opens|opened|total opens|öffnungen|geöffnet|ouvertures|aperturas)$/i, 'opens'],
  [/^(?:unique clicks|unique clicked|clicked \(unique\)|eindeutige klicks|clics uniques)$/i, 'uniqueClicks'],
  [/^(?:clicks|clicked|total clicks|klicks|geklickt|clics|cliques)$/i, 'clicks'],
];
const COUNT_VALUE = /^(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)(?:\s*\(.*\))?$/;

/** The ESP's counters the page shows as label + number (a KPI strip, a stats list), or undefined. */
export function findEspTotals(doc: Document, exclude: readonly Element[] = []): EspTotals | undefined {
  if (!doc.body) return undefined;
  const totals: EspTotals = {};
  for (const text of pageTexts(doc.body, 2000, exclude)) {
    const value = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (value.length > 40) continue;
    // "Opened 61" in one text, or the label with its number in the next element.
    const inline = /^(.*?\D)\s+(\d[\d,.\u202f\u00a0 ]*)$/.exec(value);
    const label = inline ? inline[1]!.trim() : value;
    const field = TOTAL_LABELS.find(([pattern]) => pattern.test(label))?.[1];
    if (!field || totals[field] !== undefined) continue;
    const number = COUNT_VALUE.exec(inline ? inline[2]!.trim() : nextText(text).trim())?.[1];
    if (!number) continue;
    const count = Number(number.replace(/[^\d]/g, ''));
    if (Number.isFinite(count)) totals[field] = count;
  }
  return Object.keys(totals).length > 0 ? totals : undefined;
}

// "Account: Northwind EU", "Sub-account: Retail": the ESP account or sub-account the report belongs to.
const ACCOUNT_LABEL = /^(?:sub-?account|subaccount|account|workspace|organization|organisation|brand|client)\s*[:\-–]?\s*(.*)$/i;

/** The account or sub-account the page shows (a labelled value or an account switcher), or undefined. */
export function findAccount(doc: Document, exclude: readonly Element[] = []): string | undefined {
  if (!doc.body) return undefined;
  const switcher = doc.querySelector('[aria-label*="account" i][aria-haspopup], [data-testid*="account-switcher" i], [aria-label*="switch account" i]');
  const switched = switcher ? textOf(switcher, 120).trim() : '';
  if (switched && switched.length <= 120) return switched;
  for (const text of pageTexts(doc.body, 600, exclude)) {
    const match = ACCOUNT_LABEL.exec((text.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (!match) continue;
    const value = (match[1] ?? '').trim() || nextText(text);
    if (value && value.length <= 120 && !/^\d+$/.test(value)) return value;
  }
  return undefined;
}
