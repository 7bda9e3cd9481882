// The streaming path must give exactly what the in-memory path gives, however the file is cut into chunks
// (chunk borders inside a JSON string, a CSV quoted cell, a \r\n pair, a multi-byte character…).
import fc from 'fast-check';
import { importChunks, importText } from '../../src/importers/index';
import { batchRecords, JsonRecordSplitter } from '../../src/importers/json-splitter';
import { FIXTURES, readFixture } from './scenario';
import type { EngagementEvent, EventColumns } from '../../src/shared/types';

function cut(text: string, cuts: number[]): string[] {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const position of positions) {
    chunks.push(text.slice(start, position));
    start = position;
  }
  chunks.push(text.slice(start));
  return chunks;
}

const ALL_FIXTURES = [...FIXTURES.map((fixture) => fixture.file), 'postmark-opens-api.json', 'generic-de-semicolon.csv'];

describe('importChunks', () => {
  it.each(ALL_FIXTURES)('%s: any chunking gives the same result as importText', async (file) => {
    const text = readFixture(file);
    const whole = importText(text, { fileName: file });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const streamed = await importChunks(cut(text, cuts), { fileName: file });
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('one character at a time still works (worst case for every splitter)', async () => {
    for (const file of ['mailgun-events.json', 'generic-activity.csv', 'iterable-events.ndjson']) {
      const text = readFixture(file);
      const streamed = await importChunks([...text], { fileName: file });
      expect(streamed).toEqual(importText(text, { fileName: file }));
    }
  });

  it('reads from an async source and survives a failing one', async () => {
    const text = readFixture('sendgrid-webhook.ndjson');
    async function* lines(): AsyncGenerator<string> {
      for (const line of text.split(/(?<=\n)/)) yield line;
    }
    expect((await importChunks(lines())).campaign.events).toHaveLength(22);
    async function* broken(): AsyncGenerator<string> {
      yield text.slice(0, 2000);
      throw new Error('disk unplugged');
    }
    const partial = await importChunks(broken());
    expect(partial.errors.at(-1)?.message).toBe('reading the input failed: disk unplugged');
  });
});

describe('JsonRecordSplitter', () => {
  it('splits a top-level array and an envelope array, keeps strings with brackets intact', () => {
    const records: string[] = [];
    const splitter = new JsonRecordSplitter((batch) => records.push(...batchRecords(batch).map((record) => record.text)));
    splitter.push('{"paging":{"next":"]x["},"items":[{"a":"},[\\"]"},\n 2 ,{"b":[1,{"c":3}]}],"total":2}');
    const end = splitter.finish();
    expect(records).toEqual(['{"a":"},[\\"]"}', '2', '{"b":[1,{"c":3}]}']);
    expect(splitter.recordKey).toBe('items');
    expect(JSON.parse(end.envelope!)).toEqual({ paging: { next: ']x[' }, items: [], total: 2 });
    expect(end.problems).toEqual([]);
  });

  it('reports a truncated document and text after the end', () => {
    const truncated = new JsonRecordSplitter(() => undefined);
    truncated.push('[{"a":1},\n{"b":');
    expect(truncated.finish().problems).toEqual(['line 2: the file ends inside this record (truncated JSON?); it was skipped']);
    const trailing = new JsonRecordSplitter(() => undefined);
    trailing.push('[{"a":1}]\n\nextra');
    expect(trailing.finish().problems).toEqual(['line 3: unexpected text after the end of the JSON document; it was ignored']);
  });

  it('matches JSON.parse on any JSON array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (values, cuts) => {
        const text = JSON.stringify(values, null, cuts.length % 2 ? 2 : undefined);
        const records: unknown[] = [];
        const splitter = new JsonRecordSplitter((batch) => records.push(...batchRecords(batch).map((record) => JSON.parse(record.text))));
        for (const chunk of cut(text, cuts)) splitter.push(chunk);
        splitter.finish();
        expect(records).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('messageIds: false', () => {
  it.each(ALL_FIXTURES)('%s: the same import without message ids', (file) => {
    const text = readFixture(file);
    const whole = importText(text, { fileName: file });
    const lean = importText(text, { fileName: file, messageIds: false });
    const strip = <T extends { messageId?: string }>(items: T[] | undefined): T[] | undefined =>
      items?.map((item) => {
        const { messageId: _dropped, ...rest } = item;
        return rest as T;
      });
    expect(lean.campaign.events.every((event) => !('messageId' in event))).toBe(true);
    expect(lean.campaign.deliveries?.every((delivery) => !('messageId' in delivery)) ?? true).toBe(true);
    expect({ ...lean, campaign: { ...lean.campaign, events: strip(lean.campaign.events), deliveries: strip(lean.campaign.deliveries) } }).toEqual({
      ...whole,
      campaign: { ...whole.campaign, events: strip(whole.campaign.events), deliveries: strip(whole.campaign.deliveries) },
    });
  });

  it('drops ids the default keeps', () => {
    const text = readFixture('sendgrid-webhook.json');
    expect(importText(text).campaign.events.filter((event) => event.messageId !== undefined).length).toBeGreaterThan(10);
  });
});

describe('eventColumns: true', () => {
  /** The events a column set stands for, as the default import would give them. */
  function eventsOf(columns: EventColumns): EngagementEvent[] {
    const events: EngagementEvent[] = [];
    for (let i = 0; i < columns.length; i++) {
      const event: EngagementEvent = { type: columns.click[i] === 1 ? 'click' : 'open', sourceIndex: columns.sourceIndex[i]! };
      const fields = { recipient: columns.recipient?.[i], ip: columns.ip?.[i], userAgent: columns.userAgent?.[i], url: columns.url?.[i], messageId: columns.messageId?.[i], sourceBotHint: columns.sourceBotHint?.[i] };
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) (event as unknown as Record<string, string>)[name] = value;
      if (!Number.isNaN(columns.timestamp[i])) event.timestamp = columns.timestamp[i];
      if (!Number.isNaN(columns.count[i])) event.count = columns.count[i];
      events.push(event);
    }
    return events;
  }

  it.each(ALL_FIXTURES)('%s: the same events, as columns', (file) => {
    const text = readFixture(file);
    const whole = importText(text, { fileName: file });
    const columnar = importText(text, { fileName: file, eventColumns: true });
    expect(columnar.campaign.events).toEqual([]);
    const columns = columnar.campaign.eventColumns!;
    expect(columns.length).toBe(whole.campaign.events.length);
    const { eventColumns: _columns, ...rest } = columnar.campaign;
    expect({ ...columnar, campaign: { ...rest, events: eventsOf(columns) } }).toEqual(whole);
  });

  it('grows past its first capacity while a file streams in', async () => {
    const records = Array.from({ length: 5000 }, (_, n) =>
      JSON.stringify({ email: `p${n % 700}@corp.example`, event: n % 4 === 0 ? 'click' : 'open', timestamp: 1739466000 + n, ip: `40.94.${n % 200}.${n % 250}`, url: n % 4 === 0 ? 'https://x.example/a' : undefined }),
    );
    const text = records.join('\n');
    const pieces = text.match(/[\s\S]{1,4096}/g)!;
    const streamed = await importChunks(pieces, { fileName: 'log.ndjson', eventColumns: true });
    const whole = importText(text, { fileName: 'log.ndjson' });
    expect(streamed.campaign.eventColumns!.length).toBe(5000);
    expect(eventsOf(streamed.campaign.eventColumns!)).toEqual(whole.campaign.events);
  });
});
