// Sites the user added ("add this site") get the same content script as the ESP hosts, registered at run time
// for exactly the origins the user granted. Origins whose permission was revoked are dropped.
import browser from 'webextension-polyfill';
import { isValidSitePattern } from '../shared/settings';

const SCRIPT_ID = 'sieve-custom-sites';
/** Built by vite.config.ts (standaloneContentScript): the content script with no chunk imports. */
const STANDALONE_CONTENT_SCRIPT = 'content-standalone.js';

export async function syncCustomSiteScripts(patterns: string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const pattern of patterns.filter(isValidSitePattern)) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (granted.length > 0) {
      await browser.scripting.registerContentScripts([
        { id: SCRIPT_ID, matches: granted, js: [STANDALONE_CONTENT_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    }
  } catch (error) {
    console.warn('Scanner Sieve: could not register the content script on added sites', error);
  }
  return granted;
}
