// Unit tests never see a real browser: `webextension-polyfill` is replaced by an in-memory fake so modules
// that import it load in Node/jsdom (the guide's rule: mock the polyfill in unit tests).
import { vi } from 'vitest';
import 'fake-indexeddb/auto';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser() };
});
