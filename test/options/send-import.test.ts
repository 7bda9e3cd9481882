import { classifyCampaign } from '../../src/classifier';
import { classifyImportedCampaign } from '../../src/options/send-import';
import { getBundledIndex } from '../../src/ranges';
import { IMPORT_CHUNK_MAX_EVENTS, MESSAGE_RULES, type Envelope } from '../../src/shared/messages';
import type { EngagementEvent } from '../../src/shared/types';
import { installFakeWorker, type FakeWorker } from '../ui/fixtures/fake-worker';
import { realisticCampaign } from '../ui/fixtures/realistic-campaign';

let worker: FakeWorker | undefined;
afterEach(() => worker?.uninstall());

/** A worker that buffers chunks the way the protocol describes, and validates every payload like the real one. */
function chunkingWorker(buffers = new Map<string, EngagementEvent[]>()) {
  return installFakeWorker({
    'import-chunk': (payload) => {
      expect(MESSAGE_RULES['import-chunk'].payload(payload)).toBe(true);
      const buffer = buffers.get(payload.importId) ?? [];
      buffer.push(...payload.events);
      buffers.set(payload.importId, buffer);
      return { buffered: buffer.length };
    },
    'classify-import': (payload) => {
      expect(MESSAGE_RULES['classify-import'].payload(payload)).toBe(true);
      const before = payload.importId ? (buffers.get(payload.importId) ?? []) : [];
      const campaign = { ...payload.campaign, events: [...before, ...payload.campaign.events] };
      return { report: classifyCampaign(campaign, { ranges: getBundledIndex() }), auditId: 'audit-1' };
    },
  });
}

describe('classifyImportedCampaign', () => {
  const campaign = realisticCampaign();
  const direct = classifyCampaign(campaign, { ranges: getBundledIndex() });

  it('sends a small campaign in one message', async () => {
    worker = chunkingWorker();
    const { report } = await classifyImportedCampaign(campaign, 'a.json', 'sendgrid-webhook');
    expect(report).toEqual(direct);
    expect(worker.calls.map((call) => call.type)).toEqual(['classify-import']);
  });

  it('sends a big campaign in chunks and gets the same report as one message would', async () => {
    worker = chunkingWorker();
    const progress: Array<[number, number]> = [];
    const { report } = await classifyImportedCampaign(campaign, 'a.json', 'sendgrid-webhook', {
      chunkEvents: 40,
      newImportId: () => 'import-1',
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(report).toEqual(direct);
    const total = campaign.events.length;
    const chunks = worker.callsOf('import-chunk');
    expect(chunks.map((chunk) => chunk.events.length)).toEqual(Array(Math.ceil(total / 40) - 1).fill(40));
    const [last] = worker.callsOf('classify-import');
    expect(last!.importId).toBe('import-1');
    expect(last!.campaign.events).toEqual(campaign.events.slice(chunks.length * 40));
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress[0]).toEqual([40, total]);
  });

  it('fails loudly when the worker lost chunks (it restarted mid-import)', async () => {
    const buffers = new Map<string, EngagementEvent[]>();
    let calls = 0;
    worker = installFakeWorker({
      'import-chunk': ({ events }) => {
        calls += 1;
        if (calls === 2) buffers.clear(); // the restart
        const buffer = buffers.get('x') ?? [];
        buffer.push(...events);
        buffers.set('x', buffer);
        return { buffered: buffer.length };
      },
    });
    await expect(
      classifyImportedCampaign(campaign, 'a.json', 'csv', { chunkEvents: 30, newImportId: () => 'x' }),
    ).rejects.toThrow('holds 30 of the 60 events sent');
  });

  it('falls back to one message when the worker does not take chunks', async () => {
    worker = installFakeWorker({
      'classify-import': (payload) => ({ report: classifyCampaign(payload.campaign, { ranges: getBundledIndex() }), auditId: 'a' }),
    });
    const { report } = await classifyImportedCampaign(campaign, 'a.json', 'csv', { chunkEvents: 40 });
    expect(report).toEqual(direct);
    expect(worker.calls.map((call) => call.type)).toEqual(['import-chunk', 'classify-import']);
  });

  it('keeps each chunk message far below Chrome’s 64 MiB message limit at the default chunk size', () => {
    // The largest event a validated payload allows: every string field at its maximum length.
    const widest: EngagementEvent = {
      type: 'click',
      sourceIndex: 1e9,
      recipient: 'r'.repeat(512),
      timestamp: 1e13,
      ip: 'f'.repeat(64),
      userAgent: 'u'.repeat(2048),
      url: 'h'.repeat(8192),
      messageId: 'm'.repeat(512),
      sourceBotHint: 'b'.repeat(128),
      count: 1e6,
    };
    const envelope: Envelope<'import-chunk'> = {
      channel: 'scanner-sieve/v1',
      type: 'import-chunk',
      payload: { importId: 'x'.repeat(36), events: Array(IMPORT_CHUNK_MAX_EVENTS).fill(widest) },
    };
    expect(MESSAGE_RULES['import-chunk'].payload(envelope.payload)).toBe(true);
    expect(JSON.stringify(envelope).length).toBeLessThan(64 * 1024 * 1024);
  });
});
