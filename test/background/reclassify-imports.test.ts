// Issue 11 point 9 for imported reports: an export imported on the options page keeps its events (by column), so
// a settings change re-labels it exactly as it re-labels page reports, and the history shows the new numbers.
// Driven through the worker's own handler map on fake-indexeddb, with a generated export read by the real
// importer, as the options page sends it.
import fc from 'fast-check';
import browser from 'webextension-polyfill';
import { classifyCampaign } from '../../src/classifier/index';
import { compactEvents, compactEventsBytes, expandEvents } from '../../src/background/compact-events';
import { approxEventBytes } from '../../src/background/accumulate';
import { closeSieveDb, getImportEvents, openSieveDb, putAuditRecord } from '../../src/background/db';
import { pruneHistory } from '../../src/background/history';
import { importBytes } from '../../src/importers';
import { getBundledIndex } from '../../src/ranges/index';
import { envelope, type AuditRecord, type Reply } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { Campaign, ClassifierSettings, EngagementEvent } from '../../src/shared/types';
import { generateCampaign, HARD_BEHAVIOURS } from '../generator/campaign';
import { serializeCampaign } from '../generator/formats';

type FakeRuntime = { __dispatch(message: unknown, sender: unknown): Promise<Reply<never>> | undefined };
const runtime = browser.runtime as unknown as FakeRuntime;
const OPTIONS = { id: browser.runtime.id, url: browser.runtime.getURL('src/options/index.html') };

(globalThis as Record<string, unknown>).__SIEVE_E2E__ = false;
(globalThis as Record<string, unknown>).__SIEVE_BROWSER__ = 'chrome';

async function ask<T extends Parameters<typeof envelope>[0]>(type: T, payload: Parameters<typeof envelope<T>>[1]) {
  const reply = (await runtime.__dispatch(envelope(type, payload), OPTIONS)) as Reply<T>;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** A generated hard-set campaign written as a SendGrid webhook export and read back by the real importer. */
async function importedExport(seed: number, recipients: number): Promise<Campaign> {
  const generated = generateCampaign({ seed, kind: 'mixed', recipients, behaviours: HARD_BEHAVIOURS });
  const file = serializeCampaign(generated, 'sendgrid-webhook');
  async function* bytes() {
    yield new TextEncoder().encode(file.text);
  }
  const result = await importBytes(bytes(), { fileName: `campaign-${seed}.json` });
  expect(result.errors).toEqual([]);
  return { ...result.campaign, name: `Campaign ${seed}` };
}

/** The classifier's own summary for these settings: what the stored report must carry (the worker adds mail hosts). */
function expectedSummary(campaign: Campaign, classifier: ClassifierSettings) {
  return classifyCampaign(campaign, { ranges: getBundledIndex(), settings: classifier }).summary;
}

function classifierPart(summary: AuditRecord['summary']) {
  const { byMailHost: _mailHosts, ...rest } = summary;
  return rest;
}

async function storedAudit(id: string): Promise<AuditRecord> {
  const audit = (await ask('list-audits', {})).find((record) => record.id === id);
  if (!audit) throw new Error(`no stored report ${id}`);
  return audit;
}

let main: typeof import('../../src/background/main');
let campaign: Campaign;

beforeAll(async () => {
  main = await import('../../src/background/main');
  campaign = await importedExport(11, 1500);
});

afterAll(async () => {
  await closeSieveDb();
  await openSieveDb();
});

describe('imported events kept by column', () => {
  it('reads back every event exactly as imported, in a fraction of the size of the events as objects', () => {
    const compact = compactEvents(campaign.events);
    expect(expandEvents(compact)).toEqual(campaign.events);
    const asObjects = campaign.events.reduce((sum, event) => sum + approxEventBytes(event), 0);
    expect(compactEventsBytes(compact)).toBeLessThan(asObjects / 2);
  });

  it('round-trips any events, fields absent or present', () => {
    const text = fc.option(fc.string({ maxLength: 40 }), { nil: undefined });
    const event = fc.record(
      {
        type: fc.constantFrom('open' as const, 'click' as const),
        sourceIndex: fc.nat(),
        recipient: text,
        timestamp: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
        ip: text,
        userAgent: text,
        url: text,
        messageId: text,
        sourceBotHint: text,
        count: fc.option(fc.nat(1000), { nil: undefined }),
      },
      { requiredKeys: ['type', 'sourceIndex'] },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const defined = events.map((one) => Object.fromEntries(Object.entries(one).filter(([, value]) => value !== undefined)) as unknown as EngagementEvent);
        expect(expandEvents(compactEvents(defined))).toEqual(defined);
      }),
    );
  });
});

