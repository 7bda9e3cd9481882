import browser from 'webextension-polyfill';
import { request, WorkerRefusal } from '../../src/ui/request';
import { installFakeWorker } from './fixtures/fake-worker';

const noSleep = () => Promise.resolve();

describe('request', () => {
  it('retries while the worker does not answer, reporting each retry, then returns the answer', async () => {
    const original = browser.runtime.sendMessage;
    let calls = 0;
    const worker = installFakeWorker({ ping: () => ({ version: '1.2.3' }) });
    browser.runtime.sendMessage = (async (message: unknown) => {
      calls += 1;
      if (calls === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (calls === 2) return undefined;
      return original(message);
    }) as typeof browser.runtime.sendMessage;
    const retries: number[] = [];
    try {
      const answer = await request('ping', {}, { sleep: noSleep, onRetry: (attempt) => retries.push(attempt) });
      expect(answer).toEqual({ version: '1.2.3' });
      expect(retries).toEqual([2, 3]);
    } finally {
      browser.runtime.sendMessage = original;
      worker.uninstall();
    }
  });

  it('does not retry a refusal and says why', async () => {
    const worker = installFakeWorker({
      'delete-audit': () => {
        throw new Error('no audit with id x');
      },
    });
    const retries: number[] = [];
    try {
      await expect(request('delete-audit', { id: 'x' }, { sleep: noSleep, onRetry: (n) => retries.push(n) })).rejects.toThrow(
        new WorkerRefusal('no audit with id x'),
      );
      expect(retries).toEqual([]);
      expect(worker.callsOf('delete-audit')).toEqual([{ id: 'x' }]);
    } finally {
      worker.uninstall();
    }
  });

  it('gives up after the last attempt with the transport error', async () => {
    const original = browser.runtime.sendMessage;
    browser.runtime.sendMessage = (async () => {
      throw new Error('Extension context invalidated.');
    }) as typeof browser.runtime.sendMessage;
    try {
      await expect(request('ping', {}, { attempts: 3, sleep: noSleep })).rejects.toThrow('Extension context invalidated.');
    } finally {
      browser.runtime.sendMessage = original;
    }
  });
});
