// What every e2e test needs around a browser: the loopback servers, a way to open the extension's own pages
// (through the e2e hook in src/background/e2e-hooks.ts), to talk to the worker as an extension page does, and
// waits that say what they were waiting for when they give up.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { makeSelfSignedCertificate } from './certificate';
import { startEgressRecorder, type EgressRecorder } from './egress-recorder';
import { findFixturePages, startFixtureServer, type FixtureServer } from './fixture-server';
import { ESP_HOST_PATTERNS, isEspHost } from './esp-hosts';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from './browsers';
import { OFFICIAL_HOSTS } from './official-lists';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** Saved ESP pages from the page-reader work, then the e2e suite's own pages. */
export const FIXTURE_ROOTS = [join(REPO_ROOT, 'test', 'fixtures', 'pages'), join(REPO_ROOT, 'test', 'e2e', 'pages')];
export const ARTIFACT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** The e2e builds; SIEVE_E2E_EXTENSION_DIR points both browsers at another unpacked extension (debugging). */
export const EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: process.env.SIEVE_E2E_EXTENSION_DIR ?? join(REPO_ROOT, 'dist', 'e2e-chrome'),
  firefox: process.env.SIEVE_E2E_EXTENSION_DIR ?? join(REPO_ROOT, 'dist', 'e2e-firefox'),
};

export interface LoopbackEnvironment {
  server: FixtureServer;
  egress: EgressRecorder;
  close(): Promise<void>;
}

/** Every host a saved page declares in its `.expected.json` url (ESP hosts and custom sites alike). */
export function fixtureHosts(): string[] {
  const hosts = findFixturePages(FIXTURE_ROOTS).flatMap((page) => (page.url ? [new URL(page.url).hostname] : []));
  return [...new Set(hosts)].sort();
}

export async function startLoopbackEnvironment(): Promise<LoopbackEnvironment> {
  // The official list hosts too: a test may serve loopback copies of the lists under their real names.
  const certificate = makeSelfSignedCertificate([...ESP_HOST_PATTERNS, ...fixtureHosts(), ...OFFICIAL_HOSTS]);
  const server = await startFixtureServer({ certificate, roots: FIXTURE_ROOTS });
  const egress = await startEgressRecorder();
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  return {
    server,
    egress,
    close: async () => {
      await server.close();
      await egress.close();
    },
  };
}

export function launchBrowser(
  name: BrowserName,
  env: LoopbackEnvironment,
  options: { profileDir?: string; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  return launchWithExtension(name, {
    extensionDir: options.extensionDir ?? EXTENSION_DIRS[name],
    hostPatterns: ESP_HOST_PATTERNS,
    extraHosts: fixtureHosts(),
    egressPort: env.egress.port,
    ...(options.profileDir ? { profileDir: options.profileDir } : {}),
  });
}

/** One browser with the extension for a describe block, and an options page of it to talk to the worker from. */
export interface BrowserRun {
  readonly session: ExtensionBrowser;
  /** An open options page: `askWorker(run.control, …)` asks the worker as the extension's own pages do. */
  readonly control: Page;
  /** Closes the browser and starts it again on the same profile and extension copy (a restart or an update). */
  restart(): Promise<void>;
}

/**
 * Launches the browser and opens the control page before the block's tests, closes it after them. `env` is read
 * when the hooks run (the loopback environment starts in the file's own beforeAll); `extensionDir` likewise, so a
 * copy such as withGrantedSites(…) is made only when the block runs.
 */
export function useBrowserRun(name: BrowserName, env: () => LoopbackEnvironment, options: { extensionDir?: () => string } = {}): BrowserRun {
  let session: ExtensionBrowser | undefined;
  let control: Page | undefined;
  let extensionDir: string | undefined;
  const start = async (profileDir?: string) => {
    session = await launchBrowser(name, env(), { ...(extensionDir ? { extensionDir } : {}), ...(profileDir ? { profileDir } : {}) });
    control = await openExtensionPage(session, env(), 'options');
  };
  beforeAll(async () => {
    extensionDir = options.extensionDir?.();
    await start();
  });
  afterAll(async () => {
    await session?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${name} browser has not started (useBrowserRun's beforeAll failed or has not run)`);
    return value;
  };
  return {
    get session() {
      return started(session);
    },
    get control() {
      return started(control);
    },
    async restart() {
      const { profileDir } = started(session);
      await started(session).close();
      await start(profileDir);
    },
  };
}

/** Saved pages on hosts no ESP pattern covers: sites a user adds with "add this site". */
export function customSiteHosts(): string[] {
  return fixtureHosts().filter((host) => !isEspHost(host));
}

/**
 * A copy of an unpacked extension whose manifest also lists `origins` under host_permissions: the state after
 * the user granted those sites. Both browsers grant manifest host permissions at install, whereas an optional
 * permission needs a prompt a headless browser cannot answer; everything after the grant (registering the
 * content script for the added sites, the generic reader, the marks) runs the extension's own code.
 */
export function withGrantedSites(extensionDir: string, origins: readonly string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'sieve-e2e-granted-'));
  cpSync(extensionDir, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return copy;
}

/**
 * Polls `probe` until it returns something other than undefined/false. On timeout the error names what was
 * awaited and the last value or error seen, so a red run says which step stalled.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, intervalMs));
  }
}

/** location.href from inside the page (BiDi does not report navigations to moz-extension:// pages). */
async function hrefOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => location.href).catch(() => undefined);
}

