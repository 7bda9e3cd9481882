import fc from 'fast-check';
import { epochToMs, parseDate } from '../../src/shared/dates';

const T = Date.UTC(2025, 1, 13, 17, 8, 31); // 2025-02-13T17:08:31Z
const NOW = Date.UTC(2025, 1, 14, 12, 0, 0);

describe('parseDate: the formats exports and ESP pages use', () => {
  it.each([
    ['2025-02-13T17:08:31Z', T],
    ['2025-02-13T17:08:31.250Z', T + 250],
    ['2025-02-13T18:08:31+01:00', T],
    ['2025-02-13T12:08:31-0500', T],
    ['2025-02-13 17:08:31 UTC', T],
    ['2016-12-05 22:51:25 +00:00', Date.UTC(2016, 11, 5, 22, 51, 25)], // Iterable createdAt
    ['1739466511', T],
    ['1739466511000', T],
    ['1739466511.25', T + 250], // Mailgun epoch float
    ['Thu, 13 Feb 2025 17:08:31 +0000', T], // RFC 2822
    ['Thu Feb 13 2025 18:08:31 GMT+0100 (Central European Standard Time)', T], // Date#toString
    ['February 13, 2025 at 12:08:31 PM EST', T],
    ['13 Feb 2025 18:08:31 GMT+1', T],
    ['Feb 13, 2025 5:08 pm', T - 31_000],
    ['13/02/2025 17:08', T - 31_000],
    ['02/13/2025 5:08 PM', T - 31_000],
    ['13.02.2025 17:08:31', T],
    ['13. Februar 2025 um 17:08:31', T],
    ['jeudi 13 février 2025 17:08:31', T],
    ['Thursday, February 13th, 2025 5:08:31 p.m.', T],
    ['2025-02-13 18:08:31 Europe/Berlin', T],
    ['Feb 13, 2025 9:08:31 AM PT', T], // generic Pacific time, standard time in February
  ])('%s', (text, expected) => {
    expect(parseDate(text, { now: NOW })).toBe(expected);
  });

  it('reads relative texts against now', () => {
    expect(parseDate('5 minutes ago', { now: NOW })).toBe(NOW - 5 * 60_000);
    expect(parseDate('an hour ago', { now: NOW })).toBe(NOW - 3_600_000);
    expect(parseDate('yesterday at 3:04 pm', { now: NOW })).toBe(Date.UTC(2025, 1, 13, 15, 4));
    expect(parseDate('today 09:30', { now: NOW })).toBe(Date.UTC(2025, 1, 14, 9, 30));
    // "Yesterday" is a calendar day in the reader's zone: at 00:30 in Tokyo it is still the 13th in UTC.
    const tokyoNow = Date.UTC(2025, 1, 13, 15, 30); // 14 Feb 00:30 in Tokyo
    expect(parseDate('yesterday at 10:00', { now: tokyoNow, timeZone: 'Asia/Tokyo' })).toBe(Date.UTC(2025, 1, 13, 1, 0));
  });

  it('uses the timeZone option only when the text names no zone, following daylight saving', () => {
    expect(parseDate('2025-07-13 17:08', { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2025, 6, 13, 15, 8));
    expect(parseDate('2025-01-13 17:08', { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2025, 0, 13, 16, 8));
    expect(parseDate('2025-02-13 17:08', { timeZone: '-05:00' })).toBe(Date.UTC(2025, 1, 13, 22, 8));
    expect(parseDate('2025-02-13 17:08Z', { timeZone: 'Europe/Berlin' })).toBe(Date.UTC(2025, 1, 13, 17, 8));
  });

  it('decides day/month by a field above 12, else by dayFirst (default month first)', () => {
    expect(parseDate('03/04/2025')).toBe(Date.UTC(2025, 2, 4));
    expect(parseDate('03/04/2025', { dayFirst: true })).toBe(Date.UTC(2025, 3, 3));
    expect(parseDate('13/04/2025', { dayFirst: false })).toBe(Date.UTC(2025, 3, 13));
    expect(parseDate('04/13/2025', { dayFirst: true })).toBe(Date.UTC(2025, 3, 13));
  });

  it('gives undefined for texts that are not dates or name impossible ones', () => {
    for (const text of ['abc', '', '12', '2025', 'Feb 30, 2025', '13/13/2025', '2025-02-13 25:00', 'opened', '5:61 pm', 'null', 'Total: 44']) {
      expect(parseDate(text)).toBeUndefined();
    }
  });

  it('reads epochs by magnitude and refuses counts', () => {
    expect(epochToMs(1739466511)).toBe(T);
    expect(epochToMs(1739466511000)).toBe(T);
    expect(epochToMs(1739466511000000)).toBe(T);
    expect(epochToMs(42)).toBeUndefined();
    expect(epochToMs(Number.NaN)).toBeUndefined();
  });
});

describe('parseDate properties', () => {
  // 1990..2060, whole milliseconds
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.option(fc.boolean(), { nil: undefined }), (text, dayFirst) => {
        const result = parseDate(text, dayFirst === undefined ? {} : { dayFirst });
        expect(result === undefined || Number.isFinite(result)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('13', '02', '2025', ':', '/', '.', '-', ' ', 'pm', 'Feb', 'at', 'UTC', '+01:00', 'T', 'Z', 'ago', '5'), { maxLength: 12 }),
        (parts) => {
          const result = parseDate(parts.join(''));
          expect(result === undefined || Number.isFinite(result)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips ISO 8601, Unix seconds and Unix ms', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        expect(parseDate(new Date(ms).toISOString())).toBe(ms);
        expect(parseDate(String(ms))).toBe(ms);
        expect(parseDate(String(Math.floor(ms / 1000)))).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
  });

  it('round-trips RFC 2822 / Date#toUTCString', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const seconds = Math.floor(ms / 1000) * 1000;
        expect(parseDate(new Date(seconds).toUTCString())).toBe(seconds);
      }),
    );
  });

  it('round-trips US-locale texts rendered in an IANA zone', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (ms, timeZone) => {
        const seconds = Math.floor(ms / 1000) * 1000;
        const text = new Intl.DateTimeFormat('en-US', {
          timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit',
        }).format(seconds);
        const parsed = parseDate(text, { timeZone });
        // In the repeated hour when clocks go back, the local text names two instants one hour apart.
        expect(parsed === seconds || Math.abs((parsed ?? 0) - seconds) === 3_600_000).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads day-first texts right whenever the day is above 12', () => {
    fc.assert(
      fc.property(instant, fc.boolean(), (ms, dayFirstOption) => {
        const date = new Date(ms);
        fc.pre(date.getUTCDate() > 12);
        const pad = (n: number): string => String(n).padStart(2, '0');
        const text = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
        const expected = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes());
        expect(parseDate(text, { dayFirst: dayFirstOption })).toBe(expected);
      }),
    );
  });
});

