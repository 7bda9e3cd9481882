// Build-time flags defined in vite.config.ts.
declare const __SIEVE_E2E__: boolean;
declare const __SIEVE_BROWSER__: 'chrome' | 'firefox';