describe('a settings change re-labels imported reports (issue 11 point 9)', () => {
  it('import → strict mode → a lower machine threshold: the stored report and the history carry the new numbers each time', async () => {
    const { auditId, report } = await ask('classify-import', { campaign, fileName: 'campaign-11.json', format: 'sendgrid-webhook' });
    expect(classifierPart(report.summary)).toEqual(expectedSummary(campaign, DEFAULT_SETTINGS.classifier));
    const imported = await storedAudit(auditId);
    expect(imported.summary).toEqual(report.summary);
    // The events are kept, and they count in the history's size.
    const stored = await getImportEvents(auditId);
    expect(stored?.events.count).toBe(campaign.events.length);
    expect(imported.bytes).toBeGreaterThan(compactEventsBytes(stored!.events));
    expect((await ask('history-status', {})).historyBytes).toBeGreaterThanOrEqual(imported.bytes!);

    // Strict: suspects leave the people numbers. This campaign has suspects, so the numbers must move.
    expect(report.summary.byLabel.suspect).toBeGreaterThan(0);
    const strict: ClassifierSettings = { ...DEFAULT_SETTINGS.classifier, strict: true };
    await ask('save-settings', { settings: { classifier: { strict: true } } });
    await main.settingsApplied;
    const afterStrict = await storedAudit(auditId);
    expect(classifierPart(afterStrict.summary)).toEqual(expectedSummary(campaign, strict));
    const people = (summary: AuditRecord['summary']) => summary.qualified.uniqueOpens + summary.qualified.uniqueClicks;
    expect(people(afterStrict.summary)).toBeLessThan(people(report.summary));

    // A lower machine threshold turns more events into machines.
    const lower: ClassifierSettings = { ...strict, machineThreshold: 0.4 };
    await ask('save-settings', { settings: { classifier: { machineThreshold: 0.4 } } });
    await main.settingsApplied;
    const afterThreshold = await storedAudit(auditId);
    expect(classifierPart(afterThreshold.summary)).toEqual(expectedSummary(campaign, lower));
    const machines = (summary: AuditRecord['summary']) => summary.byLabel.scanner + summary.byLabel.proxy;
    expect(machines(afterThreshold.summary)).toBeGreaterThan(machines(afterStrict.summary));

    // The history the options page shows reads the stored summary: the new numbers.
    const history = await ask('list-client-history', {});
    const row = history.flatMap((client) => client.audits).find((entry) => entry.audit.id === auditId);
    expect(row?.audit.summary).toEqual(afterThreshold.summary);

    await ask('save-settings', { settings: { classifier: { strict: false, machineThreshold: DEFAULT_SETTINGS.classifier.machineThreshold } } });
    await main.settingsApplied;
    expect((await storedAudit(auditId)).summary).toEqual(report.summary);
  });

  it('says so on an import kept before imports stored their events, which a settings change cannot reach', async () => {
    const old: AuditRecord = {
      id: 'import:legacy:old-export.csv',
      esp: 'sendgrid-webhook',
      campaignName: 'Kept before events were stored',
      source: 'import',
      createdAt: Date.parse('2026-11-01T09:00:00Z'),
      summary: expectedSummary(campaign, DEFAULT_SETTINGS.classifier) as AuditRecord['summary'],
    };
    await putAuditRecord(old);
    const { auditId } = await ask('classify-import', { campaign, fileName: 'campaign-11b.json', format: 'sendgrid-webhook' });
    await ask('save-settings', { settings: { classifier: { strict: true } } });
    await main.settingsApplied;
    const legacy = await storedAudit(old.id);
    expect(legacy.settingsOutdated).toBe(true);
    expect(legacy.summary).toEqual(old.summary);
    // A report with its events stored is re-classified and never carries the note.
    expect((await storedAudit(auditId)).settingsOutdated).toBeUndefined();
    await ask('save-settings', { settings: { classifier: { strict: false } } });
    await main.settingsApplied;
    await ask('delete-audit', { id: old.id });
    await ask('delete-audit', { id: auditId });
  });

  it('re-classifies a big import sent in chunks from its stored events too', async () => {
    const big = await importedExport(12, 3000);
    const half = Math.floor(big.events.length / 2);
    await ask('import-chunk', { importId: 'chunked-12', events: big.events.slice(0, half) });
    const { auditId } = await ask('classify-import', {
      campaign: { ...big, events: big.events.slice(half) },
      fileName: 'campaign-12.json',
      format: 'sendgrid-webhook',
      importId: 'chunked-12',
    });
    expect((await getImportEvents(auditId))?.events.count).toBe(big.events.length);
    await ask('save-settings', { settings: { classifier: { strict: true } } });
    await main.settingsApplied;
    expect(classifierPart((await storedAudit(auditId)).summary)).toEqual(expectedSummary(big, { ...DEFAULT_SETTINGS.classifier, strict: true }));
    await ask('save-settings', { settings: { classifier: { strict: false } } });
    await main.settingsApplied;
  });
});

