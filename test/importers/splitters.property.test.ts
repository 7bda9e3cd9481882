// Property tests for the text splitters (conventions §5): whatever the strings hold — runs of backslashes,
// escaped quotes, brackets, commas and line breaks inside values, very long strings — and wherever the chunks
// are cut, each splitter hands back exactly the records that were written, and nothing throws.
import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvRecordSplitter } from '../../src/importers/csv-splitter';
import { importText } from '../../src/importers/index';
import { JsonSequenceSplitter } from '../../src/importers/json-sequence-splitter';
import { findStringEnd, findValueEnd, newScanState, STRING_OPEN_ESCAPED } from '../../src/importers/json-scanner';
import { batchRecords, JsonRecordSplitter } from '../../src/importers/json-splitter';
import { batchLineText, LineSplitter } from '../../src/importers/line-splitter';

/** Strings heavy in the characters splitters must get right. */
const trickyString = fc
  .array(fc.oneof(fc.constantFrom('\\', '"', '\\"', '\\\\', '{', '}', '[', ']', ',', ':', '\n', '\r\n', ' ', 'é', '😀'), fc.string({ maxLength: 6 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

/** Sometimes very long: a 20k-character run of escapes is the old quadratic case. */
const valueString = fc.oneof({ weight: 5, arbitrary: trickyString }, { weight: 1, arbitrary: fc.constantFrom('\\'.repeat(20_001), '\\"'.repeat(10_000), 'x'.repeat(30_000)) });

const record = fc.record({ email: valueString, event: fc.constantFrom('open', 'click', 'delivered'), note: valueString, n: fc.integer() });

/** Cut `text` into chunks at the given fractions. */
function chunksOf(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

describe('JSON scanner', () => {
  it('finds the closing quote of any JSON string, across any chunk cut', () => {
    fc.assert(
      fc.property(valueString, fc.double({ min: 0, max: 1, noNaN: true }), (value, cut) => {
        const encoded = JSON.stringify(value); // "…"
        const body = `${encoded.slice(1)},"next"`;
        expect(findStringEnd(body, 0, false)).toBe(encoded.length - 2);
        // Resumed in a second chunk, possibly right after a backslash.
        const point = Math.floor(cut * (encoded.length - 1));
        const first = findStringEnd(body.slice(0, point), 0, false);
        if (first >= 0) expect(first).toBe(encoded.length - 2);
        else expect(findStringEnd(body.slice(point), 0, first === STRING_OPEN_ESCAPED) + point).toBe(encoded.length - 2);
      }),
    );
  });

  it('finds where a value ends', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), (records) => {
        const text = `${JSON.stringify(records)} trailing`;
        expect(findValueEnd(text, 0, newScanState())).toBe(JSON.stringify(records).length - 1);
      }),
    );
  });
});

describe('JSON record splitter', () => {
  it('returns each element of a top-level array or an envelope array, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), cuts, fc.boolean(), fc.boolean(), (records, at, envelope, pretty) => {
        const array = pretty ? JSON.stringify(records, null, 2) : JSON.stringify(records);
        const text = envelope ? `{"paging": {"next": "x\\"]"}, "items": ${array}, "total": ${records.length}}` : array;
        const seen: unknown[] = [];
        const splitter = new JsonRecordSplitter((batch) => seen.push(...batchRecords(batch).map((split) => JSON.parse(split.text))));
        for (const chunk of chunksOf(text, at)) splitter.push(chunk);
        const end = splitter.finish();
        expect(seen).toEqual(records);
        expect(end.problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('JSON value-sequence splitter (jq output, logged POST bodies)', () => {
  it('returns each value written back to back', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(record, fc.array(record, { maxLength: 2 })), { minLength: 1, maxLength: 5 }), cuts, (values, at) => {
        const text = values.map((value) => JSON.stringify(value, null, 1)).join('\n');
        const seen: unknown[] = [];
        const splitter = new JsonSequenceSplitter((value) => seen.push(JSON.parse(value.text)));
        for (const chunk of chunksOf(text, at)) splitter.push(chunk);
        splitter.finish();
        expect(seen).toEqual(values);
      }),
      { numRuns: 150 },
    );
  });
});

describe('NDJSON line splitter', () => {
  it('returns each line with its number, CRLF or LF, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), cuts, fc.boolean(), (records, at, crlf) => {
        const text = records.map((item) => JSON.stringify(item)).join(crlf ? '\r\n' : '\n');
        const seen: Array<[unknown, number]> = [];
        const lines = new LineSplitter((batch) => {
          for (let i = 0; i < batch.starts.length; i++) seen.push([JSON.parse(batchLineText(batch, i)), batch.firstLine + i]);
        });
        for (const chunk of chunksOf(text, at)) lines.push(chunk);
        lines.finish();
        expect(seen).toEqual(records.map((item, index) => [item, index + 1]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('NDJSON lines parsed many at a time', () => {
  /** A SendGrid open on one line; its address tells the events apart. */
  const openLine = (n: number, note: string): string =>
    JSON.stringify({ email: `p${n}@x.example`, timestamp: 1739466000 + n, event: 'open', sg_event_id: `e${n}`, note });
  /** How a line can be broken: cut short, split over two lines, or two records run together on one. */
  const damage = fc.constantFrom('none', 'none', 'none', 'cut', 'split', 'joined', 'blank', 'scalar', 'spaced');

  it('reads each intact line as its record and names each broken line, whatever its neighbours are', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(valueString, damage, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 30 }), fc.boolean(), (specs, crlf) => {
        const lines: string[] = [];
        specs.forEach(([note, how, at], n) => {
          const line = openLine(n, note);
          const point = 1 + Math.floor(at * (line.length - 2));
          if (how === 'cut') lines.push(line.slice(0, point));
          else if (how === 'split') lines.push(line.slice(0, point).replace(/\n/g, ''), line.slice(point));
          else if (how === 'joined') lines.push(`${line},${openLine(n + 1000, note)}`);
          else if (how === 'blank') lines.push('', line);
          else if (how === 'scalar') lines.push(line, String(n));
          else if (how === 'spaced') lines.push(` ${line} `);
          else lines.push(line);
        });
        // What reading every line alone gives: a record per line that parses, an error per non-blank one that does not.
        const expectedRecipients: string[] = [];
        const expectedErrorLines: number[] = [];
        lines.forEach((line, i) => {
          if (line.trim() === '') return;
          try {
            const value = JSON.parse(line) as unknown;
            if (typeof value === 'object' && value !== null && !Array.isArray(value)) expectedRecipients.push(String((value as { email: string }).email));
            else expectedErrorLines.push(i + 1);
          } catch {
            expectedErrorLines.push(i + 1);
          }
        });
        fc.pre(expectedRecipients.length > 0);
        const result = importText(lines.join(crlf ? '\r\n' : '\n'), { fileName: 'events.ndjson', format: 'sendgrid-webhook' });
        expect(result.campaign.events.map((event) => event.recipient)).toEqual(expectedRecipients);
        expect(result.errors.map((error) => error.line)).toEqual(expectedErrorLines);
      }),
      { numRuns: 300 },
    );
  });

  it('lines that only balance when joined stay three broken records', () => {
    const text = [openLine(1, 'a'), '{"email":"x@x.example","event":"open","list":[{"b":1}', '{"x":1}]}', '{"p":1},{"q":2}', openLine(2, 'b')].join('\n');
    const result = importText(text, { fileName: 'events.ndjson', format: 'sendgrid-webhook' });
    expect(result.campaign.events.map((event) => event.recipient)).toEqual(['p1@x.example', 'p2@x.example']);
    expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4]);
  });
});

