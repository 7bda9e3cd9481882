// What an event cell, badge or card heading says happened. The event comes from the event's own words only: a
// link (`/email/unsubscribe?c=…`), a subject line ("Open house: bounce back") or an address in the same cell
// never decides it. ESPs also tag their own machine events ("Loaded by proxy", "Machine open", "Apple Privacy
// open", "Bot click", "Filtered"): those are opens/clicks, and the tag is the ESP's flag for the classifier.
import { isSendEventType, normalizeEventType } from '../shared/columns';
import { descendants, textOf } from './dom-walk';

export type EventWordKind =
  | 'open'
  | 'click'
  | 'delivered'
  /** Handed to the sending pipeline (processed, accepted, sent). */
  | 'sent'
  /** A machine/proxy tag without open or click ("Filtered", "Loaded by proxy"): the context says which. */
  | 'machine'
  /** A known event that is not engagement (bounce, unsubscribe, spam, deferred…). */
  | 'other-event'
  /** Not an event word at all ("New", "In progress", "Qualified"): a status of something else. */
  | 'unknown';

export interface EventWord {
  kind: EventWordKind;
  /** The words the kind was read from. */
  text: string;
  /** The ESP's own machine/proxy tag on this event, when it shows one. */
  machineTag?: string;
}

// ESP tags for events a machine made (SendGrid's sg_machine_open, HubSpot's filteredEvent, Apple Mail Privacy
// Protection labels in Mailchimp/Klaviyo/Brevo reports).
const MACHINE_WORDS =
  /\b(?:apple (?:mail )?privacy(?: protection)?|privacy protection|mail privacy|mpp|machine|bots?|robot|proxy|proxied|prefetch(?:ed)?|pre fetched|filtered|automated|auto opens?|auto clicks?|scanner|security scan)\b/;
// "Loaded by proxy", "Image loaded": the tracking image was fetched — an open.
const IMAGE_LOAD_WORDS = /\b(?:loaded|image load|pixel|image fetch(?:ed)?)\b/;
const NON_ENGAGEMENT_WORDS =
  /\b(?:bounces?|bounced|unsubscribed?|unsubscribes|opt(?:ed)? out|spam|complaint|complained|deferred|deferral|dropped|drop|blocked|rejected|failed|failure|suppressed|invalid|soft bounce|hard bounce|queued|scheduled|processed|accepted|sent|send|requested|delayed|marked as spam|resubscribed|subscribed|forwarded|replied|reply|converted|conversion|skipped|cancell?ed|error)\b/;
const URL_LIKE = /\bhttps?:\/\/\S+|\bwww\.\S+|(?:^|\s)\/[\w\-./?=&%#]+|\S+\?\S*=\S*|[\w.+'%-]+@[\w.-]+\.[a-z]{2,}/gi;

function wordsOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What one short text says happened. */
export function eventWordKind(text: string): EventWordKind {
  const clean = text.replace(URL_LIKE, ' ').trim();
  if (!clean || clean.length > 80) return 'unknown';
  const kind = normalizeEventType(clean);
  if (kind !== 'other') return kind;
  if (isSendEventType(clean)) return 'sent';
  const words = wordsOf(clean);
  if (MACHINE_WORDS.test(words)) return 'machine';
  if (IMAGE_LOAD_WORDS.test(words)) return 'machine';
  if (NON_ENGAGEMENT_WORDS.test(words)) return 'other-event';
  return 'unknown';
}

/** The ESP's machine tag in a text ("Apple Privacy open" → the text), or undefined. */
export function machineTagIn(text: string): string | undefined {
  const clean = text.replace(URL_LIKE, ' ').replace(/\s+/g, ' ').trim();
  return clean && MACHINE_WORDS.test(wordsOf(clean)) ? clean.slice(0, 128) : undefined;
}

const isDefinite = (kind: EventWordKind) => kind !== 'unknown';

/**
 * The event an event cell (or a card's heading) names. The cell's own short pieces come first — a badge
 * ("Clicked"), a tag ("Apple Privacy") — so a subject or a link beside the badge never decides the event; the
 * first piece of at most four words that names an event wins, then any piece, then the whole cell without its
 * links and addresses. A machine tag anywhere in the cell's pieces or tooltips is kept as the ESP's flag.
 */
export function eventWordOf(cell: Element | undefined): EventWord {
  if (!cell) return { kind: 'unknown', text: '' };
  const pieces: string[] = [];
  const tooltips: string[] = [];
  if (cell.childElementCount > 0) {
    // Icons and visually hidden labels are pieces too: `descendants` includes <svg>, <img> and <i>.
    for (const element of descendants(cell, 60)) {
      for (const name of ['title', 'aria-label', 'alt', 'data-tooltip']) {
        const value = element.getAttribute(name);
        if (value) tooltips.push(value);
      }
      // Leaf pieces only: a wrapper's text is its pieces together.
      if (element.childElementCount > 0) continue;
      const text = textOf(element, 100);
      if (text) pieces.push(text);
    }
  }
  const whole = textOf(cell, 200);
  let chosen: EventWord | undefined;
  const short = pieces.filter((text) => wordsOf(text.replace(URL_LIKE, ' ')).split(' ').length <= 4);
  for (const list of [short, pieces]) {
    for (const text of list) {
      const kind = eventWordKind(text);
      if (isDefinite(kind)) {
        chosen = { kind, text };
        break;
      }
    }
    if (chosen) break;
  }
  chosen ??= { kind: eventWordKind(whole), text: whole };
  // An icon-only cell (an `<svg aria-label="Clicked">`, an `<img alt="Opened">`, an `<i title="Click">`): the
  // words a screen reader would say name the event when the visible text names none.
  if (!isDefinite(chosen.kind)) {
    for (const name of ['aria-label', 'title', 'alt']) {
      const own = cell.getAttribute(name);
      if (own) tooltips.unshift(own);
    }
    const spoken = tooltips.find((text) => isDefinite(eventWordKind(text)));
    if (spoken) chosen = { kind: eventWordKind(spoken), text: spoken };
  }
  // "Machine" + "open" in two pieces: the engagement word of the cell decides the type, the tag stays the flag.
  if (chosen.kind === 'machine') {
    const engagement = [...pieces, whole].map(eventWordKind).find((kind) => kind === 'open' || kind === 'click');
    if (engagement) chosen = { kind: engagement, text: chosen.text };
  }
  // Tags are short pills ("Apple Privacy", "Bot"); a longer piece is a subject or a note that may mention one.
  const tagLike = pieces.filter((text) => wordsOf(text).split(' ').length <= 3);
  const tag = machineTagIn(chosen.text) ?? tagLike.map(machineTagIn).find(Boolean) ?? tooltips.map(machineTagIn).find(Boolean);
  return tag ? { ...chosen, machineTag: tag } : chosen;
}