export type ExtensionPageKind = 'popup' | 'options' | 'demo';

/**
 * Opens the extension's popup/options/demo page in a tab, via the e2e hook: load the hook URL on an ESP host,
 * the worker opens `<page>?tab=<id of reportUrl's tab>` in a new tab, and that tab is returned.
 */
export async function openExtensionPage(
  session: ExtensionBrowser,
  env: LoopbackEnvironment,
  kind: ExtensionPageKind,
  /** The report tab: its URL, or its id when known (extension pages). */
  report?: string | number,
): Promise<Page> {
  const before = new Set(await session.browser.pages());
  const hook = await session.browser.newPage();
  const query = new URLSearchParams({ page: kind });
  if (typeof report === 'string') query.set('report', report);
  if (typeof report === 'number') query.set('tab', String(report));
  const hookUrl = env.server.localUrl(`https://app.sendgrid.com/__sieve_e2e__/open?${query.toString()}`);
  const wanted = `${session.extensionOrigin}src/${kind}/index.html`;
  const findOpened = async () => {
    for (const candidate of await session.browser.pages()) {
      if (candidate === hook || before.has(candidate)) continue;
      const href = await hrefOf(candidate);
      if (href?.startsWith(wanted)) return candidate;
    }
    return undefined;
  };
  // A worker that is still starting (just after install or a restart) misses the tab event: load the hook
  // again rather than wait forever. The last attempt's error says what was awaited.
  const attempts = 3;
  let page: Page | undefined;
  for (let attempt = 1; attempt <= attempts && !page; attempt += 1) {
    await hook.goto(hookUrl);
    const what = `the worker's e2e hook to open ${wanted} in a new tab (attempt ${attempt} of ${attempts})`;
    page = attempt < attempts ? await waitFor(what, findOpened, 5_000).catch(() => undefined) : await waitFor(what, findOpened, 10_000);
  }
  if (!page) throw new Error(`the e2e hook never opened ${wanted}`);
  await hook.close();
  await page.bringToFront();
  return page;
}

/** Waits for a tab that is not in `before` and whose location starts with `prefix`. */
export async function waitForNewPage(
  session: ExtensionBrowser,
  before: ReadonlySet<Page>,
  prefix: string,
  what: string,
): Promise<Page> {
  return waitFor(what, async () => {
    for (const candidate of await session.browser.pages()) {
      if (before.has(candidate)) continue;
      const href = await hrefOf(candidate);
      if (href?.startsWith(prefix)) return candidate;
    }
    return undefined;
  });
}

/** Sends one request to the worker from an extension page, exactly as the popup does. */
export async function askWorker(extensionPage: Page, type: string, payload: unknown): Promise<unknown> {
  return extensionPage.evaluate(
    (messageType, messagePayload) => {
      const runtime = (
        globalThis as unknown as { browser?: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
      ).browser?.runtime ??
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome
          .runtime;
      return runtime.sendMessage({ channel: 'scanner-sieve/v1', type: messageType, payload: messagePayload });
    },
    type,
    payload,
  );
}

/** Label and reasons of the element matching `selector`, read from the page's DOM. */
export interface RowMark {
  selector: string;
  found: boolean;
  label: string | null;
  reasons: string[];
}

/**
 * Installs `window.__queryAllDeep(selector)` in the page: `querySelectorAll` that also looks inside open shadow
 * roots (a report rendered by a web component keeps its rows there). Idempotent; call before evaluating with it.
 */
export async function installDeepQuery(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __queryAllDeep: (selector: string) => Element[] }).__queryAllDeep = (selector) => {
      const found: Element[] = [];
      const scopes: Array<Document | ShadowRoot> = [document];
      while (scopes.length > 0) {
        const scope = scopes.shift()!;
        found.push(...Array.from(scope.querySelectorAll(selector)));
        for (const element of Array.from(scope.querySelectorAll('*'))) if (element.shadowRoot) scopes.push(element.shadowRoot);
      }
      return found;
    };
  });
}

export async function readMarks(page: Page, selectors: string[]): Promise<RowMark[]> {
  await installDeepQuery(page);
  return page.evaluate((wanted) => {
    const deep = (selector: string) => (window as unknown as { __queryAllDeep: (s: string) => Element[] }).__queryAllDeep(selector)[0] ?? null;
    return wanted.map((selector) => {
      const element = deep(selector);
      const reasons = element?.getAttribute('data-sieve-reasons') ?? '';
      return {
        selector,
        found: element !== null,
        label: element?.getAttribute('data-sieve-label') ?? null,
        reasons: reasons.split(';').filter((code) => code.length > 0),
      };
    });
  }, selectors);
}

/** The worker's answer to a message: its value, or the error it refused the message with. */
export type WorkerReply<T> = { ok: true; value: T } | { ok: false; error: string };

/** `askWorker`, unwrapped: the value of the worker's answer; throws with the worker's error when it refused. */
export async function askWorkerValue<T>(extensionPage: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await askWorker(extensionPage, type, payload)) as WorkerReply<T>;
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}
