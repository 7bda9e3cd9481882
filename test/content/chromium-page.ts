// Running the extension's own source in a page of headless Chromium, for the page-reader benchmark and the
// 200 000-row test: the entry is bundled with esbuild (imports resolve from the project root) and injected into
// a page opened with puppeteer-core. Undefined when no Chromium binary (SIEVE_CHROMIUM, else /usr/bin/chromium,
// the one the e2e suite uses) or no bundler is at hand, so callers skip.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_PATH = process.env.SIEVE_CHROMIUM ?? '/usr/bin/chromium';

export interface ChromiumRun {
  browser: Browser;
  /** The bundled entry, as a classic script to add to a page. */
  script: string;
}

/** Bundles `entry` and launches headless Chromium (the caller closes the browser), or undefined. */
export async function startChromiumWith(entry: string, sourcefile: string, extraArgs: string[] = []): Promise<ChromiumRun | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const bundle = await esbuild.build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'silent',
  });
  const puppeteer = await import('puppeteer-core');
  const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', ...extraArgs], protocolTimeout: 600_000 });
  return { browser, script: bundle.outputFiles[0]!.text };
}
