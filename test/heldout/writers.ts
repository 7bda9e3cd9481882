// Writes a held-out campaign as four export formats with their documented field names (conventions §4).
// Each writer returns the file text and, for every open/click event, the 0-based record index it was written
// at (the CLI's `index` / the importer's `sourceIndex`), so verdicts can be matched to the truth. Independent of
// test/generator/formats.ts on purpose (see generator.ts): the held-out files are written by code the team's
// generator does not share.
import type { HeldoutCampaign, TruthEvent } from './generator';

export type FormatName = 'sendgrid' | 'mailgun' | 'postmark' | 'csv';
export const FORMATS: FormatName[] = ['sendgrid', 'mailgun', 'postmark', 'csv'];

export interface Written {
  fileName: string;
  text: string;
  /** record index → event (engagement records only) */
  indexToEvent: Map<number, TruthEvent>;
}

type Row = { kind: 'processed' | 'delivered'; at: number; recipient: HeldoutCampaign['recipients'][number] } | { kind: 'event'; at: number; event: TruthEvent };

/** processed (send) + delivered + engagement records in time order, as an ESP log would list them. */
function timeline(c: HeldoutCampaign, withProcessed: boolean): Row[] {
  const rows: Row[] = [];
  for (const r of c.recipients) {
    if (withProcessed) rows.push({ kind: 'processed', at: c.sentAt, recipient: r });
    rows.push({ kind: 'delivered', at: r.deliveredAt, recipient: r });
  }
  for (const e of c.events) rows.push({ kind: 'event', at: e.at, event: e });
  const order = { processed: 0, delivered: 1, event: 2 };
  return rows.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
}

