// Date texts as ESP report pages show them (written from public screenshots, not from our fixtures): every one
// must read as the instant a person would read, relative phrases against the page's "now".
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/shared/dates';

const now = Date.parse('2025-02-14T09:00:00Z');
const read = (text: string, timeZone?: string) => {
  const value = parseDate(text, timeZone ? { now, timeZone } : { now });
  return value === undefined ? undefined : new Date(value).toISOString();
};

describe('dates as report pages show them', () => {
  it.each([
    ['Feb 13, 2025 5:08 pm', '2025-02-13T17:08:00.000Z'],
    ['02/13/2025 05:08:31 PM', '2025-02-13T17:08:31.000Z'],
    ['2025-02-13 17:08:31 UTC', '2025-02-13T17:08:31.000Z'],
    ['Yesterday at 3:04 PM', '2025-02-13T15:04:00.000Z'],
    // A date and a time split by a middle dot or bar (timeline UIs).
    ['Feb 13, 2025 · 5:08 PM', '2025-02-13T17:08:00.000Z'],
    ['17:08 | 13 Feb 2025', '2025-02-13T17:08:00.000Z'],
    // An offset in parentheses is the zone, not a comment to drop.
    ['Feb 13, 2025 5:08 PM (GMT-05:00)', '2025-02-13T22:08:00.000Z'],
    ['13 Feb 2025 17:08 (UTC+1)', '2025-02-13T16:08:00.000Z'],
    // date-fns formatDistance wording.
    ['about 3 hours ago', '2025-02-14T06:00:00.000Z'],
    ['less than a minute ago', '2025-02-14T09:00:00.000Z'],
    ['almost 2 hours ago', '2025-02-14T07:00:00.000Z'],
    // Localised relative phrases.
    ['vor 5 Minuten', '2025-02-14T08:55:00.000Z'],
    ['il y a 2 heures', '2025-02-14T07:00:00.000Z'],
    ['hace 10 minutos', '2025-02-14T08:50:00.000Z'],
    ['3 ore fa', '2025-02-14T06:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(read(text)).toBe(iso);
  });

  it('still drops a zone name in parentheses after an offset (JavaScript Date#toString)', () => {
    expect(read('Thu Feb 13 2025 18:08:31 GMT+0100 (Central European Standard Time)')).toBe('2025-02-13T17:08:31.000Z');
  });

  it('does not take a relative phrase with an unknown unit', () => {
    expect(read('vor 5 Jahrhunderten')).toBeUndefined();
    expect(read('over 1 year ago')).toBeUndefined();
  });
});
