// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { listClientHistory, mergeClients, recordAuditPoint, renameClient, splitClient } from '../../src/background/clients';
import { REFRESH_ORIGINS } from '../../src/background/refresh';
import { classifyCampaign } from '../../src/classifier';
import { importText } from '../../src/importers';
import { OptionsApp, sectionFromHash } from '../../src/options/App';
import { importFile } from '../../src/options/import-file';
import type { ImportRunner } from '../../src/options/run-import';
import { getBundledIndex } from '../../src/ranges';
import { BROADCAST_CHANNEL, type AuditRecord, type DatasetInfo, type UserRange } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, mergeSettingsChanges, type Settings } from '../../src/shared/settings';
import { formatCount, formatRate } from '../../src/ui/format';
import { byTestId, installFakeWorker, settle, waitFor, type FakeWorker } from '../ui/fixtures/fake-worker';
import { realisticReport } from '../ui/fixtures/realistic-campaign';

let worker: FakeWorker;
let settings: Settings;
let audits: AuditRecord[];
let userRanges: UserRange[];
let dataset: DatasetInfo;
let refreshOutcome: () => DatasetInfo;
const mounted: HTMLElement[] = [];

const directRunner: ImportRunner = (file, options, onProgress, signal) =>
  importFile(file, options, { onProgress, signal, sliceBytes: 2048 });

