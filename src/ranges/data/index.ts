// The bundled dataset: every curated vendor file, in one list. Bump BUNDLED_DATASET_VERSION whenever an entry
// changes, so installs and updates rewrite the stored copy (src/background/ranges-service.ts compares it).
import type { RangeEntry } from '../types';
import { APPLE_ENTRIES } from './apple';
import { BARRACUDA_ENTRIES } from './barracuda';
import { CHECKPOINT_ENTRIES } from './checkpoint';
import { CISCO_ENTRIES } from './cisco';
import { CLOUD_ENTRIES } from './cloud';
import { CLOUDFLARE_ENTRIES } from './cloudflare';
import { FORCEPOINT_ENTRIES } from './forcepoint';
import { GOOGLE_ENTRIES } from './google';
import { HORNETSECURITY_ENTRIES } from './hornetsecurity';
import { MICROSOFT_ENTRIES } from './microsoft';
import { MIMECAST_ENTRIES } from './mimecast';
import { PROOFPOINT_ENTRIES } from './proofpoint';
import { SYMANTEC_ENTRIES } from './symantec';
import { TREND_MICRO_ENTRIES } from './trend-micro';
import { YAHOO_ENTRIES } from './yahoo';
import { ZSCALER_ENTRIES } from './zscaler';

/** Monotonic: YYYYMMDD of the last data change × 100 + a same-day counter. */
export const BUNDLED_DATASET_VERSION = 2026120601;

export const BUNDLED_ENTRIES: readonly RangeEntry[] = Object.freeze([
  ...MICROSOFT_ENTRIES,
  ...GOOGLE_ENTRIES,
  ...APPLE_ENTRIES,
  ...YAHOO_ENTRIES,
  ...PROOFPOINT_ENTRIES,
  ...MIMECAST_ENTRIES,
  ...BARRACUDA_ENTRIES,
  ...CISCO_ENTRIES,
  ...TREND_MICRO_ENTRIES,
  ...SYMANTEC_ENTRIES,
  ...FORCEPOINT_ENTRIES,
  ...HORNETSECURITY_ENTRIES,
  ...CLOUDFLARE_ENTRIES,
  ...CHECKPOINT_ENTRIES,
  ...ZSCALER_ENTRIES,
  ...CLOUD_ENTRIES,
]);
