// Which campaign a report page shows, from what the page itself shows: the campaign/message id in the address
// (path, query or hash route), a subject/tag/stream filter (in the address or as a filter chip on the page), and,
// when nothing else names it, the campaign's name or heading. Rows accumulate only under one identity; viewing
// campaign B on the same ESP path (another id, filter, tag or stream) starts a fresh report instead of adding
// B's rows to A's. Pagination (`?page=2`), sorting and the Opens/Clicks tabs of one report keep the identity.
import { CAMPAIGN_FIELD_LIMITS, type CampaignIdentity } from '../shared/messages';
import type { Adapter } from '../adapters/types';
import { textOf } from './dom-walk';
import { pageTexts } from './page-facts';

/** Query/hash parameters that name the campaign or narrow the report to one (never page, sort, tab or view). */
const IDENTITY_PARAM =
  /^(?:id|cid|c|campaigns?(?:[_-]?id)?|messages?(?:[_-]?id)?|msg(?:[_-]?id)?|broadcasts?(?:[_-]?id)?|mailings?(?:[_-]?id)?|sends?(?:[_-]?id)?|single[_-]?sends?(?:[_-]?id)?|emails?(?:[_-]?id)?|newsletters?(?:[_-]?id)?|reports?(?:[_-]?id)?|blasts?(?:[_-]?id)?|flows?(?:[_-]?id)?|automations?(?:[_-]?id)?|tags?|stream|message[_-]?stream|subject|lists?(?:[_-]?id)?|segments?(?:[_-]?id)?|filters?|filter\[[^\]]*\])$/i;
/** Path words after which a segment is the campaign's id (`/campaign/312/opens`, `#/reports/8830416`). */
const ID_BEFORE = /^(?:campaigns?|reports?|messages?|broadcasts?|mailings?|sends?|single-?sends?|emails?|newsletters?|blasts?|flows?|automations?|details)$/i;
/** A segment that looks like an id by itself: a number, or a long token with digits (uuid, base62, hex). */
const ID_SHAPE = /^(?:\d{2,}|(?=[\w-]*\d)[\w-]{8,})$/;
/** A filter chip's words: "Tag: promo", "Subject is Spring sale", "Stream = Broadcasts". */
const FILTER_CHIP = /^(tags?|subject(?: line)?|stream|message stream|campaign|list|segment)\s*(?::|=|is)\s*(\S.{0,119})$/i;
const CHIP_HINT = /chip|pill|filter|tag|token|badge|facet/i;

const kindWords: Record<string, string> = { c: 'campaign', cid: 'campaign', id: 'report' };

function plainParamName(name: string): string {
  const lower = name.toLowerCase().replace(/[_-]?id$/, '').replace(/[_-]/g, ' ');
  return kindWords[name.toLowerCase()] ?? (lower || 'report');
}