describe('an import on a full disk', () => {
  it('comes back classified with the storage problem, and nothing of it is stored or charted', async () => {
    const small = await importedExport(31, 300);
    const put = IDBObjectStore.prototype.put;
    const failing = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'importEvents') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    let answer: Awaited<ReturnType<typeof ask<'classify-import'>>>;
    try {
      answer = await ask('classify-import', { campaign: small, fileName: 'campaign-31.json', format: 'sendgrid-webhook' });
    } finally {
      failing.mockRestore();
    }
    expect(classifierPart(answer.report.summary)).toEqual(expectedSummary(small, DEFAULT_SETTINGS.classifier));
    expect(answer.storageProblem).toMatchObject({ kind: 'quota', historyCapBytes: DEFAULT_SETTINGS.history.capMegabytes * 1024 * 1024 });
    expect(await getImportEvents(answer.auditId)).toBeUndefined();
    expect((await ask('list-audits', {})).some((audit) => audit.id === answer.auditId)).toBe(false);
    const charted = (await ask('list-client-history', {})).flatMap((client) => client.audits).some((entry) => entry.audit.id === answer.auditId);
    expect(charted).toBe(false);
    expect(await browser.storage.local.get(`points:${answer.auditId}`)).toEqual({});
  });
});

describe('imported events leave with their report', () => {
  it('prunes the oldest unpinned import with its events, never a pinned one; delete and clear take the events too', async () => {
    await ask('clear-history', {});
    const ids: string[] = [];
    for (const seed of [21, 22, 23]) {
      const { auditId } = await ask('classify-import', { campaign: await importedExport(seed, 800), fileName: `campaign-${seed}.json`, format: 'sendgrid-webhook' });
      ids.push(auditId);
      // Distinct creation times (the audit id carries the time in ms).
      await new Promise((resolveWait) => setTimeout(resolveWait, 5));
    }
    const [oldest, middle, newest] = ids as [string, string, string];
    await ask('pin-audit', { id: oldest, pinned: true });
    const status = await ask('history-status', {});
    // A cap that holds two of the three reports: the oldest unpinned one (middle) goes, the pinned one stays.
    const perReport = status.historyBytes / 3;
    const tightCap: Settings = { ...DEFAULT_SETTINGS, history: { capMegabytes: (2.5 * perReport) / (1024 * 1024) } };
    const removed = await pruneHistory(tightCap);
    expect(removed.map((record) => record.id)).toEqual([middle]);
    expect(await getImportEvents(middle)).toBeUndefined();
    expect(await getImportEvents(oldest)).toBeDefined();

    await ask('delete-audit', { id: newest });
    expect(await getImportEvents(newest)).toBeUndefined();
    await ask('clear-history', {});
    expect(await getImportEvents(oldest)).toBeUndefined();
    expect((await ask('history-status', {})).historyBytes).toBe(0);
  });
});
