// How a page run talks to the background worker: through the typed message map. Shared by the content script
// and the bundled demo page, which runs the same reader on an extension page.
import { sendMessage } from '../shared/send-message';
import type { RunnerTransport } from './page-runner';

export const messageTransport: RunnerTransport = {
  sendRows: (payload) => sendMessage('page-rows', payload),
  async sendState(state, url, extra) {
    await sendMessage('page-state', { state, url, ...extra });
  },
  async marksVisible() {
    return (await sendMessage('get-settings', {})).showMarks;
  },
  async filterMode() {
    return (await sendMessage('get-settings', {})).mode;
  },
};
