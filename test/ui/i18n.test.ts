import { readFileSync } from 'node:fs';
import browser from 'webextension-polyfill';
import { ENGLISH, t } from '../../src/ui/i18n';

const localeFile = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('i18n', () => {
  it('every UI string is in the English locale file with the same text', () => {
    for (const [key, message] of Object.entries(ENGLISH)) {
      expect(localeFile[key], key).toEqual({ message });
      // Chrome accepts only these characters in message names.
      expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
    }
  });

  it('falls back to English when the browser has no message, and fills placeholders', () => {
    // The fake browser echoes the key, as a browser without the message answers ''.
    expect(t('ui_readingProgress', { done: '40', total: '100' })).toBe('40 of 100 rows read');
  });

  it('uses the browser message when there is one', () => {
    const spy = vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string) =>
      key === 'ui_readingProgress' ? '{done} von {total} Zeilen gelesen' : '',
    );
    try {
      expect(t('ui_readingProgress', { done: 3, total: 9 })).toBe('3 von 9 Zeilen gelesen');
      expect(t('ui_retry')).toBe('Try again');
    } finally {
      spy.mockRestore();
    }
  });
});
