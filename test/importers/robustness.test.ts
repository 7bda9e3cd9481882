// No input may throw out of the public entry points (conventions §5): arbitrary text, arbitrary JSON,
// records of every format with fields of the wrong type, and every forced format on every kind of input.
import fc from 'fast-check';
import { importChunks, importText, listFormats } from '../../src/importers/index';
import type { ImportResult } from '../../src/importers/types';
import { FIXTURES, rawRecords } from './scenario';

function wellFormed(result: ImportResult): void {
  expect(typeof result.format).toBe('string');
  expect(Array.isArray(result.campaign.events)).toBe(true);
  expect(result.recordCount).toBeGreaterThanOrEqual(0);
  for (const event of result.campaign.events) {
    expect(['open', 'click']).toContain(event.type);
    expect(event.sourceIndex).toBeGreaterThanOrEqual(0);
    expect(event.sourceIndex).toBeLessThan(result.recordCount);
    if (event.timestamp !== undefined) expect(Number.isFinite(event.timestamp)).toBe(true);
  }
  for (const error of result.errors) {
    expect(error.message.length).toBeGreaterThan(0);
    // Caught only by the last-resort guards: a reader bug, not a record problem.
    expect(error.message).not.toMatch(/internal error|could not be read/);
  }
}

const formatOption = fc.option(fc.constantFrom(...listFormats(), 'nonsense'), { nil: undefined });

describe('importText never throws', () => {
  it('on arbitrary text, with or without a forced format', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), formatOption, (text, format) => {
        wellFormed(importText(text, format === undefined ? {} : { format }));
      }),
      { numRuns: 1500 },
    );
  });

  it('on text built from JSON and CSV punctuation', () => {
    const piece = fc.constantFrom('[', ']', '{', '}', '"', ',', ':', '\n', '\r\n', ';', '\\', 'email', 'event', 'open', '1739466000', 'null', ' ', 'items', 'Opens', '"a"');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), formatOption, (pieces, format) => {
        wellFormed(importText(pieces.join(''), format === undefined ? {} : { format }));
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON documents and NDJSON lines', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), formatOption, (value, format) => {
        const options = format === undefined ? {} : { format };
        wellFormed(importText(JSON.stringify(value), options));
        if (Array.isArray(value)) wellFormed(importText(value.map((item) => JSON.stringify(item)).join('\n'), options));
      }),
      { numRuns: 1500 },
    );
  });

  it.each(FIXTURES.filter((fixture) => !fixture.file.endsWith('.csv')))('on $file records with fields replaced by wrong types', (fixture) => {
    const records = rawRecords(fixture.file);
    const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.string(), fc.double(), fc.constant(-1));
    fc.assert(
      fc.property(fc.nat({ max: records.length - 1 }), fc.array(fc.tuple(fc.nat(), wrongValue), { maxLength: 5 }), (index, changes) => {
        const record: Record<string, unknown> = structuredClone(records[index]!);
        const keys = Object.keys(record);
        for (const [keyIndex, value] of changes) record[keys[keyIndex % keys.length]!] = value;
        const text = JSON.stringify([record]);
        const result = importText(text, { format: fixture.recordFormat ?? fixture.format });
        wellFormed(result);
        wellFormed(importText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('on CSV with known headers and arbitrary cells', () => {
    const header = 'email,event,timestamp,ip,user agent,url,opens,clicks';
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 9 }), { maxLength: 8 }), (rows) => {
        const text = [header, ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))].join('\n');
        wellFormed(importText(text));
        wellFormed(importText(text, { format: 'sendgrid-csv' }));
      }),
      { numRuns: 800 },
    );
  });

  it('importChunks never rejects, even on non-string chunks', async () => {
    const chunks = ['[{"email":"a@x', 42 as unknown as string, '.example","event":"open","timestamp":1739466000,"sg_event_id":"1"}]'];
    const result = await importChunks(chunks);
    wellFormed(result);
    expect(result.campaign.events).toHaveLength(1);
  });
});
