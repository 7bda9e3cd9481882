// @vitest-environment node
// Send-time, campaign-name and delivered-count statements as report pages write them in several languages:
// send verbs inside longer sentences, 12-hour clocks, weekday and month names, day-first numeric dates, zones in
// brackets or in words, the exact time in the statement's title, layout tables around the page.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { findCampaignName, findDeliveredStatement, findSendTime, leadingSendTime } from '../../src/page-reader/page-facts';

const NOW = Date.parse('2026-12-06T04:30:00Z');

function page(body: string, lang = 'en'): Document {
  return new JSDOM(`<!doctype html><html lang="${lang}"><body>${body}</body></html>`).window.document;
}
const sentAt = (doc: Document, timeZone?: string, dayFirst?: boolean) => {
  const found = findSendTime(doc, { now: NOW, timeZone, dayFirst });
  return found === undefined ? undefined : new Date(found).toISOString();
};

describe('send-time sentences', () => {
  it.each([
    ['fr', '<p>Campagne classique · Envoyée le 05/12/2026 à 10:00 (UTC+01:00) à 1 250 destinataires</p>', '2026-12-05T09:00:00.000Z'],
    ['it', '<p>Inviata il 3 dicembre 2026 alle 14:30 (CET) a 800 destinatari</p>', '2026-12-03T13:30:00.000Z'],
    ['nl', '<p>Verzonden op donderdag 3 december 2026 om 9:15 (CET)</p>', '2026-12-03T08:15:00.000Z'],
    ['de', '<p>Kampagne „Winterschlussverkauf“ gesendet am Mi., 02.12.2026, 18:45 Uhr (MEZ)</p>', '2026-12-02T17:45:00.000Z'],
    ['pt-BR', '<p>E-mail enviado em sex., 4 de dez. de 2026 às 08:30 (Horário de Brasília)</p>', '2026-12-04T11:30:00.000Z'],
    ['es', '<p>Campaña regular · Enviada el miércoles, 2 de diciembre de 2026 a las 19:05 (UTC-05:00)</p>', '2026-12-03T00:05:00.000Z'],
    ['ja', '<p>配信日時：2026年12月3日 午後3:00 (JST) ・ 配信済み 1,200</p>', '2026-12-03T06:00:00.000Z'],
    ['en', '<p>Your campaign was sent Friday, December 4, 2026 at 5:30 PM EST to 900 subscribers.</p>', '2026-12-04T22:30:00.000Z'],
    ['en', '<p>— Sent Nov 30, 2026, 11:15 p.m. AEDT to 40 recipients</p>', '2026-11-30T12:15:00.000Z'],
    ['en', '<p>Sent Dec 1, 2026 9:00 AM (Pacific Time) · 12 sent · 12 delivered</p>', '2026-12-01T17:00:00.000Z'],
  ])('%s: %s', (lang, body, expected) => {
    // read-page passes the page's date order (date-order.ts: day first outside en-US for these languages).
    expect(sentAt(page(body, lang), undefined, lang === 'en' ? undefined : true)).toBe(expected);
  });

  it('reads numeric dates in the order the caller found for the page (read-page asks date-order.ts)', () => {
    const doc = page('<p>Email sent 03/04/2026 09:00 UTC to 5 contacts · dates shown as DD/MM/YYYY</p>', 'en-NZ');
    expect(new Date(findSendTime(doc, { now: NOW, dayFirst: true }) ?? 0).toISOString()).toBe('2026-04-03T09:00:00.000Z');
    expect(new Date(findSendTime(doc, { now: NOW, dayFirst: false }) ?? 0).toISOString()).toBe('2026-03-04T09:00:00.000Z');
  });

  it('leaves a mid-sentence time with no zone alone unless the page states one', () => {
    const body = '<p>Test sent Tue, Dec 1, 2026 at 9:00 AM to 20% of the list; winner sent to the rest at 1:00 PM.</p>';
    expect(sentAt(page(body))).toBeUndefined();
    expect(sentAt(page(body), 'America/New_York')).toBe('2026-12-01T14:00:00.000Z');
  });

  it('takes the exact time from the title of the element holding the statement', () => {
    expect(sentAt(page('<span title="2026-12-04T15:00:00Z">Sent 2 days ago</span>'))).toBe('2026-12-04T15:00:00.000Z');
  });

  it('reads the statement inside a layout table but not inside a data table', () => {
    const layout = '<table role="presentation"><tr><td>Email sent 04/12/2026 14:00:00 UTC · 5 delivered</td></tr></table>';
    expect(new Date(findSendTime(page(layout), { now: NOW, dayFirst: true }) ?? 0).toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(findDeliveredStatement(page(layout))?.count).toBe(5);
    expect(sentAt(page('<table><tr><td>Sent 04/12/2026 14:00:00 UTC</td></tr></table>'))).toBeUndefined();
  });

  it('cuts the time out of the words after the verb', () => {
    const options = { now: NOW };
    expect(leadingSendTime('sáb, 5 dic 2026 10:00 (CET) a 3 destinatarios · Entregados: 3', options)).toMatchObject({
      text: 'sáb, 5 dic 2026 10:00 CET',
      zoned: true,
    });
    expect(leadingSendTime('Dec 4, 2026 to 5 recipients', options)).toBeUndefined(); // a date alone is not a send time
    expect(leadingSendTime('to 4 recipients (all delivered)', options)).toBeUndefined();
    expect(leadingSendTime('Thursday 3 December 2026, 8:00 pm to 4 recipients', options)?.zoned).toBe(false);
  });
});

describe('campaign names beside the statements', () => {
  it('takes the campaign from a breadcrumb when the heading names the page', () => {
    const doc = page('<p>Campagnes › Soldes d’hiver › Rapport</p><h1>Activité des destinataires</h1><p>Envoyée le 05/12/2026 à 10:00 (CET)</p>', 'fr');
    expect(findCampaignName(doc)).toBe('Soldes d’hiver');
    const nav = page('<nav aria-label="Breadcrumb"><a>Reports</a> › <a>Campaigns</a> › <span>Black Friday preview</span></nav><h1>受信者アクティビティ</h1>');
    expect(findCampaignName(nav)).toBe('Black Friday preview');
  });

  it('keeps a heading that names the campaign', () => {
    expect(findCampaignName(page('<p>Campaigns › Spring sale</p><h1>Spring sale</h1>'))).toBe('Spring sale');
  });

  it('takes a quoted name from a send sentence split over elements', () => {
    const doc = page('<h1>Activity</h1><p><strong>Broadcast “Quarterly statement”</strong> — Sent Dec 4, 2026, 9:00 AM PST to 5 recipients.</p>');
    expect(findCampaignName(doc)).toBe('Quarterly statement');
    const chip = page('<h1>Activity Feed</h1><p>Automation email “Welcome, part 2” · <span>Sent Dec 5, 2026, 3:00:00 PM UTC</span></p>');
    expect(findCampaignName(chip)).toBe('Welcome, part 2');
  });
});

describe('delivered counts in several languages', () => {
  it.each([
    ['<p>an 1.250 Empfänger · Zugestellt: 1.234</p>', 1234],
    ['<p>a 900 destinatarios · Entregados: 880</p>', 880],
    ['<p>para 40 destinatários · Entregues: 39</p>', 39],
    ['<p>受信者数 12 ・ 配信済み 11</p>', 11],
    ['<p>Sent Dec 4, 2026, 7:00 AM PST to <strong>5</strong> recipients · Delivered 5</p>', 5],
    ['<p>Inviata a 800 destinatari · Consegnati: 790</p>', 790],
    ['<p>Sent Thursday 3 December 2026, 8:00 pm to 4 recipients (all delivered).</p>', 4],
  ])('%s', (body, expected) => {
    expect(findDeliveredStatement(page(body))?.count).toBe(expected);
  });

  it('does not read a delivery date as a count', () => {
    expect(findDeliveredStatement(page('<p>Delivered 5 Dec 2026 10:00</p>'))?.count).toBeUndefined();
  });
});

describe('what a stated count counts', () => {
  it.each([
    ['<p>Sent Dec 4, 2026, 9:00 AM PST to 5 recipients.</p>', { count: 5, basis: 'audience' }],
    ['<p>Sent Thursday 3 December 2026, 8:00 pm to 4 recipients (all delivered).</p>', { count: 4, basis: 'delivered' }],
    ['<p>Delivered to 1,204 recipients</p>', { count: 1204, basis: 'delivered' }],
    ['<p>an 4 Empfänger · Zugestellt: 4</p>', { count: 4, basis: 'delivered' }],
    ['<p>à 1 250 destinataires</p>', { count: 1250, basis: 'audience' }],
  ])('%s', (body, expected) => {
    expect(findDeliveredStatement(page(body))).toEqual(expected);
  });
});