describe('zoneFromLabel', () => {
  it('reads the zone a column header names', async () => {
    const { zoneFromLabel } = await import('../../src/shared/dates');
    expect(zoneFromLabel('Opened At (UTC)')).toBe('UTC');
    expect(zoneFromLabel('Date (CET)')).toBe('CET');
    expect(zoneFromLabel('Time (GMT+1)')).toBe('GMT+1');
    expect(zoneFromLabel('Timestamp (UTC+05:30)')).toBe('UTC+05:30');
    expect(zoneFromLabel('Timestamp [America/New_York]')).toBe('America/New_York');
    expect(zoneFromLabel('Click time ET')).toBe('America/New_York');
    expect(zoneFromLabel('timestamp_utc')).toBe('utc');
    expect(zoneFromLabel('Datum MEZ')).toBe('MEZ');
  });

  it('names no zone for ordinary headers', async () => {
    const { zoneFromLabel } = await import('../../src/shared/dates');
    for (const header of ['Date', 'Opened at', 'Timestamp', 'Time', 'Created', 'Event Date', 'Time (local)', 'Datum', '']) {
      expect(zoneFromLabel(header)).toBeUndefined();
    }
  });
});

describe('parseDate: an offset followed by the zone name', () => {
  it("reads Go's time.String() and Java's ZonedDateTime by the offset", () => {
    expect(parseDate('2025-02-13 17:08:31.123456789 +0000 UTC')).toBe(Date.UTC(2025, 1, 13, 17, 8, 31, 123));
    expect(parseDate('2025-02-13 18:08:31 +0100 CET')).toBe(Date.UTC(2025, 1, 13, 17, 8, 31));
    expect(parseDate('2025-02-13T18:08:31+01:00[Europe/Paris]')).toBe(Date.UTC(2025, 1, 13, 17, 8, 31));
    expect(parseDate('2025-02-13T17:08:31Z[UTC]')).toBe(Date.UTC(2025, 1, 13, 17, 8, 31));
  });
});
