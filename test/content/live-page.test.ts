// @vitest-environment jsdom
// The saved live page (sendgrid/feed-live.html) runs its own script in jsdom: the app re-renders every row
// after load and appends older messages on "Load more". The marks must come back after the re-render and the
// appended rows must be marked, accumulated in the same campaign — what the e2e suite checks in browsers.
import { expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { LABEL_ATTRIBUTE } from '../../src/content/marks';
import { listFixturePages } from '../adapters/fixture-pages';
import { startRecordedRunner } from './fake-worker';

it('keeps marks through the page re-rendering itself and marks rows loaded later', async () => {
  const page = listFixturePages().find((candidate) => candidate.esp === 'sendgrid' && candidate.name === 'feed-live')!;
  const dom = new JSDOM(page.html, { url: page.expected.url, runScripts: 'dangerously', pretendToBeVisual: true });
  const doc = dom.window.document;
  const { worker, runner, runAfter } = startRecordedRunner(doc);
  const labels = () =>
    Object.fromEntries(Array.from(doc.querySelectorAll(`[${LABEL_ATTRIBUTE}]`)).map((row) => [row.id, row.getAttribute(LABEL_ATTRIBUTE)]));
  const initial = Object.fromEntries(page.expected.rows.map((row) => [row.rowSelector!.slice(1), row.label]));
  try {
    await runner.rescan();
    expect(labels()).toEqual(initial);
    const markedBefore = doc.getElementById('m1');
    // The page's own re-render (400 ms after load) replaces every row element.
    const rerendered = await runAfter(1);
    expect(doc.getElementById('m1')).not.toBe(markedBefore);
    expect(rerendered).toMatchObject({ outcome: 'marked', fromCache: true });
    expect(labels()).toEqual(initial);
    (doc.getElementById('load-more') as HTMLButtonElement).click();
    const loaded = await runAfter(2);
    expect(loaded).toMatchObject({ outcome: 'marked', fromCache: false, accumulatedRows: 5 });
    for (const row of page.expected.afterLoadMore!) {
      expect(doc.querySelector(row.rowSelector!)!.getAttribute(LABEL_ATTRIBUTE), row.rowSelector).toBe(row.label);
    }
    expect(worker.sentRows).toHaveLength(2);
  } finally {
    runner.stop();
    dom.window.close();
  }
});
