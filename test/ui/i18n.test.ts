import browser from 'webextension-polyfill';
import { makeManifest } from '../../manifest.config';
import { ENGLISH, t } from '../../src/ui/i18n';
import { englishLocaleFile, MANIFEST_ENGLISH } from '../../src/ui/messages-en';

const localeFile = JSON.parse(englishLocaleFile()) as Record<string, { message: string }>;

describe('i18n', () => {
  it('every __MSG_ string of both manifests is in the English locale file', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const names = JSON.stringify(makeManifest(target)).match(/__MSG_(\w+)__/g) ?? [];
      expect(names.length).toBeGreaterThanOrEqual(3);
      for (const name of names) {
        const key = name.slice('__MSG_'.length, -2);
        expect(localeFile[key]?.message, key).toBe(MANIFEST_ENGLISH[key as keyof typeof MANIFEST_ENGLISH]);
      }
    }
  });

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
