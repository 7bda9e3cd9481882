// The engines the e2e suite drives. Imported by test/e2e/vitest.e2e.config.ts (one vitest project per engine),
// so it imports nothing.

export type BrowserName = 'chromium' | 'firefox';

/** Every engine the suite knows, in the order a run tests them. */
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];