function idGen(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString(36).padStart(8, '0')}`;
}

export function writeSendGrid(c: HeldoutCampaign): Written {
  const out: unknown[] = [];
  const map = new Map<number, TruthEvent>();
  const id = idGen('sgev');
  for (const row of timeline(c, true)) {
    if (row.kind !== 'event') {
      out.push({ email: row.recipient.email, timestamp: Math.floor(row.at / 1000), event: row.kind, 'smtp-id': row.recipient.messageId, sg_event_id: id(), sg_message_id: `${row.recipient.messageId.slice(1, 20)}.filter0001`, ...(row.kind === 'delivered' ? { response: '250 2.0.0 OK', ip: '149.72.1.10' } : {}) });
      continue;
    }
    const e = row.event;
    map.set(out.length, e);
    const rec: Record<string, unknown> = { email: e.recipient, timestamp: Math.floor(e.at / 1000), event: e.type, ip: e.ip, useragent: e.userAgent, sg_event_id: id(), sg_message_id: `${e.messageId.slice(1, 20)}.filter0001` };
    if (e.type === 'click') rec.url = e.url;
    if (e.type === 'open') rec.sg_machine_open = e.espBot === 'apple';
    out.push(rec);
  }
  return { fileName: `${c.name}-sendgrid.json`, text: JSON.stringify(out, null, 1), indexToEvent: map };
}

function clientInfo(ua: string, bot: string): Record<string, string> {
  const mobile = /iPhone|Android/.test(ua);
  return {
    'client-type': /ProxY|Proxy/.test(ua) ? 'webmail' : mobile ? 'mobile browser' : 'browser',
    'client-os': /Windows/.test(ua) ? 'Windows' : /iPhone/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Mac OS/.test(ua) ? 'OS X' : 'unknown',
    'device-type': mobile ? 'mobile' : 'desktop',
    'client-name': /Chrome/.test(ua) ? 'Chrome' : /Firefox/.test(ua) ? 'Firefox' : /Safari/.test(ua) ? 'Safari' : 'unknown',
    'user-agent': ua,
    bot,
  };
}

export function writeMailgun(c: HeldoutCampaign): Written {
  const items: unknown[] = [];
  const map = new Map<number, TruthEvent>();
  const id = idGen('mgev');
  for (const row of timeline(c, true)) {
    if (row.kind !== 'event') {
      const r = row.recipient;
      items.push({
        id: id(),
        event: row.kind === 'processed' ? 'accepted' : 'delivered',
        timestamp: row.at / 1000,
        recipient: r.email,
        'recipient-domain': r.email.split('@')[1],
        message: { headers: { 'message-id': r.messageId.slice(1, -1), subject: `News ${c.name}` } },
        ...(row.kind === 'delivered' ? { 'delivery-status': { code: 250, message: 'OK', 'mx-host': r.mxHost, 'attempt-no': 1 } } : {}),
      });
      continue;
    }
    const e = row.event;
    map.set(items.length, e);
    items.push({
      id: id(),
      event: e.type === 'open' ? 'opened' : 'clicked',
      timestamp: e.at / 1000,
      recipient: e.recipient,
      ip: e.ip,
      geolocation: { country: 'US', region: 'Unknown', city: 'Unknown' },
      'client-info': clientInfo(e.userAgent, e.espBot ?? ''),
      ...(e.type === 'click' ? { url: e.url } : {}),
      message: { headers: { 'message-id': e.messageId.slice(1, -1) } },
    });
  }
  return { fileName: `${c.name}-mailgun.json`, text: JSON.stringify({ items, paging: {} }, null, 1), indexToEvent: map };
}

export function writePostmark(c: HeldoutCampaign): Written {
  const out: unknown[] = [];
  const map = new Map<number, TruthEvent>();
  const msgUuid = (m: string): string => {
    let h = 0;
    for (const ch of m) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    const hex = (h.toString(16) + '00000000').slice(0, 8);
    return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`;
  };
  const firstOpenSeen = new Set<string>();
  for (const row of timeline(c, false)) {
    if (row.kind === 'delivered') {
      const r = row.recipient;
      out.push({ RecordType: 'Delivery', ServerID: 23, MessageStream: 'broadcast', MessageID: msgUuid(r.messageId), Recipient: r.email, Tag: c.name, DeliveredAt: new Date(row.at).toISOString(), Details: 'Test delivery webhook details', Metadata: {} });
      continue;
    }
    if (row.kind !== 'event') continue;
    const e = row.event;
    map.set(out.length, e);
    const geo = { IP: e.ip, City: '', Country: 'United States', CountryISOCode: 'US', Region: '', RegionISOCode: '', Zip: '', Coords: '' };
    const client = { Name: /GoogleImageProxy/.test(e.userAgent) ? 'Gmail' : 'Unknown', Company: 'Unknown', Family: 'Unknown' };
    const os = { Name: 'Unknown', Company: 'Unknown', Family: 'Unknown' };
    if (e.type === 'open') {
      const first = !firstOpenSeen.has(e.recipient);
      firstOpenSeen.add(e.recipient);
      out.push({ RecordType: 'Open', MessageStream: 'broadcast', FirstOpen: first, Client: client, OS: os, Platform: /iPhone|Android/.test(e.userAgent) ? 'Mobile' : 'Desktop', UserAgent: e.userAgent, ReadSeconds: 0, Geo: geo, MessageID: msgUuid(e.messageId), Metadata: {}, ReceivedAt: new Date(e.at).toISOString(), Tag: c.name, Recipient: e.recipient });
    } else {
      out.push({ RecordType: 'Click', MessageStream: 'broadcast', ClickLocation: 'HTML', Client: client, OS: os, Platform: /iPhone|Android/.test(e.userAgent) ? 'Mobile' : 'Desktop', UserAgent: e.userAgent, OriginalLink: e.url, Geo: geo, MessageID: msgUuid(e.messageId), Metadata: {}, ReceivedAt: new Date(e.at).toISOString(), Tag: c.name, Recipient: e.recipient });
    }
  }
  return { fileName: `${c.name}-postmark.json`, text: JSON.stringify(out, null, 1), indexToEvent: map };
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A generic CSV with its own header wording (not any ESP's). */
export function writeCsv(c: HeldoutCampaign): Written {
  const lines = ['Subscriber Email,Activity Type,Activity Date (UTC),Client IP,Browser / User Agent,Link Clicked,Message Ref'];
  const map = new Map<number, TruthEvent>();
  const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  let index = 0;
  for (const row of timeline(c, false)) {
    if (row.kind === 'delivered') {
      const r = row.recipient;
      lines.push([r.email, 'Delivered', iso(row.at), '', '', '', r.messageId].map(csvCell).join(','));
      index++;
      continue;
    }
    if (row.kind !== 'event') continue;
    const e = row.event;
    map.set(index++, e);
    lines.push([e.recipient, e.type === 'open' ? 'Opened' : 'Clicked', iso(e.at), e.ip, e.userAgent, e.url ?? '', e.messageId].map(csvCell).join(','));
  }
  return { fileName: `${c.name}-activity.csv`, text: `${lines.join('\n')}\n`, indexToEvent: map };
}

export const WRITERS: Record<FormatName, (c: HeldoutCampaign) => Written> = {
  sendgrid: writeSendGrid,
  mailgun: writeMailgun,
  postmark: writePostmark,
  csv: writeCsv,
};