function setInput(element: HTMLElement, value: string) {
  (element as HTMLInputElement).value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Submits after Preact has re-rendered with the typed values (a person cannot submit in the same tick). */
async function submit(form: HTMLElement) {
  await settle();
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

function mount(section: string, runner: ImportRunner = directRunner) {
  location.hash = `#${section}`;
  const root = document.createElement('div');
  document.body.append(root);
  mounted.push(root);
  render(<OptionsApp importRunner={runner} />, root);
  return root;
}

const summary = realisticReport().summary;

/** Opens the import section, chooses a file as a person does, and waits for its report. */
async function importThroughPage(text: string, fileName: string): Promise<HTMLElement> {
  const root = mount('import');
  await waitFor(() => byTestId(root, 'import-file'));
  const input = byTestId(root, 'import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], fileName, { type: 'application/json' })] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await waitFor(() => byTestId(root, 'report'), 5000);
  return root;
}

beforeEach(async () => {
  // Client names, merges and points live in the extension's storage: every test starts without them.
  const stored = await browser.storage.local.get(null);
  await browser.storage.local.remove(Object.keys(stored).filter((key) => key === 'clients' || key.startsWith('points:')));
  settings = structuredClone(DEFAULT_SETTINGS);
  audits = [
    { id: 'a1', esp: 'sendgrid', campaignName: 'Spring sale 2026', source: 'page', createdAt: Date.UTC(2026, 2, 10, 15), summary },
    {
      id: 'a2',
      esp: 'mailchimp',
      campaignName: 'March newsletter',
      source: 'import',
      createdAt: Date.UTC(2026, 2, 12, 9),
      summary: { ...summary, raw: { ...summary.raw, openRate: 0.5 }, qualified: { ...summary.qualified, openRate: 0.31 } },
      settingsOutdated: true,
    },
  ];
  userRanges = [{ id: 1, cidr: '198.51.100.0/24', label: 'Acme gateway', kind: 'web-gateway', addedAt: 1 }];
  dataset = { version: '2026-11-01', source: 'bundled', prefixCount: 1843, userRangeCount: 1 };
  refreshOutcome = () => ({
    version: '2026-11-24',
    source: 'refreshed',
    fetchedAt: Date.now(),
    sourcesDate: '2026-11-24',
    prefixCount: 16022,
    userRangeCount: 1,
    lists: [
      { vendor: 'microsoft', source: 'https://endpoints.office.com/endpoints/worldwide', date: '2026-11-24', prefixCount: 41 },
      { vendor: 'google', source: 'https://www.gstatic.com/ipranges/goog.json', date: '2026-11-23', prefixCount: 77 },
      { vendor: 'apple-icloud', source: 'https://mask-api.icloud.com/egress-ip-ranges.csv', date: '2026-11-24', prefixCount: 14210 },
    ],
  });
  worker = installFakeWorker({
    'get-settings': () => settings,
    'save-settings': ({ settings: changes }) => (settings = mergeSettingsChanges(settings, changes)),
    'list-audits': () => audits,
    // The real worker code on the fake browser's storage: grouping, names, merges and points over time.
    'list-client-history': () => listClientHistory(audits),
    'rename-client': async ({ key, name }) => (await renameClient(key, name), null),
    'merge-clients': async ({ from, into }) => (await mergeClients(from, into), null),
    'split-client': async ({ key }) => (await splitClient(key), null),
    'delete-audit': ({ id }) => {
      audits = audits.filter((audit) => audit.id !== id);
      return null;
    },
    'pin-audit': ({ id, pinned }) => {
      audits = audits.map((audit) => (audit.id === id ? { ...audit, pinned } : audit));
      return null;
    },
    'clear-history': () => {
      audits = [];
      return null;
    },
    'dataset-info': () => dataset,
    'refresh-ranges': () => (dataset = refreshOutcome()),
    'use-bundled-ranges': () => (dataset = { ...dataset, source: 'bundled', sourcesDate: '2026-11-01', prefixCount: 1843 }),
    'history-status': () => ({
      reports: audits.length,
      pinned: 1,
      historyBytes: 150 * 1024 * 1024,
      historyCapBytes: settings.history.capMegabytes * 1024 * 1024,
      lastPruned: { at: Date.UTC(2026, 2, 14, 9), reports: 2, bytes: 12 * 1024 * 1024, names: ['January newsletter', 'Webinar invite'] },
    }),
    'lookup-stats': () => ({
      queriesSent: 412,
      cacheHits: 3000,
      cacheMisses: 1000,
      heldBack: 588,
      sentLastMinute: 60,
      sentToday: 412,
      perMinuteCap: 60,
      perDayCap: 2000,
    }),
    'list-user-ranges': () => userRanges,
    'add-user-range': ({ cidr, label, kind }) => {
      const range = { id: userRanges.length + 1, cidr, label, kind, addedAt: 2 };
      userRanges = [...userRanges, range];
      return range;
    },
    'remove-user-range': ({ id }) => {
      userRanges = userRanges.filter((range) => range.id !== id);
      return null;
    },
    'classify-import': ({ campaign }) => ({
      report: classifyCampaign(campaign, { ranges: getBundledIndex(), settings: settings.classifier }),
      auditId: 'import-1',
    }),
  });
});

afterEach(async () => {
  // Unmount, so an earlier test's page stops listening to hash changes.
  for (const root of mounted.splice(0)) render(null, root);
  worker.uninstall();
  document.body.innerHTML = '';
  for (const origin of (await browser.permissions.getAll()).origins ?? []) await browser.permissions.remove({ origins: [origin] });
});

describe('options page', () => {
  it('picks the section from the URL hash, settings by default', () => {
    expect(sectionFromHash('#history')).toBe('history');
    expect(sectionFromHash('#nope')).toBe('settings');
    expect(sectionFromHash('')).toBe('settings');
  });

  it('saves edited settings through save-settings', async () => {
    const root = mount('settings');
    await waitFor(() => byTestId(root, 'settings-form'));
    expect(byTestId(root, 'nav-settings').getAttribute('aria-current')).toBe('page');
    (byTestId(root, 'input-countSuspect') as HTMLInputElement).click();
    (byTestId(root, 'input-mode-log-only') as HTMLInputElement).click();
    setInput(byTestId(root, 'input-machineThreshold'), '0.7');
    (byTestId(root, 'input-burstWindowMode-fixed') as HTMLInputElement).click();
    setInput(byTestId(root, 'input-burstWindowSeconds'), '1.5');
    setInput(byTestId(root, 'input-honeypotPatterns'), 'https://shop.example.com/hp-');
    await submit(byTestId(root, 'settings-form'));
    await waitFor(() => expect(byTestId(root, 'settings-status').textContent).toBe('Settings saved.'));
    // Saved settings re-label every stored report, imported ones too (test/background/reclassify-imports.test.ts).
    expect(byTestId(root, 'settings-scope').textContent).toContain('imported from a file');
    expect(byTestId(root, 'settings-scope').textContent).not.toContain('keep the settings');
    // Only the fields changed go out: a stale copy of the others would undo what the popup saved meanwhile.
    expect(worker.callsOf('save-settings')).toEqual([
      {
        settings: {
          mode: 'log-only',
          classifier: {
            strict: true,
            machineThreshold: 0.7,
            burstWindowMode: 'fixed',
            burstWindowSeconds: 1.5,
            honeypotPatterns: ['https://shop.example.com/hp-'],
          },
        },
      },
    ]);
  });

  it('does not save invalid settings and marks the field', async () => {
    const root = mount('settings');
    await waitFor(() => byTestId(root, 'settings-form'));
    setInput(byTestId(root, 'input-suspectThreshold'), '0.9');
    await submit(byTestId(root, 'settings-form'));
    await waitFor(() => expect(byTestId(root, 'settings-status').textContent).toContain('Nothing saved'));
    expect(byTestId(root, 'input-suspectThreshold').getAttribute('aria-invalid')).toBe('true');
    expect(worker.callsOf('save-settings')).toEqual([]);
  });

  it('shows the dataset and refreshes it after asking for the official origins', async () => {
    const root = mount('ranges');
    await waitFor(() => expect(byTestId(root, 'dataset-version').textContent).toBe('2026-11-01'));
    expect(byTestId(root, 'dataset-prefixes').textContent).toBe('1,843');
    const request = vi.spyOn(browser.permissions, 'request');
    byTestId(root, 'refresh-ranges').click();
    await waitFor(() => expect(byTestId(root, 'ranges-status').textContent).toBe('Updated: dataset 2026-11-24, 16,022 prefixes.'));
    expect(request).toHaveBeenCalledWith({ origins: [...REFRESH_ORIGINS] });
    expect(byTestId(root, 'dataset-prefixes').textContent).toBe('16,022');
    request.mockRestore();
  });

  it('says which dataset is in use, from when, and goes back to the bundled one', async () => {
    dataset = {
      version: '2026112402',
      source: 'refreshed',
      sourcesDate: '2026-12-01',
      fetchedAt: Date.UTC(2026, 11, 1),
      prefixCount: 16022,
      userRangeCount: 1,
      bundled: { version: 2026112402, sourcesDate: '2026-11-24', prefixCount: 1843 },
    };
    const root = mount('ranges');
    await waitFor(() => expect(byTestId(root, 'dataset-in-use').textContent).toBe('Downloaded from the official sources (lists dated 2026-12-01)'));
    byTestId(root, 'use-bundled-ranges').click();
    await waitFor(() => expect(byTestId(root, 'ranges-status').textContent).toBe('Now using the bundled list: 1,843 prefixes.'));
    expect(byTestId(root, 'dataset-in-use').textContent).toBe('The list bundled with this version (sources dated up to 2026-11-01)');
    expect(worker.callsOf('use-bundled-ranges')).toHaveLength(1);
  });

  it('says when an update replaced an older download with the newer bundled list', async () => {
    dataset = { ...dataset, replaced: { source: 'refreshed', sourcesDate: '2026-10-02', prefixCount: 14300, fetchedAt: 1 } };
    const root = mount('ranges');
    await waitFor(() => expect(byTestId(root, 'dataset-replaced').textContent).toContain('dated 2026-10-02, 14,300 prefixes'));
  });

  it('shows the history size against its cap, what pruning removed, and saves a new cap', async () => {
    const root = mount('data');
    await waitFor(() => expect(byTestId(root, 'history-size').textContent).toBe('History: 150.0 MB of 200.0 MB (2 reports, 1 pinned).'));
    expect(byTestId(root, 'history-pruned').textContent).toContain('2 oldest reports (12.0 MB)');
    expect(byTestId(root, 'history-pruned').textContent).toContain('January newsletter, Webinar invite');
    setInput(byTestId(root, 'history-cap'), '3');
    await submit(byTestId(root, 'history-cap-form'));
    await waitFor(() => expect(byTestId(root, 'history-cap-form').textContent).toContain('from 5 to 5000'));
    expect(worker.callsOf('save-settings')).toEqual([]);
    setInput(byTestId(root, 'history-cap'), '120');
    await submit(byTestId(root, 'history-cap-form'));
    await waitFor(() => expect(worker.callsOf('save-settings')).toEqual([{ settings: { history: { capMegabytes: 120 } } }]));
  });

  it('shows the DNS lookup counts and the cache hit rate', async () => {
    const root = mount('mx');
    await waitFor(() => byTestId(root, 'lookup-counts'));
    expect(byTestId(root, 'lookup-counts').textContent).toContain('412 in all, 60 in the last minute (cap 60), 412 today (cap 2,000)');
    expect(byTestId(root, 'lookup-counts').textContent).toContain('75.0% (3,000 of 4,000 domains). Held back by the caps: 588.');
  });

  it('offers the official lists on first run with a plain consent sentence, and downloads only on the click', async () => {
    history.replaceState(null, '', `${location.pathname}?first-run=1#ranges`);
    const permission = vi.spyOn(browser.permissions, 'request');
    const root = mount('ranges');
    await waitFor(() => byTestId(root, 'first-run-card'));
    expect(byTestId(root, 'first-run-consent').textContent).toContain('mask-api.icloud.com');
    expect(byTestId(root, 'first-run-consent').textContent).toContain('nothing is downloaded unless you click');
    expect(worker.callsOf('refresh-ranges')).toEqual([]);
    expect(permission).not.toHaveBeenCalled();
    byTestId(root, 'first-run-download').click();
    await waitFor(() => expect(worker.callsOf('refresh-ranges')).toHaveLength(1));
    expect(permission).toHaveBeenCalledWith({ origins: [...REFRESH_ORIGINS] });
    await waitFor(() => expect(root.querySelector('[data-testid="first-run-card"]')).toBeNull());
    expect(location.search).toBe('');
    // The card is gone; the page says what was downloaded and the ranges section shows each list with its date.
    expect(byTestId(root, 'first-run-outcome').textContent).toBe('Updated: dataset 2026-11-24, 16,022 prefixes.');
    await waitFor(() => expect(byTestId(root, 'dataset-in-use').textContent).toBe('Downloaded from the official sources (lists dated 2026-11-24)'));
    const lists = [...root.querySelectorAll('[data-testid="dataset-list"]')].map((row) => row.textContent);
    expect(lists).toEqual([
      'Microsoft 365https://endpoints.office.com/endpoints/worldwide2026-11-2441',
      'Googlehttps://www.gstatic.com/ipranges/goog.json2026-11-2377',
      'Apple Mail Privacy Protection (iCloud)https://mask-api.icloud.com/egress-ip-ranges.csv2026-11-2414,210',
    ]);
    permission.mockRestore();
  });

  it('says why a refresh failed and that the old dataset stays', async () => {
    refreshOutcome = () => {
      throw new Error('Apple’s iCloud Private Relay list: timed out after 30 s');
    };
    const root = mount('ranges');
    await waitFor(() => byTestId(root, 'refresh-ranges'));
    byTestId(root, 'refresh-ranges').click();
    await waitFor(() =>
      expect(byTestId(root, 'ranges-status').textContent).toBe(
        'Refresh failed: Apple’s iCloud Private Relay list: timed out after 30 s. The previous dataset is still in use.',
      ),
    );
  });

  it('does not refresh without the permission', async () => {
    const root = mount('ranges');
    await waitFor(() => byTestId(root, 'refresh-ranges'));
    const request = vi.spyOn(browser.permissions, 'request').mockResolvedValue(false);
    byTestId(root, 'refresh-ranges').click();
    await waitFor(() => expect(byTestId(root, 'ranges-status').textContent).toContain('permission was not granted'));
    expect(worker.callsOf('refresh-ranges')).toEqual([]);
    request.mockRestore();
  });

  it('validates, adds and removes user ranges', async () => {
    const root = mount('ranges');
    await waitFor(() => expect(byTestId(root, 'user-ranges').textContent).toContain('198.51.100.0/24'));
    setInput(byTestId(root, 'range-cidr'), '203.0.113.7/24');
    setInput(byTestId(root, 'range-label'), 'Contoso sandbox');
    await submit(byTestId(root, 'add-range-form'));
    await waitFor(() => expect(byTestId(root, 'range-error').textContent).toContain('did you mean 203.0.113.0/24'));
    setInput(byTestId(root, 'range-cidr'), '203.0.113.0/33');
    await submit(byTestId(root, 'add-range-form'));
    await waitFor(() => expect(byTestId(root, 'range-error').textContent).toContain('is not an IP address or CIDR block'));
    expect(worker.callsOf('add-user-range')).toEqual([]);
    setInput(byTestId(root, 'range-cidr'), '2001:db8:1::/48');
    (byTestId(root, 'range-kind') as HTMLSelectElement).value = 'scanner';
    byTestId(root, 'range-kind').dispatchEvent(new Event('change', { bubbles: true }));
    await submit(byTestId(root, 'add-range-form'));
    await waitFor(() => expect(byTestId(root, 'user-ranges').textContent).toContain('2001:db8:1::/48'));
    expect(worker.callsOf('add-user-range')).toEqual([{ cidr: '2001:db8:1::/48', label: 'Contoso sandbox', kind: 'scanner' }]);
    (root.querySelector('button[aria-label="Remove 198.51.100.0/24"]') as HTMLButtonElement).click();
    await waitFor(() => expect(byTestId(root, 'user-ranges').textContent).not.toContain('198.51.100.0/24'));
    expect(worker.callsOf('remove-user-range')).toEqual([{ id: 1 }]);
  });

  it('adds a site with its permission and removes both', async () => {
    const root = mount('sites');
    await waitFor(() => byTestId(root, 'add-site-form'));
    setInput(byTestId(root, 'site-input'), 'reports.example-esp.com');
    await submit(byTestId(root, 'add-site-form'));
    await waitFor(() => expect(byTestId(root, 'custom-sites').textContent).toContain('https://reports.example-esp.com/*'));
    expect(settings.customSites).toEqual(['https://reports.example-esp.com/*']);
    await waitFor(() => expect(byTestId(root, 'custom-sites').textContent).toContain('(granted)'));
    (root.querySelector('button[aria-label="Remove https://reports.example-esp.com/*"]') as HTMLButtonElement).click();
    await waitFor(() => expect(settings.customSites).toEqual([]));
    expect(await browser.permissions.contains({ origins: ['https://reports.example-esp.com/*'] })).toBe(false);
  });

  it('keeps the mail-host lookup off by default, says what it sends, and asks for the resolver when turned on', async () => {
    const root = mount('mx');
    await waitFor(() => byTestId(root, 'mx-enabled'));
    expect((byTestId(root, 'mx-enabled') as HTMLInputElement).checked).toBe(false);
    expect(byTestId(root, 'mx-statement').textContent).toContain('the domain part of recipient addresses');
    const request = vi.spyOn(browser.permissions, 'request');
    (byTestId(root, 'mx-enabled') as HTMLInputElement).click();
    await waitFor(() => expect(settings.mxLookup.enabled).toBe(true));
    expect(request).toHaveBeenCalledWith({ origins: ['https://cloudflare-dns.com/*'] });
    request.mockRestore();
  });

  it('lists audits with raw and qualified rates, filters by ESP, compares two and deletes one', async () => {
    const root = mount('history');
    await waitFor(() => expect(root.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(2));
    const first = root.querySelector<HTMLElement>('[data-audit="a1"]')!;
    // An import the last settings change could not reach says its numbers are from earlier settings.
    expect(root.querySelector('[data-audit="a2"] [data-testid="audit-settings-outdated"]')!.textContent).toContain('import the file again');
    expect(first.querySelector('[data-testid="audit-settings-outdated"]')).toBeNull();
    expect(first.querySelector('[data-testid="audit-open-rates"]')!.textContent).toBe(
      `${formatRate(summary.raw.openRate)} → ${formatRate(summary.qualified.openRate)}`,
    );
    (byTestId(root, 'history-esp') as HTMLSelectElement).value = 'mailchimp';
    byTestId(root, 'history-esp').dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(root.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(1));
    (byTestId(root, 'history-esp') as HTMLSelectElement).value = '';
    byTestId(root, 'history-esp').dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(root.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(2));
    for (const box of root.querySelectorAll<HTMLInputElement>('[data-testid="audit-compare"]')) box.click();
    await waitFor(() => expect(root.querySelectorAll('[data-testid="compare-column"]')).toHaveLength(2));
    const columns = [...root.querySelectorAll('[data-testid="compare-column"]')];
    expect(columns.map((column) => column.querySelector('[data-testid="qualified-open-rate"]')!.textContent)).toEqual([
      '31.0%',
      formatRate(summary.qualified.openRate),
    ]);
    root.querySelector<HTMLInputElement>('[data-audit="a1"] [data-testid="audit-pin"]')!.click();
    await waitFor(() => expect(worker.callsOf('pin-audit')).toEqual([{ id: 'a1', pinned: true }]));
    await waitFor(() => expect(root.querySelector<HTMLInputElement>('[data-audit="a1"] [data-testid="audit-pin"]')!.checked).toBe(true));
    root.querySelector<HTMLButtonElement>('[data-audit="a1"] [data-testid="audit-delete"]')!.click();
    await waitFor(() => expect(root.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(1));
    expect(worker.callsOf('delete-audit')).toEqual([{ id: 'a1' }]);
  });

  it('shows the re-classified numbers when the worker says stored reports changed (a settings change elsewhere)', async () => {
    const root = mount('history');
    const openRates = () => root.querySelector('[data-audit="a2"] [data-testid="audit-open-rates"]')?.textContent;
    await waitFor(() => expect(openRates()).toBe('50.0% → 31.0%'));
    // Strict mode saved in the popup: the worker re-classified the imported report and broadcasts the change.
    audits = audits.map((audit) => (audit.id === 'a2' ? { ...audit, summary: { ...audit.summary, qualified: { ...audit.summary.qualified, openRate: 0.27 } } } : audit));
    (browser.runtime as unknown as { __dispatch(message: unknown, sender: unknown): unknown }).__dispatch(
      { channel: BROADCAST_CHANNEL, type: 'reports-changed', payload: { reason: 'settings', auditIds: ['a2'] } },
      { id: browser.runtime.id },
    );
    await waitFor(() => expect(openRates()).toBe('50.0% → 27.0%'));
  });

  it('groups the history by client, renames and merges clients, shows rates over time and exports one client', async () => {
    // Two readings of the Spring sale on the Acme account's page, the March newsletter imported for another account.
    await recordAuditPoint('a1', { account: 'Acme Corp', url: 'https://app.sendgrid.com/x', esp: 'sendgrid' }, { ...summary, raw: { ...summary.raw, openRate: 0.6 }, qualified: { ...summary.qualified, openRate: 0.3 } }, Date.UTC(2026, 2, 10, 15));
    await recordAuditPoint('a1', { account: 'Acme Corp', url: 'https://app.sendgrid.com/x', esp: 'sendgrid' }, summary, Date.UTC(2026, 2, 11, 15));
    await recordAuditPoint('a2', { account: 'Birch & Co', esp: 'mailchimp' }, audits[1]!.summary, Date.UTC(2026, 2, 12, 9));
    const root = mount('history');
    await waitFor(() => expect(root.querySelectorAll('[data-testid="client"]')).toHaveLength(2));
    const names = () => [...root.querySelectorAll('[data-testid="client-name"]')].map((heading) => heading.textContent);
    expect(names()).toEqual(['Acme Corp', 'Birch & Co']);
    let acme = root.querySelector<HTMLElement>('[data-client="account:acme corp"]')!;
    expect(acme.querySelector('[data-testid="audit-points"]')!.textContent).toContain('readings: 2');
    expect(acme.querySelector('[data-testid="audit-trend"]')).not.toBeNull();
    // Search narrows to the matching client.
    const search = byTestId(root, 'history-filter') as HTMLInputElement;
    search.value = 'birch';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => expect(names()).toEqual(['Birch & Co']));
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => expect(names()).toHaveLength(2));
    // Rename (the section was drawn anew when the search cleared).
    acme = root.querySelector<HTMLElement>('[data-client="account:acme corp"]')!;
    const input = acme.querySelector<HTMLInputElement>('[data-testid="client-rename-input"]')!;
    input.value = 'Acme (EU)';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    acme.querySelector<HTMLButtonElement>('[data-testid="client-rename"]')!.click();
    await waitFor(() => expect(names()).toEqual(['Acme (EU)', 'Birch & Co']));
    // Merge Birch into Acme: one client with both campaigns.
    const birch = [...root.querySelectorAll<HTMLElement>('[data-client]')].find((section) => section.dataset.client === 'account:birch & co')!;
    const select = birch.querySelector<HTMLSelectElement>('[data-testid="client-merge-select"]')!;
    select.value = 'account:acme corp';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(birch.querySelector<HTMLButtonElement>('[data-testid="client-merge"]')!.disabled).toBe(false));
    birch.querySelector<HTMLButtonElement>('[data-testid="client-merge"]')!.click();
    await waitFor(() => expect(names()).toEqual(['Acme (EU)']));
    expect(root.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(2);
    // Export one client's history: one CSV row per reading.
    const created: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), 'blob:x'));
    try {
      root.querySelector<HTMLButtonElement>('[data-testid="client-export"]')!.click();
      await waitFor(() => expect(created).toHaveLength(1));
      const csv = await created[0]!.text();
      expect(csv.split('\r\n')).toHaveLength(1 + 3);
      expect(csv).toContain('Acme (EU),Spring sale 2026,SendGrid,a1,2026-03-10T15:00:00.000Z');
      expect(csv).toContain('Acme (EU),March newsletter,Mailchimp,a2');
    } finally {
      createObjectURL.mockRestore();
    }
    // And undo the merge.
    root.querySelector<HTMLButtonElement>('[data-testid="client-split"]')!.click();
    await waitFor(() => expect(names()).toEqual(['Acme (EU)', 'Birch & Co']));
  });

  it('clears all history only after confirmation', async () => {
    const root = mount('history');
    await waitFor(() => byTestId(root, 'clear-history'));
    byTestId(root, 'clear-history').click();
    await waitFor(() => byTestId(root, 'cancel-clear-history'));
    byTestId(root, 'cancel-clear-history').click();
    await waitFor(() => byTestId(root, 'clear-history'));
    expect(worker.callsOf('clear-history')).toEqual([]);
    byTestId(root, 'clear-history').click();
    await waitFor(() => byTestId(root, 'confirm-clear-history'));
    byTestId(root, 'confirm-clear-history').click();
    await waitFor(() => byTestId(root, 'history-empty'));
    expect(worker.callsOf('clear-history')).toHaveLength(1);
  });

  it('imports an export file and shows the same report as classifying the file directly', async () => {
    const text = readFileSync(join(process.cwd(), 'test/fixtures/exports/sendgrid-webhook.json'), 'utf8');
    const expected = classifyCampaign(importText(text, { fileName: 'sendgrid-webhook.json' }).campaign, {
      ranges: getBundledIndex(),
    }).summary;
    const root = await importThroughPage(text, 'sendgrid-webhook.json');
    expect(byTestId(root, 'import-status').textContent).toMatch(/^Imported sendgrid-webhook\.json \(sendgrid-webhook\): \d+ events\.$/);
    expect(byTestId(root, 'raw-open-rate').textContent).toBe(formatRate(expected.raw.openRate));
    expect(byTestId(root, 'qualified-open-rate').textContent).toBe(formatRate(expected.qualified.openRate));
    expect(byTestId(root, 'raw-click-rate').textContent).toBe(formatRate(expected.raw.clickRate));
    expect(byTestId(root, 'qualified-click-rate').textContent).toBe(formatRate(expected.qualified.clickRate));
    expect(byTestId(root, 'count-scanner').textContent).toBe(formatCount(expected.byLabel.scanner));
    expect(byTestId(root, 'count-human').textContent).toBe(formatCount(expected.byLabel.human));
    const [call] = worker.callsOf('classify-import');
    expect(call).toMatchObject({ fileName: 'sendgrid-webhook.json', format: 'sendgrid-webhook' });
  });

  it('shows an import classified on a full disk with the reason it is not in the history and the way to free space', async () => {
    const text = readFileSync(join(process.cwd(), 'test/fixtures/exports/sendgrid-webhook.json'), 'utf8');
    worker.uninstall();
    worker = installFakeWorker({
      'get-settings': () => settings,
      'classify-import': ({ campaign }) => ({
        report: classifyCampaign(campaign, { ranges: getBundledIndex(), settings: settings.classifier }),
        auditId: 'import-1',
        storageProblem: { kind: 'quota', message: 'QuotaExceededError: The quota has been exceeded.', historyBytes: 199 * 1024 * 1024, historyCapBytes: 200 * 1024 * 1024 },
      }),
    });
    const root = await importThroughPage(text, 'sendgrid-webhook.json');
    expect(byTestId(root, 'storage-banner').textContent).toContain(
      'This import could not be saved: the browser’s storage is full (history 199 MB, cap 200 MB). The report below is right, but it is not in the history.',
    );
    byTestId(root, 'free-space').click();
    await waitFor(() => expect(location.hash).toBe('#data'));
  });

  it('shows read progress for a dropped file and cancels the import', async () => {
    let seenSignal: AbortSignal | undefined;
    const pausedRunner: ImportRunner = (file, _options, onProgress, signal) => {
      seenSignal = signal;
      onProgress({ bytesRead: file.size / 2, totalBytes: file.size });
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    };
    const root = mount('import', pausedRunner);
    await waitFor(() => byTestId(root, 'drop-zone'));
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File(['x'.repeat(1000)], 'opens.csv')] } });
    byTestId(root, 'drop-zone').dispatchEvent(drop);
    await waitFor(() => expect(byTestId(root, 'import-status').textContent).toBe('Reading opens.csv: 50%'));
    const progress = byTestId(root, 'import-progress') as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([500, 1000]);
    [...root.querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!.click();
    await waitFor(() => expect(root.querySelector('[data-testid="import-progress"]')).toBeNull());
    expect(seenSignal!.aborted).toBe(true);
    expect(worker.callsOf('classify-import')).toEqual([]);
  });

  it('reads the file as the format picked by hand, and refuses a workbook in a sentence', async () => {
    const seen: Array<string | undefined> = [];
    const recordingRunner: ImportRunner = (file, options, onProgress, signal) => {
      seen.push(options.format);
      return directRunner(file, options, onProgress, signal);
    };
    const root = mount('import', recordingRunner);
    await waitFor(() => byTestId(root, 'import-format'));
    const picker = byTestId(root, 'import-format') as HTMLSelectElement;
    expect([...picker.options].map((option) => option.value)).toEqual(expect.arrayContaining(['', 'mandrill', 'sparkpost', 'klaviyo', 'marketo', 'csv']));
    expect(root.textContent).not.toMatch(/--format/);
    picker.value = 'sendgrid-webhook';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    const input = byTestId(root, 'import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])], 'report.xlsx')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(byTestId(root, 'import-status').textContent).toMatch(/^Could not import report\.xlsx: report\.xlsx is a ZIP archive or an Excel\/OpenDocument workbook/));
    expect(seen).toEqual(['sendgrid-webhook']);
    expect(worker.callsOf('classify-import')).toEqual([]);
  });

  it('lists import problems with their line numbers', async () => {
    const csv = [
      'Email,Event,Timestamp,IP,User Agent,URL',
      'ann@example.com,open,2025-02-13T17:05:00Z,73.40.12.30,Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0.0.0,',
      'ben@example.com,click,yesterday-ish,73.41.12.31,Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0.0.0,https://shop.example.com/a',
      'cat@example.com,click,2025-02-13T17:09:00Z,73.42.12.32,Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0.0.0,https://shop.example.com/b',
    ].join('\n');
    const expectedProblems = importText(csv, { fileName: 'activity.csv' }).errors;
    const root = mount('import');
    await waitFor(() => byTestId(root, 'import-file'));
    const input = byTestId(root, 'import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([csv], 'activity.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => byTestId(root, 'report'), 5000);
    const shown = [...root.querySelectorAll('[data-testid="import-problem"]')].map((item) => item.textContent);
    expect(expectedProblems.length).toBeGreaterThan(0);
    expect(shown).toHaveLength(expectedProblems.length);
    expect(shown[0]).toMatch(/^line 3\b/);
    expect(shown[0]).toContain("'yesterday-ish' is not a date");
  });

  it('imports a settings file through the sanitizer and saves it', async () => {
    const root = mount('data');
    await waitFor(() => byTestId(root, 'import-settings'));
    const file = new File(
      [JSON.stringify({ mode: 'log-only', classifier: { strict: true, machineThreshold: 7 }, customSites: ['http://bad', 'https://ok.example.com/*'] })],
      'settings.json',
    );
    const input = byTestId(root, 'import-settings') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(byTestId(root, 'data-status').textContent).toBe('Settings imported and saved.'));
    expect(settings.mode).toBe('log-only');
    expect(settings.classifier.strict).toBe(true);
    expect(settings.classifier.machineThreshold).toBe(DEFAULT_SETTINGS.classifier.machineThreshold);
    expect(settings.customSites).toEqual(['https://ok.example.com/*']);
  });

  it('refuses a settings file that is not JSON and saves nothing', async () => {
    const root = mount('data');
    await waitFor(() => byTestId(root, 'import-settings'));
    const input = byTestId(root, 'import-settings') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['mode=log-only'], 'settings.txt')] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(byTestId(root, 'data-status').textContent).toMatch(/^Could not import settings: not JSON/));
    expect(worker.callsOf('save-settings')).toEqual([]);
  });
});

describe('options navigation', () => {
  it('moves focus to the chosen section’s heading', async () => {
    const root = mount('settings');
    await waitFor(() => byTestId(root, 'settings-form'));
    location.hash = '#history';
    await waitFor(() => expect(byTestId(root, 'nav-history').getAttribute('aria-current')).toBe('page'));
    await waitFor(() => expect(document.activeElement).toBe(byTestId(root, 'section-heading')));
    expect(document.activeElement!.textContent).toBe('History');
  });
});
