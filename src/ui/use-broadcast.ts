// What an extension page does with the worker's broadcasts (shared/messages.ts BroadcastMap): one listener per
// use, removed with the component, answering nothing (returning undefined leaves replies to others).
import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { isBroadcast, type BroadcastMap, type BroadcastType } from '../shared/messages';

/** Calls `onBroadcast` for each broadcast of the given types while the component is mounted. */
export function useBroadcast<T extends BroadcastType>(
  types: readonly T[],
  onBroadcast: (type: T, payload: BroadcastMap[T]) => void,
): void {
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isBroadcast(message) && (types as readonly string[]).includes(message.type)) {
        onBroadcast(message.type as T, message.payload as BroadcastMap[T]);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
    // Re-subscribed when the handler changes; the types are a constant list at each call site.
  }, [onBroadcast]);
}
