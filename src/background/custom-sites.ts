// Sites the user added ("add this site") get the same content script as the ESP hosts, registered at run time
// for exactly the origins the user granted. Origins whose permission was revoked are dropped.
import browser from 'webextension-polyfill';
import { isValidSitePattern } from '../shared/settings';

const SCRIPT_ID = 'sieve-custom-sites';

/** The built content script's file, as the manifest lists it (crxjs renames files at build time). */
function contentScriptFiles(): string[] {
  const manifest = browser.runtime.getManifest() as { content_scripts?: Array<{ js?: string[] }> };
  return manifest.content_scripts?.[0]?.js ?? [];
}

export async function syncCustomSiteScripts(patterns: string[]): Promise<string[]> {
  const files = contentScriptFiles();
  const granted: string[] = [];
  for (const pattern of patterns.filter(isValidSitePattern)) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (granted.length > 0 && files.length > 0) {
      await browser.scripting.registerContentScripts([
        { id: SCRIPT_ID, matches: granted, js: files, runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    }
  } catch (error) {
    console.warn('Scanner Sieve: could not register the content script on added sites', error);
  }
  return granted;
}
