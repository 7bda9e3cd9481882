// Generic CSV: header inference, quoting, recipient-level tables, type-less files, and broken rows.
import fc from 'fast-check';
import Papa from 'papaparse';
import { importText } from '../../src/importers/index';
import { CsvRecordSplitter, MAX_RECORD_LINES, type CsvRecordText } from '../../src/importers/csv-splitter';

const SENT_AT = Date.UTC(2025, 1, 13, 17, 0, 0);

describe('generic CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, and counts rows not lines', () => {
    const csv = [
      'Recipient,Event Type,Timestamp,Client IP,User-Agent,Clicked URL',
      'a@x.example,click,2025-02-13T17:00:43Z,40.94.1.1,"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)","https://x.example/?q=""a,b"""',
      'b@x.example,open,2025-02-13T17:05:00Z,1.2.3.4,"multi',
      'line agent",',
      'c@x.example,open,abc,1.2.3.5,UA,',
    ].join('\r\n');
    const result = importText(csv);
    expect(result.format).toBe('csv');
    expect(result.recordCount).toBe(3);
    expect(result.campaign.events).toEqual([
      { type: 'click', sourceIndex: 0, recipient: 'a@x.example', timestamp: SENT_AT + 43_000, ip: '40.94.1.1', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)', url: 'https://x.example/?q="a,b"' },
      { type: 'open', sourceIndex: 1, recipient: 'b@x.example', timestamp: SENT_AT + 300_000, ip: '1.2.3.4', userAgent: 'multi\r\nline agent' },
    ]);
    // The third row starts on line 5 because the second row spans lines 3-4.
    expect(result.errors).toEqual([{ record: 2, line: 5, message: "line 5 (record 2): Timestamp 'abc' is not a date" }]);
  });

  it('finds the header below a title line and ignores blank lines', () => {
    const csv = 'Campaign report: Spring sale\n\nEmail,Action,Date\n\na@x.example,Opened,2025-02-13 17:00:09\nb@x.example,Clicked,2025-02-13 17:00:31\n';
    const result = importText(csv);
    expect(result.recordCount).toBe(2);
    expect(result.campaign.events.map((event) => [event.sourceIndex, event.type, event.timestamp])).toEqual([
      [0, 'open', SENT_AT + 9_000],
      [1, 'click', SENT_AT + 31_000],
    ]);
  });

  it('reads a recipient-level table of counts as counted opens and clicks', () => {
    const csv = 'Email Address,First Name,Opens,Clicks\na@x.example,Ann,3,2\nb@x.example,Bob,1,0\nc@x.example,Cy,0,0\nd@x.example,Di,lots,1\n';
    const result = importText(csv);
    expect(result.campaign.events).toEqual([
      { type: 'open', sourceIndex: 0, recipient: 'a@x.example', count: 3 },
      { type: 'click', sourceIndex: 0, recipient: 'a@x.example', count: 2 },
      { type: 'open', sourceIndex: 1, recipient: 'b@x.example', count: 1 },
    ]);
    expect(result.errors[0]?.message).toBe("line 5 (record 3): Opens 'lots' is not a count");
  });

  it('takes the event type of a type-less file from its name, else from the presence of a URL', () => {
    const csv = 'Email,Opened At,IP\na@x.example,2025-02-13 17:00:09,40.94.1.1\n';
    expect(importText(csv, { fileName: 'spring-sale-clicks.csv' }).campaign.events[0]?.type).toBe('click');
    expect(importText(csv, { fileName: 'export.csv' }).campaign.events[0]?.type).toBe('open');
    expect(importText('Email,Time,Link\na@x.example,2025-02-13 17:00:09,https://x.example\n').campaign.events[0]).toMatchObject({ type: 'click', url: 'https://x.example' });
  });

  it('decides day-first from the file when one date has a day above 12', () => {
    const csv = 'email,event,date\na@x.example,open,03/02/2025 17:00\nb@x.example,open,13/02/2025 17:00\n';
    expect(importText(csv).campaign.events.map((event) => event.timestamp)).toEqual([Date.UTC(2025, 1, 3, 17), Date.UTC(2025, 1, 13, 17)]);
  });

  it('drops a "location" cell that is a place, not an address', () => {
    const result = importText('email,event,time,location\na@x.example,open,2025-02-13 17:00:09,"Berlin, DE"\n');
    expect(result.campaign.events[0]?.ip).toBeUndefined();
  });

  it('says what is missing when no column names a recipient or a time', () => {
    const result = importText('foo,bar\n1,2\n');
    expect(result.campaign.events).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/^line 1: no email\/recipient or date\/time column found in the header \('foo, bar'\)/);
  });

  it('recovers from an unclosed quote: the broken row is reported, later rows are read', () => {
    const rows = ['email,event,time', 'a@x.example,open,"2025-02-13 17:00:09'];
    for (let i = 0; i < MAX_RECORD_LINES + 5; i++) rows.push(`r${i}@x.example,open,2025-02-13 17:01:00`);
    const result = importText(rows.join('\n'));
    expect(result.errors[0]).toEqual({ record: 0, line: 2, message: 'line 2 (record 0): a quote (") is never closed, so the row could not be split into cells; fix the quoting' });
    expect(result.campaign.events).toHaveLength(MAX_RECORD_LINES + 5);
    expect(result.campaign.events[0]).toMatchObject({ sourceIndex: 1, recipient: 'r0@x.example' });
  });
});

describe('CsvRecordSplitter', () => {
  it('agrees with papaparse on any well-formed CSV', () => {
    const cell = fc.string({ maxLength: 12 }).map((text) => text.replace(/\r/g, ''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 5 }), (rows, cuts) => {
        // Every cell quoted, so no row is blank (the splitter drops blank lines, as they are not records).
        const text = Papa.unparse(rows, { quotes: true, newline: '\n' });
        const records: CsvRecordText[] = [];
        const splitter = new CsvRecordSplitter((record) => records.push(record));
        let start = 0;
        for (const position of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          splitter.push(text.slice(start, position));
          start = position;
        }
        splitter.push(text.slice(start));
        splitter.finish();
        const parsed = records.map((record) => Papa.parse<string[]>(record.text, { delimiter: ',' }).data[0]);
        expect(parsed).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('more CSV shapes', () => {
  it('joins separate date and time columns', () => {
    const result = importText('Email\tDate\tTime\tEvent\na@x.example\t13/02/2025\t17:00:09\tOpened\nb@x.example\t2025-02-13 17:00:31\t17:00:31\tClicked\n');
    expect(result.campaign.events.map((event) => event.timestamp)).toEqual([SENT_AT + 9_000, SENT_AT + 31_000]);
  });

  it('reads tab-separated exports (Excel "Unicode text") with a byte-order mark', () => {
    const result = importText('\uFEFFRecipient\tActivity\tTimestamp\r\na@x.example\tOpened\t1739466009\r\n');
    expect(result.format).toBe('csv');
    expect(result.campaign.events).toEqual([{ type: 'open', sourceIndex: 0, recipient: 'a@x.example', timestamp: SENT_AT + 9_000 }]);
  });
});
