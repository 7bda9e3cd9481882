// English strings for the popup and options page, read through `browser.i18n` so a translation only needs a
// `_locales/<lang>/messages.json`. The table below is the English default: when the browser has no message for a
// key (an older locale file, or a unit test's fake that echoes the key) the default is shown instead.
// Placeholders are written `{name}` and filled here, not with messages.json `placeholders`, so one format serves
// both the locale file and the fallback. test/ui/i18n.test.ts checks public/_locales/en/messages.json matches.
import browser from 'webextension-polyfill';
import { ENGLISH, type MessageKey } from './messages-en';

export { ENGLISH, type MessageKey };

export type MessageVars = Record<string, string | number>;

function fill(template: string, vars: MessageVars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

function browserMessage(key: string): string | undefined {
  try {
    const message = browser.i18n?.getMessage(key);
    // Browsers answer '' for a missing key; some fakes echo the key back.
    return message && message !== key ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The UI string for `key` in the browser's language, English when missing, with `{name}` placeholders filled. */
export function t(key: MessageKey, vars?: MessageVars): string {
  return fill(browserMessage(key) ?? ENGLISH[key], vars);
}
