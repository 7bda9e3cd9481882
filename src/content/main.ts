// Content script entry: runs on the ESP report hosts of the manifest and on sites the user granted. It picks
// the adapter by URL (the generic reader on unknown pages), starts the page runner and wires it to the worker
// through the typed messages, and lets the popup toggle the chips.
import browser from 'webextension-polyfill';
import { adapterForUrl } from '../adapters/registry';
import { validatePageMessage } from '../shared/messages';
import { messageTransport as transport } from './message-transport';
import { startPageRunner } from './page-runner';


// Guard against a second injection (the worker registers the script for granted sites; a reload may repeat it).
const marker = '__scannerSieveRunner';
const scope = globalThis as unknown as Record<string, unknown>;
if (!scope[marker]) {
  const runner = startPageRunner({ doc: document, transport, adapterFor: adapterForUrl });
  scope[marker] = runner;
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    const request = validatePageMessage(message, sender, browser.runtime.id);
    if (!request) return undefined;
    if (request.type === 'set-marks-visible') runner.setMarksVisible(request.payload.visible);
    else {
      // Saved settings re-label the stored report in the worker: read the rows again for the new verdicts.
      runner.setMarksVisible(request.payload.showMarks);
      runner.marks.setMode(request.payload.mode);
      void runner.rescan();
    }
    return Promise.resolve({ ok: true, value: null });
  });
  void runner.rescan();
}
