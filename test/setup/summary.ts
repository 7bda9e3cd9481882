// A campaign summary with nothing in it, for tests that need a CampaignSummary but only care about a few fields.
import type { CampaignSummary } from '../../src/shared/types';

export function emptySummary(fields: Partial<CampaignSummary> = {}): CampaignSummary {
  return {
    totalEvents: 0,
    raw: { uniqueOpens: 0, uniqueClicks: 0 },
    qualified: { uniqueOpens: 0, uniqueClicks: 0 },
    byLabel: { human: 0, scanner: 0, proxy: 0, suspect: 0 },
    byReason: {},
    byVendor: {},
    links: [],
    scannerUnsubscribes: 0,
    timing: [],
    notes: [],
    ...fields,
  };
}
