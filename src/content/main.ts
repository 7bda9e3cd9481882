// Content script entry: runs on the ESP report hosts of the manifest and on sites the user granted. It picks
// the adapter by URL (the generic reader on unknown pages), starts the page runner and wires it to the worker
// through the typed messages, and lets the popup toggle the chips.
import browser from 'webextension-polyfill';
import { adapterForUrl } from '../adapters/registry';
import { CHANNEL } from '../shared/messages';
import { messageTransport as transport } from './message-transport';
import { startPageRunner } from './page-runner';


// Guard against a second injection (the worker registers the script for granted sites; a reload may repeat it).
const marker = '__scannerSieveRunner';
const scope = globalThis as unknown as Record<string, unknown>;
if (!scope[marker]) {
  const runner = startPageRunner({ doc: document, transport, adapterFor: adapterForUrl });
  scope[marker] = runner;
  browser.runtime.onMessage.addListener((message: unknown) => {
    const record = message as { channel?: unknown; type?: unknown; payload?: { visible?: unknown } } | null;
    if (record?.channel !== CHANNEL || record.type !== 'set-marks-visible') return undefined;
    if (typeof record.payload?.visible !== 'boolean') return undefined;
    runner.setMarksVisible(record.payload.visible);
    return Promise.resolve({ ok: true, value: null });
  });
  void runner.rescan();
}
