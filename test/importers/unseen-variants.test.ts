// Realistic variations of ESP exports written without looking at the original fixtures
// (test/fixtures/exports/unseen/): envelopes under unlisted names, downloads cut short, and more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importText } from '../../src/importers/index';

const UNSEEN = join(__dirname, '..', 'fixtures', 'exports', 'unseen');
const read = (name: string): string => readFileSync(join(UNSEEN, name), 'utf8');
const indexAndType = (text: string, fileName = 'export.json') =>
  importText(text, { fileName }).campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient]);

describe('JSON envelopes under names no format lists', () => {
  it('reads `{meta, data: […]}` as records indexed by position in `data`', () => {
    const result = importText(read('generic-data-envelope.json'), { fileName: 'generic-data-envelope.json' });
    expect(result.errors).toEqual([]);
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient, event.url])).toEqual([
      [0, 'open', 'ana.lopez@contoso.com', undefined],
      [1, 'click', 'ana.lopez@contoso.com', 'https://example.com/offer'],
      [2, 'click', 'carla@gmail.com', 'https://example.com/offer'],
    ]);
  });

  it('finds the records one level down (`{response: {Results: […], Count}}`) and picks the array of objects, not of strings', () => {
    const records = [
      { email: 'a@x.example', event: 'delivered', timestamp: 1739466002, sg_event_id: 'd' },
      { email: 'a@x.example', event: 'open', timestamp: 1739466011, ip: '81.2.69.160', sg_event_id: 'o' },
      { email: 'a@x.example', event: 'click', timestamp: 1739466100, url: 'https://e.example/a', sg_event_id: 'c' },
    ];
    const text = JSON.stringify({ response: { tags: ['a', 'b', 'c', 'd', 'e'], Results: records, Count: 3 } });
    expect(indexAndType(text)).toEqual([
      [1, 'open', 'a@x.example'],
      [2, 'click', 'a@x.example'],
    ]);
  });

  it('still reads a single webhook payload with nested arrays as one record', () => {
    const result = importText(read('postmark-open-webhook.json'));
    expect(result.format).toBe('postmark');
    expect(result.recordCount).toBe(1);
    expect(result.campaign.events.map((event) => event.ip)).toEqual(['40.94.29.12']);
  });

  it('an object that is neither a record nor an envelope is still reported by its keys', () => {
    const result = importText('{"hello":"world","count":3}');
    expect(result.campaign.events).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/not a record of any known export format \(its keys: hello, count\)/);
  });
});

describe('JSON exports cut short', () => {
  it('keeps the complete records of an array that never closes, and says the file is truncated', () => {
    const result = importText(read('truncated.json'));
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.recipient])).toEqual([[0, 'open', 'a@b.c']]);
    expect(result.errors.map((error) => error.message)).toEqual([
      'line 2: the file ends before the JSON array is closed (truncated download?); the records before that point were read',
    ]);
  });

  it('drops only the record the cut went through', () => {
    const full = read('sendgrid-webhook.json');
    const cut = full.slice(0, full.indexOf('"email":"ben@icloud.com","timestamp":1739466150') + 40);
    const result = importText(cut);
    expect(result.campaign.events.map((event) => event.sourceIndex)).toEqual([2, 3, 4, 5]);
    expect(result.errors.map((error) => error.message)).toEqual([
      'line 9: the file ends inside this record (truncated JSON?); it was skipped',
    ]);
  });

  it('a complete record followed by a cut envelope array (Mailgun without its paging) keeps the records', () => {
    const full = read('mailgun-events.json');
    const cut = full.slice(0, full.indexOf('],\n  "paging"'));
    const result = importText(cut);
    expect(result.format).toBe('mailgun');
    expect(result.campaign.events.map((event) => event.sourceIndex)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(result.errors).toHaveLength(1);
  });
});
