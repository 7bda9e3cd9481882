// The one vendor and source registry: every id the code uses anywhere has a name people can read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/registry';
import { demoAdapter, genericAdapter } from '../../src/adapters/generic';
import { describeReason } from '../../src/classifier/reasons';
import { listFormats } from '../../src/importers';
import { BUNDLED_ENTRIES } from '../../src/ranges/data';
import { MAIL_HOST_NAMES, MAIL_HOSTS } from '../../src/shared/mail-host';
import {
  canonicalVendorId,
  isKnownSourceId,
  isKnownVendorId,
  mergeVendorCounts,
  sourceName,
  SOURCES,
  userRangeVendorId,
  vendorName,
  VENDORS,
} from '../../src/shared/vendors';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Vendor ids written as literals anywhere in src/: `vendor: 'x'`, `vendor === 'x'`, `scanner-ip:x` reason codes. */
function vendorIdsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\bvendor\s*(?::|===?|!==?)\s*['"]([a-z0-9-]+)['"]/g,
    /['"`](?:scanner|proxy|gateway|cloud)-ip:([a-z0-9-]+)['"`]/g,
    /['"`]image-proxy:([a-z0-9-]+)['"`]/g,
    /ua\.vendor \?\? ['"]([a-z0-9-]+)['"]/g,
  ];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1] as string, file.slice(SRC.length + 1));
    }
  }
  return found;
}

describe('vendor registry', () => {
  it('names every vendor id the range data, mail hosts and source code use', () => {
    const missing: string[] = [];
    for (const entry of BUNDLED_ENTRIES) if (!isKnownVendorId(entry.vendor)) missing.push(`range data: ${entry.vendor}`);
    for (const host of MAIL_HOSTS) if (!isKnownVendorId(host)) missing.push(`mail host: ${host}`);
    const inSource = vendorIdsInSource();
    // The scan must see the ids we know are there, or it proves nothing.
    expect([...inSource.keys()]).toEqual(expect.arrayContaining(['microsoft', 'google-cloud', 'apple-icloud', 'gmail', 'messagelabs']));
    for (const [id, file] of inSource) if (!isKnownVendorId(id)) missing.push(`${file}: ${id}`);
    expect(missing).toEqual([]);
  });

  it('gives every vendor one distinct name, and no id or alias belongs to two vendors', () => {
    const names = VENDORS.map((vendor) => vendor.name);
    expect(new Set(names).size).toBe(names.length);
    const ids = VENDORS.flatMap((vendor) => [vendor.id, ...(vendor.aliases ?? [])]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('shows one name for one vendor wherever it appears (mail host, range owner, reason code)', () => {
    expect(MAIL_HOST_NAMES.google).toBe(vendorName('google'));
    expect(MAIL_HOST_NAMES.trendmicro).toBe(vendorName('trend-micro'));
    expect(MAIL_HOST_NAMES.messagelabs).toBe(vendorName('symantec'));
    expect(MAIL_HOST_NAMES.microsoft365).toBe(vendorName('microsoft'));
    expect(describeReason('scanner-ip:checkpoint-avanan')).toContain('Check Point Harmony (Avanan)');
    expect(describeReason('scanner-ip:trend-micro')).not.toContain('trend-micro');
  });

  it('merges counts of aliases into one row (Symantec was listed twice)', () => {
    const merged = new Map(mergeVendorCounts({ symantec: 3, messagelabs: 2, 'trend-micro': 1, trendmicro: 4, zscaler: 1 }));
    expect(merged).toEqual(new Map([['symantec', 5], ['trend-micro', 5], ['zscaler', 1]]));
    expect(canonicalVendorId('microsoft365')).toBe('microsoft');
  });

  it('shows a user range under the name the user typed, not "user"', () => {
    const id = userRangeVendorId('Head office (Zürich)');
    expect(id).toMatch(/^user-[a-z0-9-]+$/);
    expect(isKnownVendorId(id)).toBe(true);
    expect(vendorName(id, ['Partner relay', 'Head office (Zürich)'])).toBe('Head office (Zürich)');
    // Without the stored labels (the page summary), the words of the label still show.
    expect(vendorName(id)).toContain('head office');
    expect(vendorName(id)).not.toMatch(/^user/);
    expect(describeReason(`scanner-ip:${id}`)).toContain('head office');
  });
});

describe('source registry', () => {
  it('names every adapter id and every export format', () => {
    const ids = [...ADAPTERS.map((adapter) => adapter.id), genericAdapter.id, demoAdapter.id, ...listFormats()];
    expect(ids.length).toBeGreaterThan(15);
    expect(ids.filter((id) => !isKnownSourceId(id))).toEqual([]);
  });

  it('gives each source a distinct name and never shows an id', () => {
    const names = SOURCES.map((source) => source.name);
    expect(new Set(names).size).toBe(names.length);
    expect(sourceName('sendgrid-webhook')).toBe('SendGrid Event Webhook');
    expect(sourceName('demo')).toBe('Demo report');
    expect(sourceName('generic')).not.toBe('generic');
  });
});
