// The shape of curated and refreshed range data. Pure types: shared by the bundled data files, the parsers,
// the index, IndexedDB storage and the options page.
import type { RangeKind } from '../shared/types';

export interface RangeEntry {
  /** Stable kebab-case vendor id (`microsoft`, `proofpoint`, `apple-icloud`, …). */
  vendor: string;
  kind: RangeKind;
  /** Finer tag, e.g. `safe-links`, `image-proxy`. */
  tag?: string;
  /** IPv4 and IPv6 blocks, canonical text, host bits zero. */
  cidrs: string[];
  /** The public page, SPF record or official file the blocks were taken from. */
  source: string;
  /** When the source was read, `YYYY-MM-DD`. */
  date: string;
  /** Why the entry is there or how it was derived, in plain words. */
  note?: string;
  /**
   * Precedence layer. Within one layer the most specific block wins; a higher layer always beats a lower one.
   * Bundled and refreshed data use 0; user ranges use `USER_RANGE_PRIORITY`.
   */
  priority?: number;
}

/** User ranges beat every bundled or refreshed range, however specific (issue 4: "user ranges take precedence"). */
export const USER_RANGE_PRIORITY = 10;
