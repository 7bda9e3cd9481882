import { defineManifest } from '@crxjs/vite-plugin';
import packageJson from './package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';

// ESP report hosts the content script runs on by default. Every other site is an optional host permission the
// user grants from the options page ("add this site"); access to every site is never requested up front.
export const ESP_HOST_MATCHES = [
  'https://*.admin.mailchimp.com/*',
  'https://app.sendgrid.com/*',
  'https://app.mailgun.com/*',
  'https://account.postmarkapp.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://www.klaviyo.com/*',
  'https://app.brevo.com/*',
  'https://app-smtp.brevo.com/*',
  'https://*.activehosted.com/*',
  'https://*.createsend.com/*',
];

export const GECKO_ID = 'scanner-sieve@scannersieve.dev';

export function makeManifest(browser: TargetBrowser) {
  return defineManifest({
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'Scanner Sieve',
    description: '__MSG_extDescription__',
    version: packageJson.version,
    default_locale: 'en',
    icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    action: {
      default_popup: 'src/popup/index.html',
      default_title: '__MSG_actionTitle__',
      default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' },
    },
    options_ui: { page: 'src/options/index.html', open_in_tab: true },
    background:
      browser === 'firefox'
        ? { scripts: ['src/background/main.ts'], type: 'module' }
        : { service_worker: 'src/background/main.ts', type: 'module' },
    content_scripts: [
      {
        matches: ESP_HOST_MATCHES,
        js: ['src/content/main.ts'],
        run_at: 'document_idle',
      },
    ],
    // storage: settings fallbacks; scripting: content script on sites the user adds; activeTab: the popup may
    // read the URL of the tab it was opened on to say whether the page is supported.
    permissions: ['storage', 'scripting', 'activeTab'],
    host_permissions: ESP_HOST_MATCHES,
    // Granted one origin at a time: custom report sites, the official range sources, the opt-in DoH resolver.
    optional_host_permissions: ['https://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              // 142: the first version (desktop and Android) with data_collection_permissions. Nothing is collected or transmitted (Firefox's data consent manifest key).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '121' }),
  } as Parameters<typeof defineManifest>[0]);
}

/** The self-contained content script (one IIFE, no imports) the build writes next to the manifest. */
export const STANDALONE_CONTENT_SCRIPT = 'content-standalone.js';

interface BuiltManifest {
  content_scripts?: Array<{ js?: string[] }>;
  web_accessible_resources?: unknown;
  [key: string]: unknown;
}

/**
 * The manifest as shipped: the ESP content script is the self-contained copy and nothing is web-accessible.
 * crxjs's content script is a loader that import()s its chunks, so it lists them as web_accessible_resources for
 * every ESP host; any script on those pages could then fetch chrome-extension://<id>/assets/… (Firefox's
 * moz-extension ids are per install, but Chrome's are fixed) and learn that the extension, and which build, is
 * installed (https://developer.chrome.com/docs/extensions/reference/manifest/web-accessible-resources). The
 * self-contained copy needs no resource at all, so there is nothing to expose, with or without use_dynamic_url.
 */
export function withoutWebAccessibleResources(manifest: BuiltManifest): BuiltManifest {
  const { web_accessible_resources: _exposed, ...rest } = manifest;
  return {
    ...rest,
    ...(manifest.content_scripts
      ? { content_scripts: manifest.content_scripts.map((script) => ({ ...script, js: [STANDALONE_CONTENT_SCRIPT] })) }
      : {}),
  };
}
