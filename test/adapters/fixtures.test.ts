// @vitest-environment jsdom
// Every saved ESP page is read with the expected rows and fields, classified by the real classifier with the
// bundled ranges, and marked: the labels on the row elements must be the ones the conventions call for.
import { describe, expect, it } from 'vitest';
import { readPage, type PageReading } from '../../src/page-reader/read-page';
import { adapterForUrl } from '../../src/adapters/registry';
import { classifyCampaign } from '../../src/classifier';
import { createPageMarks, rowVerdictOf, LABEL_ATTRIBUTE, REASONS_ATTRIBUTE } from '../../src/content/marks';
import { getBundledIndex } from '../../src/ranges';
import { MESSAGE_RULES } from '../../src/shared/messages';
import { CLASSIFIER_GAPS, listFixturePages, listUnseenPages, loadPage, queryAllDeep, queryDeep, type ExpectedRow, type FixturePage } from './fixture-pages';

const immediate = () => Promise.resolve();

async function read(page: FixturePage): Promise<{ reading: PageReading; doc: Document }> {
  const dom = loadPage(page);
  const doc = dom.window.document;
  const now = page.expected.now ? Date.parse(page.expected.now) : Date.parse('2025-02-14T09:00:00Z');
  const reading = await readPage(doc, adapterForUrl(page.expected.url), { now, yieldToPage: immediate });
  return { reading, doc };
}

function rowElement(reading: PageReading, doc: Document, expected: ExpectedRow): Element {
  if (expected.rowSelector) {
    const element = queryDeep(doc, expected.rowSelector);
    if (!element) throw new Error(`no element matches ${expected.rowSelector}`);
    return element;
  }
  const all = reading.tables.flatMap((table) => table.rows);
  const element = all[expected.rowIndex ?? -1];
  if (!element) throw new Error(`no data row ${expected.rowIndex}`);
  return element;
}

const pages = listFixturePages();
const unseenPages = listUnseenPages();

describe.each([...pages, ...unseenPages].map((page) => [`${page.esp}/${page.name}`, page] as const))('%s', (_name, page) => {
  const expected = page.expected;

  it('is read by the expected adapter as the expected page kind', async () => {
    const { reading } = await read(page);
    expect(adapterForUrl(expected.url).id).toBe(expected.adapter);
    expect(reading.pageKind ?? null).toBe(expected.pageKind);
    if (expected.tables !== undefined) expect(reading.tables).toHaveLength(expected.tables);
    if (expected.sentAt) expect(new Date(reading.campaign.sentAt ?? 0).toISOString()).toBe(new Date(expected.sentAt).toISOString());
    else expect(reading.campaign.sentAt).toBeUndefined();
    if (expected.campaignName) expect(reading.campaign.name).toBe(expected.campaignName);
    if (expected.campaignKey) expect(reading.campaignKey).toBe(expected.campaignKey);
    expect(reading.campaign.deliveredCount).toBe(expected.deliveredCount);
  });

  it('reads exactly the expected rows with their fields', async () => {
    const { reading, doc } = await read(page);
    const elements = expected.rows.map((row) => rowElement(reading, doc, row));
    expect(reading.rows.map((row) => row.element)).toEqual(elements);
    const readOf = new Map(reading.rows.map((row) => [row.element, row]));
    for (const [at, row] of expected.rows.entries()) {
      const read = readOf.get(elements[at]!)!;
      const event = reading.campaign.events[read.eventIndexes[0]!]!;
      const fields = { type: event.type, recipient: event.recipient, ip: event.ip, url: event.url, count: event.count, userAgent: event.userAgent };
      const wanted = Object.fromEntries(
        (['type', 'recipient', 'ip', 'url', 'count', 'userAgent'] as const).filter((key) => row[key] !== undefined).map((key) => [key, row[key]]),
      );
      expect(fields, `row ${row.rowSelector ?? row.rowIndex}`).toMatchObject(wanted);
      // At the precision the page shows: an expected time with milliseconds the page does not show (it writes
      // "2:00:54 PM") is compared to the second.
      const wantedTime = Date.parse(row.timestamp ?? '');
      const shown = event.timestamp ?? 0;
      const precise = shown % 1000 === 0 && wantedTime % 1000 !== 0 ? Math.floor(wantedTime / 1000) * 1000 : wantedTime;
      if (row.timestamp) expect(new Date(shown).toISOString(), `time of ${row.rowSelector ?? row.rowIndex}`).toBe(new Date(precise).toISOString());
    }
    // Deliveries and link stats are checked where the expected file lists them (pages written blind list rows only).
    if (expected.deliveries) expect((reading.campaign.deliveries ?? []).map((d) => ({ recipient: d.recipient, deliveredAt: new Date(d.deliveredAt).toISOString() }))).toEqual(
      (expected.deliveries ?? []).map((d) => ({ recipient: d.recipient, deliveredAt: new Date(d.deliveredAt).toISOString() })),
    );
    if (expected.linkStats) expect(reading.campaign.linkStats ?? []).toEqual(expected.linkStats);
  });

  it('yields a page-rows payload the worker accepts', async () => {
    const { reading } = await read(page);
    const payload = {
      url: expected.url.replace(/#.*$/, ''),
      esp: expected.adapter,
      pageKind: reading.pageKind ?? 'event-activity',
      campaignKey: reading.campaignKey,
      campaign: reading.campaign,
      rowKeys: reading.rowKeys,
    };
    expect(MESSAGE_RULES['page-rows'].payload(payload)).toBe(true);
    expect(new Set(reading.rowKeys).size).toBe(reading.rowKeys.length);
  });

  // Pages whose rows are read right but whose label for one row is the classifier's open question (issue 13),
  // named here with the reason, never skipped silently.
  const classifierGap = CLASSIFIER_GAPS[`${page.esp}/${page.name}`]?.reason;
  it.skipIf(classifierGap !== undefined)(`marks every read row with the label the classifier gives it${classifierGap ? ` (skipped: ${classifierGap})` : ''}`, async () => {
    const { reading, doc } = await read(page);
    const report = classifyCampaign(reading.campaign, { ranges: getBundledIndex() });
    const marks = createPageMarks(doc, { visible: true });
    marks.apply(
      reading.rows.map((row) => ({
        element: row.element,
        verdict: rowVerdictOf(row.eventIndexes.map((index) => report.verdicts[index]!))!,
      })),
    );
    const got = expected.rows.map((row) => {
      const element = rowElement(reading, doc, row);
      return { row: row.rowSelector ?? row.rowIndex, label: element.getAttribute(LABEL_ATTRIBUTE), reasons: element.getAttribute(REASONS_ATTRIBUTE) };
    });
    expect(got.map(({ row, label }) => ({ row, label }))).toEqual(expected.rows.map((row) => ({ row: row.rowSelector ?? row.rowIndex, label: row.label })));
    expected.rows.forEach((row, at) => {
      const reasons = (got[at]!.reasons ?? '').split(';');
      for (const code of row.reasons ?? []) expect(reasons, `reasons of ${row.rowSelector ?? row.rowIndex}`).toContain(code);
    });
    // Rows the reader skipped (headers, delivered, processed) carry no mark.
    expect(queryAllDeep(doc, `[${LABEL_ATTRIBUTE}]`)).toHaveLength(expected.rows.length);
  });
});

it('has saved pages for every case', () => {
  expect(pages.length).toBeGreaterThanOrEqual(15);
});

it('has pages written blind for every ESP', () => {
  expect(new Set(unseenPages.map((page) => page.expected.adapter)).size).toBeGreaterThanOrEqual(9);
});
