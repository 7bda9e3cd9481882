import fc from 'fast-check';
import { parseExportJson, parseExportJsonList, quoteUnsafeIntegers } from '../../src/importers/json-parse';
import { importText } from '../../src/importers/index';

describe('parseExportJson', () => {
  it('keeps Mailjet MessageIDs above 2^53 exact, as text', () => {
    const record = parseExportJson('{"event":"open","MessageID":19421777835146491,"time":1739466011,"mj_contact_id":4}') as Record<string, unknown>;
    expect(record.MessageID).toBe('19421777835146491');
    expect(record.time).toBe(1739466011);
    expect(record.mj_contact_id).toBe(4);
  });

  it('leaves strings, decimals, exponents and safe integers (µs timestamps) alone', () => {
    const text = '{"a":"12345678901234567890","b":1.23456789012345678,"c":1e25,"d":1739466011000000,"e":[-19421777835146491]}';
    expect(quoteUnsafeIntegers(text)).toBe('{"a":"12345678901234567890","b":1.23456789012345678,"c":1e25,"d":1739466011000000,"e":["-19421777835146491"]}');
  });

  it('parses like JSON.parse whenever every integer is safe', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const hasUnsafe = /(^|[^\d.eE+-])-?\d{16,}(?![\d.eE])/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
        fc.pre(!hasUnsafe);
        expect(parseExportJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('two Mailjet messages whose ids differ only past 2^53 keep different message ids', () => {
    const ndjson = [
      '{"event":"open","time":1739466011,"MessageID":19421777835146490,"email":"a@x.example","ip":"81.2.69.160","agent":"Mozilla/5.0"}',
      '{"event":"open","time":1739466012,"MessageID":19421777835146491,"email":"b@x.example","ip":"81.2.69.161","agent":"Mozilla/5.0"}',
    ].join('\n');
    const result = importText(ndjson);
    expect(result.recordFormat).toBe('mailjet');
    expect(result.campaign.events.map((event) => event.messageId)).toEqual(['19421777835146490', '19421777835146491']);
  });
});

describe('records parsed a batch at a time', () => {
  /** A Mailjet open; `id` may be an integer above 2^53. */
  const mailjetOpen = (n: number, id: string): string =>
    `{"event":"open","time":${1739466011 + n},"MessageID":${id},"email":"p${n}@x.example","ip":"81.2.69.${n % 250}","agent":"Mozilla/5.0"}`;

  it('a broken record among hundreds is the only one skipped, named by its line; exact ids stay exact', () => {
    const records = Array.from({ length: 900 }, (_, n) => mailjetOpen(n, String(1000 + n)));
    records[300] = mailjetOpen(300, '19421777835146491');
    records[600] = '{"event":"open","time":1739466611,"email":"broken@x.example",}';
    const text = `[\n${records.join(',\n')}\n]`;
    const result = importText(text);
    expect(result.format).toBe('mailjet');
    expect(result.recordCount).toBe(900);
    expect(result.skippedCount).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ record: 600, line: 602 });
    expect(result.errors[0]!.message).toMatch(/^line 602 \(record 600\): the record is not valid JSON/);
    const events = result.campaign.events;
    expect(events).toHaveLength(899);
    expect(events.find((event) => event.sourceIndex === 300)?.messageId).toBe('19421777835146491');
    expect(events.find((event) => event.sourceIndex === 601)?.recipient).toBe('p601@x.example');
    expect(events.map((event) => event.sourceIndex)).toEqual([...Array(900).keys()].filter((n) => n !== 600));
  });

  it('gives what parsing each record alone gives, however the batch is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 12 }), fc.boolean(), (values, pretty) => {
        const records = values.map((value) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)));
        const list = records.join(pretty ? ',\n  ' : ',');
        const parsed = parseExportJsonList(list, records.length);
        expect(parsed).toBeDefined();
        parsed!.forEach((value, i) => {
          // Left out only for an integer a double cannot hold; the reader then parses that record alone.
          if (value === undefined) expect(JSON.stringify(values[i])).toMatch(/\d{16,}|e\+/);
          else expect(value).toEqual(parseExportJson(records[i]!));
        });
        expect(parseExportJsonList(`${list},`, records.length)).toBeUndefined();
        expect(parseExportJsonList(list, records.length + 1)).toBeUndefined();
      }),
    );
  });
});
