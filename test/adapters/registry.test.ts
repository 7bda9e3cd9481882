// @vitest-environment jsdom
// The registry's promises: every adapter declares example URLs that match and URLs that must not, has saved
// pages for every page kind it claims, covers only hosts the manifest grants, and the supported-pages list
// the popup shows names every ESP.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, SUPPORTED_PAGES, adapterById, adapterForUrl } from '../../src/adapters/registry';
import { matchPatternToRegExp, urlMatches } from '../../src/adapters/match-pattern';
import { ESP_HOST_MATCHES } from '../../manifest.config';
import { listFixturePages } from './fixture-pages';

const pages = listFixturePages();

describe.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('adapter %s', (_id, adapter) => {
  it('declares example URLs that match and some that must not', () => {
    expect(adapter.examples.match.length).toBeGreaterThan(0);
    expect(adapter.examples.noMatch.length).toBeGreaterThan(0);
    for (const url of adapter.examples.match) expect(adapterForUrl(url).id, url).toBe(adapter.id);
    for (const url of adapter.examples.noMatch) expect(urlMatches(adapter.matches, url), url).toBe(false);
  });

  it('matches its example URLs on any port, as the browser matches the content script', () => {
    for (const url of adapter.examples.match) {
      const withPort = new URL(url);
      withPort.port = '8443';
      expect(adapterForUrl(withPort.href).id, withPort.href).toBe(adapter.id);
    }
  });

  it('has a saved page for every page kind it claims', () => {
    const own = pages.filter((page) => page.expected.adapter === adapter.id);
    expect(own.length, `no fixture page under test/fixtures/pages/ for ${adapter.id}`).toBeGreaterThan(0);
    const kinds = new Set(own.map((page) => page.expected.pageKind));
    for (const kind of adapter.pageKinds) expect(kinds, `${adapter.id} has no saved ${kind} page`).toContain(kind);
  });

  it('only matches hosts the manifest grants the content script', () => {
    for (const pattern of adapter.matches) {
      const host = /^https:\/\/([^/]+)\//.exec(pattern)?.[1];
      expect(ESP_HOST_MATCHES.some((granted) => granted.startsWith(`https://${host}/`)), pattern).toBe(true);
    }
    for (const url of adapter.examples.match) {
      expect(ESP_HOST_MATCHES.some((granted) => matchPatternToRegExp(granted).test(url)), url).toBe(true);
    }
  });

  it('names its pages in plain words for the no-table state', () => {
    expect(adapter.supportedPages.length).toBeGreaterThan(0);
    for (const words of adapter.supportedPages) expect(SUPPORTED_PAGES).toContain(words);
  });
});

it('has one adapter per ESP with unique ids, and every saved page names a known adapter', () => {
  const ids = ADAPTERS.map((adapter) => adapter.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(
    expect.arrayContaining(['mailchimp', 'sendgrid', 'mailgun', 'postmark', 'hubspot', 'klaviyo', 'brevo', 'activecampaign', 'campaign-monitor']),
  );
  for (const page of pages) expect(adapterById(page.expected.adapter), `${page.esp}/${page.name}`).toBeDefined();
});

it('falls back to the generic reader on pages no adapter knows', () => {
  expect(adapterForUrl('https://crm.northwind.example/campaigns/42/engagement').id).toBe('generic');
  expect(adapterForUrl('https://us21.admin.mailchimp.com/campaigns/').id).toBe('generic');
  expect(adapterForUrl('not a url').id).toBe('generic');
});

it('reads match patterns as the browser does', () => {
  const subdomains = matchPatternToRegExp('https://*.admin.mailchimp.com/reports/*');
  expect(subdomains.test('https://us21.admin.mailchimp.com/reports/summary?id=1')).toBe(true);
  expect(subdomains.test('https://admin.mailchimp.com/reports/x')).toBe(true);
  expect(subdomains.test('https://us21.admin.mailchimp.com.evil.example/reports/x')).toBe(false);
  expect(subdomains.test('http://us21.admin.mailchimp.com/reports/x')).toBe(false);
  expect(() => matchPatternToRegExp('mailchimp.com')).toThrow();
});

it('lists the supported pages within the page-state message limits', () => {
  expect(SUPPORTED_PAGES.length).toBeGreaterThanOrEqual(ADAPTERS.length);
  expect(SUPPORTED_PAGES.length).toBeLessThanOrEqual(100);
  for (const words of SUPPORTED_PAGES) expect(words.length).toBeLessThanOrEqual(200);
});
