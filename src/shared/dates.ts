// Date parsing shared by the export importers and the page reader. Exports and ESP pages write times in many
// shapes (ISO 8601, Unix seconds/ms, epoch floats, "Feb 13, 2025 5:08 pm", "13/02/2025 17:08", RFC 2822,
// "5 minutes ago"); this module turns any of them into milliseconds since the epoch, UTC, or `undefined`.
// Pure: no browser or DOM globals, never throws.

export interface ParseDateOptions {
  /** IANA zone (`Europe/Berlin`) or fixed offset (`+01:00`, `-0500`) used when the text names no zone. Default UTC. */
  timeZone?: string;
  /** "Now" for relative texts (`5 minutes ago`, `yesterday at 3:04 pm`) and for dates without a year. */
  now?: number;
  /** Read an ambiguous `03/04/2025` as 3 April (true) or March 4 (false, the default). A field > 12 decides first. */
  dayFirst?: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Plausible epoch windows. A bare number is only a time when it lands between 1973 and 5138 in its unit;
// that keeps counts ("12") and years ("2025") from being read as instants.
const MIN_EPOCH_SECONDS = 1e8;
const MAX_EPOCH_SECONDS = 1e11;

const MONTHS: Record<string, number> = {};
// English, German, French, Spanish, Portuguese, Italian, Dutch month names and common abbreviations.
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'janeiro', 'gennaio', 'gen', 'januari', 'jän', 'jänner'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'fevereiro', 'fev', 'febbraio', 'februari'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'mrz', 'mär'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'luglio', 'lug'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setembro', 'set', 'settembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dezembro', 'dicembre'],
];
MONTH_NAMES.forEach((names, monthIndex) => {
  for (const name of names) MONTHS[name] = monthIndex + 1;
});

// Words that carry no date information and may sit between the parts ("Thursday, 13th of February 2025 at …").
const FILLER_WORDS = new Set([
  'at', 'on', 'the', 'of', 'um', 'à', 'a', 'le', 'de', 'del', 'el', 'om', 'alle', 'às', 'as', 'den', 'am', 'th', 'st',
  'nd', 'rd', 'er', 'h', 'uhr',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lun', 'mer', 'jeu', 'ven', 'sam', 'dim',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo',
  // Spanish and Portuguese weekday abbreviations ("sáb, 5 dic 2026", "sex., 4 de dez. de 2026"), Portuguese,
  // Italian and Dutch weekdays and the prepositions those languages put before a date or time ("em", "il", "op").
  'mié', 'mie', 'jue', 'vie', 'sáb', 'sab', 'dom', 'seg', 'ter', 'qua', 'qui', 'sex',
  'segunda', 'terça', 'terca', 'quarta', 'quinta', 'sexta', 'feira',
  'lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì', 'mercoledi', 'giovedì', 'giovedi', 'venerdì', 'venerdi',
  'sabato', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'em', 'il', 'op', 'ore', 'las',
]);

// Fixed-offset abbreviations (minutes east of UTC). IST is read as India (the common case in ESP accounts).
const ZONE_ABBREVIATIONS: Record<string, number> = {
  z: 0, utc: 0, gmt: 0, ut: 0, wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, mez: 60,
  mesz: 120, eet: 120, eest: 180, msk: 180, ist: 330, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420,
  mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210,
  ndt: -150, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660,
  nzst: 720, nzdt: 780, brt: -180, art: -180,
};
// Generic US zone names follow daylight saving, so they map to the IANA zone rather than a fixed offset.
const GENERIC_ZONES: Record<string, string> = {
  et: 'America/New_York', ct: 'America/Chicago', mt: 'America/Denver', pt: 'America/Los_Angeles',
};

/** A zone: either a fixed offset in minutes east of UTC or an IANA name. */
type Zone = { offsetMinutes: number } | { iana: string };

