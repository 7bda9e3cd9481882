// Tells open pages that stored data changed under them: extension pages (popup, options) get the Broadcast
// through runtime.sendMessage; ESP tabs with our content script get the page message they understand
// (PageMessageMap 'settings-changed': re-read the rows, which the worker labels with the new settings) through
// tabs.sendMessage. Nobody listening is normal (no popup open, a tab navigated away): those errors are dropped.
import browser from 'webextension-polyfill';
import { BROADCAST_CHANNEL, pageEnvelope, type Broadcast, type BroadcastMap, type BroadcastType } from '../shared/messages';
import { knownTabIds } from './tab-reports';

export async function broadcast<T extends BroadcastType>(type: T, payload: BroadcastMap[T]): Promise<void> {
  const message: Broadcast<T> = { channel: BROADCAST_CHANNEL, type, payload };
  const deliveries: Array<Promise<unknown>> = [Promise.resolve(browser.runtime.sendMessage(message))];
  if (type === 'settings-changed') {
    const { settings } = payload as BroadcastMap['settings-changed'];
    const toPage = pageEnvelope('settings-changed', { mode: settings.mode, showMarks: settings.showMarks });
    for (const tabId of await knownTabIds().catch(() => [] as number[])) deliveries.push(Promise.resolve(browser.tabs.sendMessage(tabId, toPage)));
  }
  await Promise.all(deliveries.map((delivery) => delivery.catch(() => undefined)));
}
