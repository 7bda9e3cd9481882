// Launches Chromium or Firefox ESR (the Debian packages) with the built extension loaded, both driven by
// puppeteer-core: Chromium over CDP (pipe), Firefox over WebDriver BiDi. Both see the ESP host names on
// loopback and send every other request to the egress recorder.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concreteHost } from './esp-hosts';
import { BROWSER_NAMES, type BrowserName } from './engines';

export type { BrowserName };

declare module 'vitest' {
  interface ProvidedContext {
    /** The engines this vitest project tests (test/e2e/vitest.e2e.config.ts runs one project per engine). */
    e2eBrowsers: BrowserName[];
  }
}

/**
 * The engines the current run tests: the e2e config gives each engine its own vitest project, so Chromium's
 * and Firefox ESR's files run side by side (each file with its own loopback servers and egress recorder);
 * both when a file runs outside those projects.
 */
export function browsersUnderTest(): BrowserName[] {
  const provided = inject('e2eBrowsers');
  return provided && provided.length > 0 ? [...provided] : [...BROWSER_NAMES];
}

export const EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.SIEVE_CHROMIUM ?? '/usr/bin/chromium',
  firefox: process.env.SIEVE_FIREFOX ?? '/usr/bin/firefox-esr',
};

/** Fixed moz-extension UUID, so the extension's origin (and its IndexedDB) is the same after a restart. */
const FIREFOX_EXTENSION_UUID = '5c1e7e5e-0e2e-4c5a-9d1a-5ca77e55e2e0';

export interface LaunchOptions {
  /** Unpacked extension directory (dist/e2e-chrome or dist/e2e-firefox). */
  extensionDir: string;
  /** ESP host patterns (wildcards allowed) to resolve to 127.0.0.1. */
  hostPatterns: readonly string[];
  /**
   * More names to resolve to 127.0.0.1: fixture hosts under wildcard patterns (Firefox takes exact names only)
   * and the hosts of "custom site" fixtures that no ESP pattern covers.
   */
  extraHosts?: readonly string[];
  /** Port of the egress recorder: every non-ESP request goes there and is refused. */
  egressPort: number;
  /** Reuse a profile (restart tests); a fresh temporary one otherwise. */
  profileDir?: string;
}

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  profileDir: string;
  close(): Promise<void>;
}

export function newProfileDir(name: BrowserName): string {
  return mkdtempSync(join(tmpdir(), `sieve-e2e-${name}-`));
}

async function launchChromium(options: LaunchOptions): Promise<ExtensionBrowser> {
  const profileDir = options.profileDir ?? newProfileDir('chromium');
  const loopbackHosts = [...options.hostPatterns, ...(options.extraHosts ?? [])];
  const resolverRules = [
    ...loopbackHosts.map((pattern) => `MAP ${pattern} 127.0.0.1`),
    // Anything else fails to resolve even if it bypassed the proxy: nothing can reach the network.
    'MAP * ~NOTFOUND',
    'EXCLUDE localhost',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  const browser = await puppeteer.launch({
    executablePath: EXECUTABLES.chromium,
    headless: true,
    pipe: true,
    enableExtensions: true,
    acceptInsecureCerts: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-domain-reliability',
      '--disable-sync',
      '--ignore-certificate-errors',
      // Chromium's own housekeeping would otherwise try the network at start-up (measured with the egress
      // recorder on Chromium 156: network time from clients2.google.com, the component updater at
      // update.googleapis.com despite --disable-component-update, and sign-in at accounts.google.com; on
      // pages with form fields, autofill's content-autofill.googleapis.com). They are switched off or pointed
      // at a closed loopback port, so the egress check sees only the pages and the extension.
      '--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication',
      '--gaia-url=http://127.0.0.1:9',
      '--lso-url=http://127.0.0.1:9',
      '--component-updater=url-source=http://127.0.0.1:9/component-updater',
      `--host-resolver-rules=${resolverRules}`,
      `--proxy-server=http://127.0.0.1:${options.egressPort}`,
      `--proxy-bypass-list=${[...loopbackHosts, '<-loopback>'].join(';')}`,
    ],
  });
  const extensionId = await browser.installExtension(options.extensionDir);
  // Events reach the worker only once it is registered: wait for it (the e2e hook lives there).
  await browser
    .waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${extensionId}/`), {
      timeout: 10_000,
    })
    .catch(() => {
      throw new Error(`Chromium: the service worker of extension ${extensionId} (${options.extensionDir}) did not start within 10 s`);
    });
  return {
    name: 'chromium',
    browser,
    extensionId,
    extensionOrigin: `chrome-extension://${extensionId}/`,
    profileDir,
    close: () => browser.close(),
  };
}

async function launchFirefox(options: LaunchOptions): Promise<ExtensionBrowser> {
  const profileDir = options.profileDir ?? newProfileDir('firefox');
  const manifest = JSON.parse(readFileSync(join(options.extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${options.extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const localNames = [...new Set([...options.hostPatterns.map(concreteHost), ...(options.extraHosts ?? [])])];
  // no_proxies_on takes `.domain` for "any sub-domain of".
  const noProxy = [
    ...options.hostPatterns.map((pattern) => pattern.replace(/^\*\./, '.')),
    ...(options.extraHosts ?? []),
    'localhost',
    '127.0.0.1',
  ];
  const browser = await puppeteer.launch({
    browser: 'firefox',
    // Release builds honour services.settings.server only with this variable set (remote-settings Utils.sys.mjs).
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    executablePath: EXECUTABLES.firefox,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'network.dns.localDomains': localNames.join(','),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.egressPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.egressPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': noProxy.join(','),
      'network.proxy.allow_hijacking_localhost': false,
      'network.trr.mode': 5,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // Firefox's remote settings sync (blocklists, etc.) reached for firefox.settings.services.mozilla.com
      // 14 times in 6 s at start-up (measured with the egress recorder on Firefox 153 ESR): point it at a closed
      // loopback port, so the egress check sees only the page and the extension.
      'services.settings.server': 'http://127.0.0.1:9/v1',
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      // Keep the temporary add-on's storage when the browser closes, for the restart test.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
    },
  });
  const extensionId = await browser.installExtension(options.extensionDir);
  return {
    name: 'firefox',
    browser,
    extensionId,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
    profileDir,
    close: () => browser.close(),
  };
}

export function launchWithExtension(name: BrowserName, options: LaunchOptions): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

export type { Browser, Page };