interface LocalFields {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Parse a date/time text into ms since the epoch (UTC). Returns undefined when the text is not a
 * recognisable date or names an impossible one (31 February, 25:00). Never throws.
 */
export function parseDate(text: string, options: ParseDateOptions = {}): number | undefined {
  try {
    if (typeof text !== 'string') return undefined;
    // Go's time.String() and `date` write the offset and then the zone's name ("+0000 UTC", "+0100 CET"):
    // the offset says it all. Java's ZonedDateTime adds "[Europe/Berlin]" after an offset the same way.
    const trimmed = text.trim().replace(/([+-]\d{2}:?\d{2}|Z)(?:\s+[A-Za-z]{2,5}|\[[A-Za-z_/+-]+\])$/, '$1');
    if (trimmed.length === 0 || trimmed.length > 120) return undefined;
    const result = parseTrimmed(trimmed, options);
    return result !== undefined && Number.isFinite(result) ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Parse a number that is an epoch in seconds, milliseconds or microseconds (decided by magnitude). */
export function epochToMs(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  if (value >= MIN_EPOCH_SECONDS && value < MAX_EPOCH_SECONDS) return Math.round(value * 1000);
  if (value >= MIN_EPOCH_SECONDS * 1e3 && value < MAX_EPOCH_SECONDS * 1e3) return Math.round(value);
  if (value >= MIN_EPOCH_SECONDS * 1e6 && value < MAX_EPOCH_SECONDS * 1e6) return Math.round(value / 1000);
  return undefined;
}

// The shape most exports write (ISO 8601 / SQL-style), read without the general machinery: it is most of
// the rows of a large file.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s?(Z|[+-]\d{2}:?\d{2})?$/i;

function parseIsoLike(match: RegExpExecArray, options: ParseDateOptions): number | undefined {
  const fields: LocalFields = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: match[4] ? Number(match[4]) : 0,
    minute: match[5] ? Number(match[5]) : 0,
    second: match[6] ? Math.min(Number(match[6]), 59) : 0,
    millisecond: match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0,
  };
  if (!validFields(fields) || fields.hour > 23 || fields.minute > 59) return undefined;
  const zoneText = match[8];
  let zone: Zone;
  if (zoneText === undefined) zone = optionZone(options.timeZone);
  else if (zoneText === 'Z' || zoneText === 'z') zone = { offsetMinutes: 0 };
  else {
    const offset = parseOffset(zoneText);
    if (offset === undefined) return undefined;
    zone = { offsetMinutes: offset };
  }
  return localToUtc(fields, zone);
}

const NON_ASCII = /[^\x00-\x7f]/;

function parseTrimmed(original: string, options: ParseDateOptions): number | undefined {
  if (/^[+-]?\d+(\.\d+)?$/.test(original)) return epochToMs(Number(original));
  const isoLike = ISO_LIKE.exec(original);
  if (isoLike) return parseIsoLike(isoLike, options);

  // Drop a trailing parenthesised zone name, as in JavaScript's Date#toString: "… GMT+0100 (Central European Time)",
  // but keep an offset written that way ("Feb 13, 2025 5:08 PM (GMT-05:00)", "(UTC+1)"): it is the zone.
  let text = original.includes('(')
    ? original.replace(/\s*\(\s*((?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\s*\)\s*$/i, ' $1').replace(/\s*\([^)]*\)\s*$/, '')
    : original;
  // "Feb 13, 2025 · 5:08 PM", "17:08 | 13 Feb 2025": a separator dot or bar between the date and the time.
  text = text.replace(/\s[·•|]\s/g, ' ');
  // NFC only matters for accented month names; most texts are ASCII and skip it.
  if (NON_ASCII.test(text)) text = text.normalize('NFC');
  if (text.includes('.')) text = text.replace(/\b([ap])\.\s?m\.?/gi, '$1m');
  text = text.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();

  const relative = parseRelative(lower, options);
  if (relative !== 'not-relative') return relative;

  const zoneSplit = splitZone(text);
  if (zoneSplit === undefined) return undefined;
  const zone = zoneSplit.zone ?? optionZone(options.timeZone);
  let rest = zoneSplit.rest.toLowerCase();
  // ISO "2025-02-13T17:08" → "2025-02-13 17:08".
  rest = rest.replace(/(\d)t(\d)/, '$1 $2');

  const time = extractTime(rest);
  if (time === null) return undefined;
  rest = time ? time.rest : rest;

  const datePart = rest.replace(/(\d)(st|nd|rd|th|er|º|ª)\b/g, '$1').trim();
  let dateFields: { year: number; month: number; day: number } | undefined;
  if (/^[\s,.]*$/.test(datePart)) {
    if (!time) return undefined;
    // A bare time ("5:08 PM"): today in the zone.
    dateFields = calendarDay(options.now ?? Date.now(), zone, 0);
  } else {
    const dayWords = /^(today|heute|aujourd'hui|hoy|hoje|oggi|yesterday|gestern|hier|ayer|ontem|ieri)\b[\s,]*$/;
    const dayWord = dayWords.exec(datePart.replace(/\b(at|um|à|a las|às|alle)\b/g, '').trim());
    if (dayWord) {
      const back = /^(today|heute|aujourd'hui|hoy|hoje|oggi)$/.test(dayWord[1] ?? '') ? 0 : 1;
      dateFields = calendarDay(options.now ?? Date.now(), zone, back);
    } else {
      dateFields = parseDatePart(datePart, options);
    }
  }
  if (!dateFields) return undefined;

  const fields: LocalFields = {
    ...dateFields,
    hour: time ? time.hour : 0,
    minute: time ? time.minute : 0,
    second: time ? time.second : 0,
    millisecond: time ? time.millisecond : 0,
  };
  if (!validFields(fields)) return undefined;
  return localToUtc(fields, zone);
}

// ---- relative texts ----

const UNIT_MS: Record<string, number> = {
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: MINUTE_MS, min: MINUTE_MS, mins: MINUTE_MS, minute: MINUTE_MS, minutes: MINUTE_MS,
  h: HOUR_MS, hr: HOUR_MS, hrs: HOUR_MS, hour: HOUR_MS, hours: HOUR_MS,
  d: DAY_MS, day: DAY_MS, days: DAY_MS, w: 7 * DAY_MS, week: 7 * DAY_MS, weeks: 7 * DAY_MS,
};

// Relative phrases in other languages: "vor 5 Minuten", "il y a 5 minutes", "hace 5 minutos", "5 minuti fa".
const FOREIGN_UNITS: Record<string, string> = {
  sekunde: 'second', sekunden: 'second', minute: 'minute', minuten: 'minute', stunde: 'hour', stunden: 'hour', tag: 'day', tagen: 'day',
  seconde: 'second', secondes: 'second', minutes: 'minute', heure: 'hour', heures: 'hour', jour: 'day', jours: 'day',
  segundo: 'second', segundos: 'second', minuto: 'minute', minutos: 'minute', hora: 'hour', horas: 'hour', dia: 'day', dias: 'day', día: 'day', días: 'day',
  secondo: 'second', secondi: 'second', minuti: 'minute', ora: 'hour', ore: 'hour', giorno: 'day', giorni: 'day',
};

function parseRelative(lower: string, options: ParseDateOptions): number | undefined | 'not-relative' {
  const now = options.now ?? Date.now();
  // date-fns' formatDistance words ("about 3 hours ago", "less than a minute ago", "over 1 year ago").
  if (/^(just now|now|a moment ago|moments ago|less than a minute ago|gerade eben|à l'instant)$/.test(lower)) return now;
  const foreign = /^(?:vor|il y a|hace)\s+(\d+|einer?|un|une|una?)\s+(\p{L}+)$|^(\d+|un|una?)\s+(\p{L}+)\s+fa$/u.exec(lower);
  if (foreign) {
    const unit = FOREIGN_UNITS[foreign[2] ?? foreign[4] ?? ''];
    const amountText = foreign[1] ?? foreign[3] ?? '';
    if (unit) return now - (/^\d+$/.test(amountText) ? Number(amountText) : 1) * (UNIT_MS[unit] ?? 0);
  }
  lower = lower.replace(/^(?:about|around|over|almost|approximately|approx\.?|~)\s*/, '');
  const ago = /^(\d+|an?|one)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago$/.exec(lower);
  if (ago) {
    const amount = /^\d+$/.test(ago[1] ?? '') ? Number(ago[1]) : 1;
    const unit = UNIT_MS[ago[2] ?? ''];
    return unit === undefined ? undefined : now - amount * unit;
  }
  return 'not-relative';
}

// ---- zones ----

/**
 * The zone a column header names for its times: "Opened At (UTC)", "Date (CET)", "Time (GMT+1)",
 * "Timestamp [America/New_York]", "Datum MEZ", "Click time ET". Returns a `timeZone` option value (offset,
 * abbreviation or IANA name) or undefined when the label names none. Never throws.
 */
export function zoneFromLabel(label: string): string | undefined {
  if (typeof label !== 'string') return undefined;
  const text = label.trim();
  const bracketed = /[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(text)?.[1];
  const trailing = /(?:^|[\s_-])((?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|[A-Za-z]{1,5})$/i.exec(text)?.[1];
  for (const candidate of [bracketed, trailing]) {
    if (candidate === undefined) continue;
    const token = candidate.replace(/\s+/g, '');
    if (parseOffset(token) !== undefined) return token;
    const lower = token.toLowerCase();
    if (ZONE_ABBREVIATIONS[lower] !== undefined) return lower === 'z' ? undefined : token;
    const generic = GENERIC_ZONES[lower];
    if (generic !== undefined) return generic;
    if (token.includes('/') && zoneOffsetMinutes(token, Date.UTC(2020, 0, 1)) !== undefined) return token;
  }
  return undefined;
}

function optionZone(timeZone: string | undefined): Zone {
  if (!timeZone) return { offsetMinutes: 0 };
  const offset = parseOffset(timeZone.trim());
  if (offset !== undefined) return { offsetMinutes: offset };
  const abbreviation = ZONE_ABBREVIATIONS[timeZone.trim().toLowerCase()];
  if (abbreviation !== undefined) return { offsetMinutes: abbreviation };
  // An unknown IANA name falls back to UTC inside zoneOffsetMinutes.
  return { iana: timeZone.trim() };
}

/** "+01:00", "-0500", "+1", "UTC+05:30", "GMT-3" → minutes east of UTC. */
function parseOffset(text: string): number | undefined {
  const match = /^(?:utc|gmt|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = match[3] ? Number(match[3]) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Split a trailing zone off the text. Returns undefined when a zone-looking suffix is invalid. */
function splitZone(text: string): { rest: string; zone?: Zone } | undefined {
  // "17:08:31Z", "17:08:31.123z"
  let match = /^(.*\d)z$/i.exec(text);
  if (match) return { rest: match[1] ?? '', zone: { offsetMinutes: 0 } };

  // "GMT+1", "UTC+05:30", "GMT-0500" anywhere after a space or digits.
  match = /^(.*?)\s*\b(utc|gmt|ut)\s*([+-]\d{1,2}(?::?\d{2})?)$/i.exec(text);
  if (match) {
    const offset = parseOffset(match[3] ?? '');
    return offset === undefined ? undefined : { rest: match[1] ?? '', zone: { offsetMinutes: offset } };
  }

  // "+0000", "-05:00" right after a time (not the "-13" of "2025-02-13").
  match = /^(.*\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[ap]m)?)\s*([+-]\d{2}(?::?\d{2})?)$/i.exec(text);
  if (match) {
    const offset = parseOffset(match[2] ?? '');
    return offset === undefined ? undefined : { rest: match[1] ?? '', zone: { offsetMinutes: offset } };
  }

  // IANA zone name: "… Europe/Berlin", "… America/Argentina/Buenos_Aires".
  match = /^(.*?)\s+([A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)$/.exec(text);
  if (match && zoneOffsetMinutes(match[2] ?? '', Date.UTC(2020, 0, 1)) !== undefined) {
    return { rest: match[1] ?? '', zone: { iana: match[2] ?? '' } };
  }

  // Abbreviation: "… EST", "… UTC", "… PT".
  match = /^(.*?)\s*\b([a-z]{1,5})$/i.exec(text);
  if (match) {
    const word = (match[2] ?? '').toLowerCase();
    const before = match[1] ?? '';
    // Only after something that ends in a digit or am/pm, so a month name like "Mar" is never a zone.
    if (/(\d|[ap]m)$/i.test(before.trim())) {
      const offset = ZONE_ABBREVIATIONS[word];
      if (offset !== undefined) return { rest: before, zone: { offsetMinutes: offset } };
      const iana = GENERIC_ZONES[word];
      if (iana !== undefined) return { rest: before, zone: { iana } };
    }
  }
  return { rest: text };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** Minutes east of UTC of an IANA zone at an instant; undefined for an unknown zone. */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number | undefined {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    offsetFormatters.set(timeZone, formatter);
  }
  if (formatter === null) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / MINUTE_MS);
}

function localToUtc(fields: LocalFields, zone: Zone): number {
  const asUtc = utcFromFields(fields);
  if ('offsetMinutes' in zone) return asUtc - zone.offsetMinutes * MINUTE_MS;
  const firstOffset = zoneOffsetMinutes(zone.iana, asUtc);
  if (firstOffset === undefined) return asUtc;
  const guess = asUtc - firstOffset * MINUTE_MS;
  const secondOffset = zoneOffsetMinutes(zone.iana, guess) ?? firstOffset;
  return asUtc - secondOffset * MINUTE_MS;
}

function utcFromFields(fields: LocalFields): number {
  // Years are validated to 1970..9999, so Date.UTC's 0-99 → 1900s rule never applies.
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
}

/** The calendar day `daysBack` days before `now`, as seen in the zone. */
function calendarDay(now: number, zone: Zone, daysBack: number): { year: number; month: number; day: number } {
  const offset = 'offsetMinutes' in zone ? zone.offsetMinutes : zoneOffsetMinutes(zone.iana, now) ?? 0;
  const local = new Date(now + offset * MINUTE_MS - daysBack * DAY_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

// ---- time of day ----

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  rest: string;
}

/** Finds "17:08", "5:08:31 pm", "17:08:31.123", "5 pm", "17h08". undefined = no time; null = invalid time. */
function extractTime(text: string): TimeOfDay | undefined | null {
  let match = /(^|[^\d:])(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(am|pm|a|p)?(?![\d:])/.exec(text);
  let hour: number;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let meridiem: string | undefined;
  if (match) {
    hour = Number(match[2]);
    minute = Number(match[3]);
    second = match[4] ? Number(match[4]) : 0;
    millisecond = match[5] ? Number(match[5].slice(0, 3).padEnd(3, '0')) : 0;
    meridiem = match[6];
    // A lone "h" separator ("17h08") must not eat a plain word.
  } else {
    match = /(^|[^\d:])(\d{1,2})\s*(am|pm)\b/.exec(text);
    if (!match) return undefined;
    hour = Number(match[2]);
    meridiem = match[3];
  }
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 60) return null;
  const start = match.index + (match[1] ?? '').length;
  const rest = text.slice(0, start) + ' ' + text.slice(match.index + match[0].length);
  return { hour, minute, second: Math.min(second, 59), millisecond, rest };
}

// ---- calendar date ----

function parseDatePart(text: string, options: ParseDateOptions): { year: number; month: number; day: number } | undefined {
  const tokens = text.split(/[\s,/.\-]+/).filter((token) => token.length > 0);
  const numbers: string[] = [];
  let monthFromName: number | undefined;
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const month = MONTHS[token] ?? MONTHS[token.replace(/\.$/, '')];
    if (month !== undefined && monthFromName === undefined) {
      monthFromName = month;
      continue;
    }
    if (FILLER_WORDS.has(token)) continue;
    return undefined; // an unknown word: not a date we understand
  }
  if (numbers.some((number) => number.length > 4)) return undefined;

  if (monthFromName !== undefined) {
    if (numbers.length === 0 || numbers.length > 2) return undefined;
    let year: number | undefined;
    let day: number | undefined;
    for (const number of numbers) {
      const value = Number(number);
      if (number.length === 4 || (value > 31 && year === undefined)) year = value;
      else if (day === undefined) day = value;
      else year = twoDigitYear(value, number.length);
    }
    if (day === undefined) return undefined;
    return withYear({ year, month: monthFromName, day }, options);
  }

  if (numbers.length === 3) {
    const [first = '', second = '', third = ''] = numbers;
    if (first.length === 4) return { year: Number(first), month: Number(second), day: Number(third) };
    if (third.length !== 4 && third.length !== 2) return undefined;
    const year = twoDigitYear(Number(third), third.length);
    const { month, day } = resolveDayMonth(Number(first), Number(second), dayFirstFor(text, options));
    return { year, month, day };
  }
  if (numbers.length === 2) {
    const [first = '', second = ''] = numbers;
    if (first.length > 2 || second.length > 2) return undefined;
    const { month, day } = resolveDayMonth(Number(first), Number(second), dayFirstFor(text, options));
    return withYear({ year: undefined, month, day }, options);
  }
  return undefined;
}

/** "13.02.2025" is day-first almost everywhere dots are used (de, ru, pl…); slashes follow the option. */
function dayFirstFor(text: string, options: ParseDateOptions): boolean {
  if (options.dayFirst !== undefined) return options.dayFirst;
  return /^\d{1,2}\.\d{1,2}\./.test(text.trim());
}

function resolveDayMonth(first: number, second: number, dayFirst: boolean): { month: number; day: number } {
  if (first > 12 && second <= 12) return { day: first, month: second };
  if (second > 12 && first <= 12) return { month: first, day: second };
  return dayFirst ? { day: first, month: second } : { month: first, day: second };
}

function twoDigitYear(value: number, digits: number): number {
  if (digits !== 2) return value;
  return value < 70 ? 2000 + value : 1900 + value;
}

/** A date without a year ("Feb 13"): the latest such date not more than a day after `now`. */
function withYear(
  fields: { year: number | undefined; month: number; day: number },
  options: ParseDateOptions,
): { year: number; month: number; day: number } {
  if (fields.year !== undefined) return { year: fields.year, month: fields.month, day: fields.day };
  const now = options.now ?? Date.now();
  const thisYear = new Date(now).getUTCFullYear();
  const candidate = Date.UTC(thisYear, fields.month - 1, fields.day);
  const year = candidate > now + DAY_MS ? thisYear - 1 : thisYear;
  return { year, month: fields.month, day: fields.day };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validFields(fields: LocalFields): boolean {
  const { year, month, day } = fields;
  if (!Number.isInteger(year) || year < 1970 || year > 9999) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1] ?? 31;
  return day <= daysInMonth;
}
