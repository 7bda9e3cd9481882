import fc from 'fast-check';
import { parseExportJson, quoteUnsafeIntegers } from '../../src/importers/json-parse';
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