/** `filters=[{"val":["Spring sale"]}]` (SendGrid) → "Spring sale"; other values as written. */
function filterValue(value: string): string {
  const trimmed = value.trim();
  if (!/^[[{]/.test(trimmed)) return trimmed;
  try {
    const found: string[] = [];
    const stack: unknown[] = [JSON.parse(trimmed)];
    while (stack.length > 0 && found.length < 20) {
      const item = stack.pop();
      if (typeof item === 'string' || typeof item === 'number') found.push(String(item));
      else if (Array.isArray(item)) for (let at = item.length - 1; at >= 0; at -= 1) stack.push(item[at]);
      else if (item && typeof item === 'object') for (const key of Object.keys(item).reverse()) stack.push((item as Record<string, unknown>)[key]);
    }
    return found.join(' ') || trimmed;
  } catch {
    return trimmed;
  }
}

interface Part {
  /** Goes into the key. */
  key: string;
  /** Shown to the user. */
  value: string;
  how: string;
}

function paramsParts(params: URLSearchParams, where: string, base: string): Part[] {
  const parts: Part[] = [];
  params.forEach((raw, name) => {
    if (!IDENTITY_PARAM.test(name) || !raw.trim()) return;
    const value = filterValue(raw).slice(0, 200);
    // The adapter's key already holds it (Mailchimp's `?id=`): nothing to add.
    if (base.includes(raw) || base.includes(value)) return;
    const kind = plainParamName(name);
    const isFilter = /tag|stream|subject|filter|list|segment/i.test(name);
    parts.push({ key: `${name.toLowerCase()}=${value}`, value, how: isFilter ? `${kind} filter '${value}' in the address` : `${kind} id ${value} in the address` });
  });
  return parts;
}

function hashParts(hash: string, base: string): Part[] {
  const route = hash.replace(/^#!?/, '');
  if (!route) return [];
  const [path = '', query = ''] = route.split('?');
  const parts: Part[] = [];
  if (path.includes('=') && !path.includes('/')) return paramsParts(new URLSearchParams(path), 'hash', base);
  const segments = path.split('/').filter(Boolean);
  segments.forEach((segment, at) => {
    const before = segments[at - 1] ?? '';
    if (!(ID_BEFORE.test(before) && /^[\w-]{1,80}$/.test(segment)) && !ID_SHAPE.test(segment)) return;
    if (base.includes(segment)) return;
    const kind = ID_BEFORE.test(before) ? before.replace(/s$/, '').toLowerCase() : 'report';
    parts.push({ key: `#${kind}=${segment}`, value: segment, how: `${kind} id ${segment} in the address` });
  });
  if (query) parts.push(...paramsParts(new URLSearchParams(query), 'hash', base));
  return parts;
}

/** Filter chips on the page ("Tag: promo ×"): outside tables, dialogs and our own elements. */
function chipParts(doc: Document, exclude: readonly Element[]): Part[] {
  if (!doc.body) return [];
  const parts: Part[] = [];
  for (const text of pageTexts(doc.body, 1500, exclude)) {
    const parent = text.parentElement;
    if (!parent || parent.closest('[role="dialog"]')) continue;
    // A chip's text may be split ("Tag:" + "<b>promo</b>"): read the smallest element holding both.
    const holder = parent.parentElement && textOf(parent, 140) === (text.nodeValue ?? '').trim() ? parent.parentElement : parent;
    // One chip's words: up to its remove mark ("Tag: promo ✕ Status: All ✕" is three chips).
    const chipText = (textOf(holder, 140).split(/\s*[×✕✖]\s*/)[0] ?? '').trim();
    const match = FILTER_CHIP.exec(chipText);
    if (!match?.[1] || !match[2]) continue;
    let chipLike = false;
    for (let element: Element | null = holder, depth = 0; element && depth < 4 && !chipLike; element = element.parentElement, depth += 1) {
      const role = element.getAttribute('role') ?? '';
      chipLike =
        ['button', 'listitem', 'option', 'status'].includes(role) ||
        CHIP_HINT.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('data-testid') ?? ''}`);
    }
    if (!chipLike) continue;
    const kind = match[1].toLowerCase().replace(/^tags$/, 'tag').replace('subject line', 'subject');
    const value = match[2].trim();
    if (parts.some((part) => part.key === `${kind}:${value}`)) continue;
    parts.push({ key: `${kind}:${value}`, value, how: `${kind} filter '${value}' on the page` });
  }
  return parts;
}

export interface IdentityInput {
  url: URL;
  doc: Document;
  adapter: Adapter;
  /** The key before identity parts: the adapter's, else the ESP and path. */
  baseKey: string;
  /** Whether the adapter's key names the campaign (it read an id from the address). */
  adapterKeyed: boolean;
  /** The campaign's name or subject as the page states it. */
  name: string | undefined;
  /** The heading of the page. */
  heading: string | undefined;
  /** Elements not to read chips from (the tables). */
  exclude: readonly Element[];
}

function pathHasId(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  return segments.some((segment, at) => ID_SHAPE.test(segment) || (at > 0 && ID_BEFORE.test(segments[at - 1]!) && /^[\w-]{2,80}$/.test(segment)));
}

/** The page's campaign identity; `fit` keeps the key within the message limit. */
export function campaignIdentity(input: IdentityInput, fit: (key: string) => string): CampaignIdentity {
  const { url, doc, baseKey } = input;
  const parts = [...paramsParts(url.searchParams, 'query', baseKey), ...hashParts(url.hash, baseKey), ...chipParts(doc, input.exclude)];
  const idInAddress = input.adapterKeyed || pathHasId(url) || parts.some((part) => / id /.test(` ${part.how} `));
  // Nothing in the address names the campaign (a dashboard whose campaign picker changes the view): its name does.
  if (!idInAddress && parts.length === 0) {
    const named = input.name ?? input.heading;
    if (named) parts.push({ key: `name:${named.slice(0, 200)}`, value: named, how: input.name ? `campaign name '${named}' on the page` : `heading '${named}'` });
  }
  const key = fit([baseKey, ...parts.map((part) => part.key)].join('|'));
  const idFromPath = /:([^:/|]+)$/.exec(baseKey)?.[1];
  const how =
    parts.map((part) => part.how).join(', ') ||
    (input.adapterKeyed && idFromPath ? `id ${idFromPath} in the address` : `the address ${url.host}${url.pathname}`);
  const label = (input.name ?? parts.find((part) => part.how.includes('filter'))?.value ?? input.heading ?? parts[0]?.value ?? idFromPath ?? url.pathname)
    .slice(0, CAMPAIGN_FIELD_LIMITS.name);
  return { key, label, how: how.slice(0, 512) };
}