describe('CSV record splitter', () => {
  const cell = fc.oneof(trickyString.map((text) => text.replace(/\r/g, '')), fc.constantFrom('x'.repeat(20_000), '""'.repeat(5000)));
  it('returns each row — quoted cells may hold commas, quotes and line breaks — with the line it starts on', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), cuts, (rows, at) => {
        const nonBlank = rows.filter((row) => row.some((value) => value !== ''));
        const text = nonBlank.map((row) => Papa.unparse([row], { quotes: true })).join('\n');
        const seen: Array<{ cells: string[]; line: number }> = [];
        const splitter = new CsvRecordSplitter((split) => seen.push({ cells: Papa.parse<string[]>(split.text, { delimiter: ',' }).data[0]!, line: split.line }));
        for (const chunk of chunksOf(text, at)) splitter.push(chunk);
        splitter.finish();
        expect(seen.map((item) => item.cells)).toEqual(nonBlank);
        let line = 1;
        nonBlank.forEach((row, index) => {
          expect(seen[index]!.line).toBe(line);
          line += row.join('').split('\n').length;
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('importers never throw', () => {
  it('on any text, as JSON-ish, NDJSON-ish or CSV-ish', () => {
    const noise = fc.oneof(fc.string({ maxLength: 200 }), fc.array(record, { maxLength: 3 }).map((records) => JSON.stringify(records).slice(0, -3)), trickyString);
    fc.assert(
      fc.property(noise, fc.constantFrom('x.json', 'x.csv', 'x.ndjson'), (text, fileName) => {
        const result = importText(text, { fileName });
        expect(Array.isArray(result.campaign.events)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
