// The demo report page (an extension page: content scripts do not run here). It builds the fictional report
// and runs the very same reader, page runner and marks as the content script, with the generic adapter under
// the id `demo`, talking to the worker like a content script would (so the popup shows this tab's report).
import browser from 'webextension-polyfill';
import { isBroadcast, type BroadcastMap } from '../shared/messages';
import { demoAdapter } from '../adapters/generic';
import { messageTransport as transport } from '../content/message-transport';
import { startPageRunner } from '../content/page-runner';
import { buildDemoReport } from './report-data';


const root = document.getElementById('report');
if (root) {
  buildDemoReport(document, root);
  const runner = startPageRunner({ doc: document, transport, adapterFor: () => demoAdapter });
  // An extension page hears the worker's broadcasts directly: follow saved settings like a report page does.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isBroadcast(message) || message.type !== 'settings-changed') return undefined;
    const { settings } = message.payload as BroadcastMap['settings-changed'];
    runner.setMarksVisible(settings.showMarks);
    runner.marks.setMode(settings.mode);
    void runner.rescan();
    return undefined;
  });
  void runner.rescan().then((result) => {
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent =
      result.outcome === 'marked'
        ? 'Each row now carries its label. Hover a chip for the reasons.'
        : result.outcome === 'error'
          ? `The demo could not be classified: ${result.message}`
          : '';
  });
}
