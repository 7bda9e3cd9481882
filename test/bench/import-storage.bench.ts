// What keeping an imported report's events costs (issue 11 point 9): a 100 000-event export is kept by column
// (src/background/compact-events.ts) so a settings change can re-classify it. Prints the stored size against the
// same events as objects, the time to pack, store, read back and unpack them, and one re-classification.
// On fake-indexeddb in Node: figures to compare versions of this code, not a browser's disk. Asserts nothing.
import 'fake-indexeddb/auto';
import { approxEventBytes } from '../../src/background/accumulate';
import { compactEvents, compactEventsBytes, expandEvents } from '../../src/background/compact-events';
import { closeSieveDb, getImportEvents, openSieveDb, storeImportReport } from '../../src/background/db';
import { classifyCampaign } from '../../src/classifier/index';
import { getBundledIndex } from '../../src/ranges/index';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { CampaignReport, EngagementEvent } from '../../src/shared/types';

const EVENTS = 100_000;
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  'Mozilla/5.0',
];

/** An export of 35 000 recipients, ~3 events each, a dozen links: the repetition real exports have. */
function exportEvents(sentAt: number): EngagementEvent[] {
  return Array.from({ length: EVENTS }, (_, k) => {
    const reader = k % 35_000;
    const click = k % 3 === 2;
    return {
      type: click ? 'click' : 'open',
      sourceIndex: k,
      recipient: `reader${reader}@company${reader % 900}.example.com`,
      timestamp: sentAt + (30 + ((k * 7919) % 86_400)) * 1000,
      ip: `81.${reader & 255}.${(reader >> 8) & 255}.${1 + (k % 200)}`,
      userAgent: AGENTS[k % AGENTS.length]!,
      messageId: `msg-${reader}.filter0001p1mdw1-12345-67890@example.sendgrid.net`,
      ...(click ? { url: `https://shop.example.com/spring/${k % 12}?utm_source=newsletter&utm_campaign=spring` } : {}),
    } satisfies EngagementEvent;
  });
}

const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
};

export async function run(): Promise<void> {
  const sentAt = Date.UTC(2026, 2, 10, 14);
  const events = exportEvents(sentAt);
  const asObjects = events.reduce((sum, event) => sum + approxEventBytes(event), 0);
  const [compact, packMs] = await time(() => compactEvents(events));
  const bytes = compactEventsBytes(compact);
  console.log(
    `${EVENTS.toLocaleString('en')} imported events: ${(bytes / 1048576).toFixed(1)} MB by column vs ${(asObjects / 1048576).toFixed(1)} MB as objects (${((100 * bytes) / asObjects).toFixed(0)} %), ${compact.strings.length.toLocaleString('en')} distinct texts; packed in ${packMs.toFixed(0)} ms`,
  );
  const db = await openSieveDb({ name: `import-storage-bench-${Date.now()}` });
  const summary = {} as CampaignReport['summary'];
  const auditId = 'import:bench:spring.json';
  const [, storeMs] = await time(() =>
    storeImportReport(
      { auditId, campaign: { name: 'Spring', sentAt }, events: compact },
      { id: auditId, esp: 'sendgrid', campaignName: 'Spring', source: 'import', createdAt: sentAt, summary, bytes },
      db,
    ),
  );
  const [stored, readMs] = await time(() => getImportEvents(auditId, db));
  const [expanded, unpackMs] = await time(() => expandEvents(stored!.events));
  const [, classifyMs] = await time(() =>
    classifyCampaign({ ...stored!.campaign, events: expanded }, { ranges: getBundledIndex(), settings: { ...DEFAULT_SETTINGS.classifier, strict: true } }),
  );
  console.log(
    `store ${storeMs.toFixed(0)} ms, read back ${readMs.toFixed(0)} ms, unpack ${unpackMs.toFixed(0)} ms, re-classify ${classifyMs.toFixed(0)} ms (one settings change, this report)`,
  );
  await closeSieveDb();
}
