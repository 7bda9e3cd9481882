// A stand-in for the background worker's page-rows handler: accumulates rows per campaign key (by row key, so
// a row seen twice counts once), classifies the accumulated campaign with the real classifier and bundled
// ranges, and answers with the verdicts of this page's rows — the contract of shared/messages.ts.
import { classifyCampaign } from '../../src/classifier';
import { getBundledIndex } from '../../src/ranges';
import type { CampaignIdentity, PageRowsPayload, PageRowsResponse, PageState } from '../../src/shared/messages';
import type { EngagementEvent } from '../../src/shared/types';
import { adapterForUrl } from '../../src/adapters/registry';
import { startPageRunner, type PageRunner, type RunnerTransport, type RunResult } from '../../src/content/page-runner';

export interface FakeWorker extends RunnerTransport {
  sentRows: PageRowsPayload[];
  states: Array<{ state: PageState; url: string; identity?: CampaignIdentity }>;
  visible: boolean;
}

export function createFakeWorker(): FakeWorker {
  const accumulated = new Map<string, Map<string, EngagementEvent>>();
  const worker: FakeWorker = {
    sentRows: [],
    states: [],
    visible: true,
    async sendRows(payload) {
      worker.sentRows.push(payload);
      const rows = accumulated.get(payload.campaignKey) ?? new Map<string, EngagementEvent>();
      accumulated.set(payload.campaignKey, rows);
      payload.rowKeys.forEach((key, at) => rows.set(key, payload.campaign.events[at]!));
      const keys = [...rows.keys()];
      const events = keys.map((key, index) => ({ ...rows.get(key)!, sourceIndex: index }));
      const report = classifyCampaign({ ...payload.campaign, events }, { ranges: getBundledIndex() });
      const byKey = new Map(keys.map((key, index) => [key, report.verdicts[index]!]));
      const response: PageRowsResponse = {
        report,
        // As the worker does: this page's rows, with the page's own sourceIndex restored.
        rowVerdicts: payload.rowKeys.map((key, at) => ({ ...byKey.get(key)!, sourceIndex: payload.campaign.events[at]!.sourceIndex })),
        accumulatedRows: rows.size,
      };
      return response;
    },
    async sendState(state, url, extra) {
      worker.states.push({ state, url, ...(extra?.identity ? { identity: extra.identity } : {}) });
    },
    async marksVisible() {
      return worker.visible;
    },
  };
  return worker;
}

/**
 * The real page runner on `doc` with the fake worker, recording every run: `runAfter(n)` resolves with the run
 * after the first n (at once when it already happened), for tests that wait for the page's own changes.
 */
export function startRecordedRunner(doc: Document): {
  worker: FakeWorker;
  runner: PageRunner;
  runs: RunResult[];
  runAfter(count: number): Promise<RunResult>;
} {
  const worker = createFakeWorker();
  const runs: RunResult[] = [];
  let notify: (() => void) | undefined;
  const runner = startPageRunner({
    doc,
    transport: worker,
    adapterFor: adapterForUrl,
    debounceMs: 20,
    onRunComplete(result) {
      runs.push(result);
      notify?.();
    },
  });
  const runAfter = (count: number) =>
    new Promise<RunResult>((resolve) => {
      const check = () => (runs.length > count ? resolve(runs[count]!) : undefined);
      notify = check;
      check();
    });
  return { worker, runner, runs, runAfter };
}
