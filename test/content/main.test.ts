// @vitest-environment jsdom
// The content script entry as the browser loads it: it reads the page it was injected into, talks to the worker
// through the typed messages (here a fake worker behind the fake runtime), marks the rows, and lets the popup
// hide and show the chips with `set-marks-visible`.
import { expect, it, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { CHANNEL, type Envelope, type MessageType } from '../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { listFixturePages } from '../adapters/fixture-pages';
import { createFakeWorker } from './fake-worker';

type FakeRuntime = typeof browser.runtime & {
  __dispatch(message: unknown, sender: unknown): unknown;
};

it('reads, marks and obeys set-marks-visible from the popup', async () => {
  const page = listFixturePages().find((candidate) => candidate.esp === 'generic' && candidate.name === 'unusual-headers')!;
  const parsed = new DOMParser().parseFromString(page.html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)));

  const worker = createFakeWorker();
  const runtime = browser.runtime as FakeRuntime;
  // The worker's side of the protocol: answers page-rows, page-state and get-settings like the real handler map.
  runtime.onMessage.addListener(((message: Envelope<MessageType>) => {
    if (message?.channel !== CHANNEL) return undefined;
    if (message.type === 'page-rows') return worker.sendRows(message.payload as Envelope<'page-rows'>['payload']).then((value) => ({ ok: true, value }));
    if (message.type === 'page-state') {
      const payload = message.payload as Envelope<'page-state'>['payload'];
      return worker.sendState(payload.state, payload.url, {}).then(() => ({ ok: true, value: null }));
    }
    if (message.type === 'get-settings') return Promise.resolve({ ok: true, value: DEFAULT_SETTINGS });
    return undefined;
  }) as never);

  await import('../../src/content/main');
  await vi.waitFor(() => expect(document.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(page.expected.rows.length), { timeout: 5000 });
  expect(worker.sentRows[0]!.esp).toBe('generic');
  // One layer host holds every chip (in its shadow root): hiding the chips hides that host.
  const chips = () => Array.from(document.querySelectorAll<HTMLElement>('[data-sieve-chip-layer]'));
  expect(chips()).toHaveLength(1);
  expect(chips()[0]!.shadowRoot!.querySelectorAll('[data-sieve-chip]')).toHaveLength(page.expected.rows.length);

  const answer = await runtime.__dispatch({ channel: CHANNEL, type: 'set-marks-visible', payload: { visible: false } }, { id: runtime.id });
  expect(answer).toEqual({ ok: true, value: null });
  expect(chips().every((chip) => chip.hidden)).toBe(true);
  expect(document.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).toHaveLength(page.expected.rows.length);
  await runtime.__dispatch({ channel: CHANNEL, type: 'set-marks-visible', payload: { visible: true } }, { id: runtime.id });
  expect(chips().every((chip) => !chip.hidden)).toBe(true);
  // Messages that are not ours, or malformed, are ignored.
  expect(runtime.__dispatch({ channel: 'other', type: 'set-marks-visible', payload: { visible: false } }, {})).toBeUndefined();
  expect(runtime.__dispatch({ channel: CHANNEL, type: 'set-marks-visible', payload: { visible: 'no' } }, {})).toBeUndefined();
  expect(chips().every((chip) => !chip.hidden)).toBe(true);
});
