// Marketo's bot activity filter, "proximity" pattern: two activities of one lead less than a second apart are
// both bot activity (Marketo docs, "Filtering Bot Activity": match with proximity pattern).
import type { Campaign } from '../../../src/shared/types';
import type { BaselineLabel } from './shared';

export function marketoProximity(campaign: Campaign): BaselineLabel[] {
  const labels: BaselineLabel[] = campaign.events.map(() => 'human');
  const byLead = new Map<string, number[]>();
  campaign.events.forEach((event, i) => {
    if (event.recipient === undefined || event.timestamp === undefined) return;
    const list = byLead.get(event.recipient) ?? [];
    list.push(i);
    byLead.set(event.recipient, list);
  });
  for (const list of byLead.values()) {
    list.sort((a, b) => campaign.events[a]!.timestamp! - campaign.events[b]!.timestamp!);
    for (let k = 1; k < list.length; k++) {
      if (campaign.events[list[k]!]!.timestamp! - campaign.events[list[k - 1]!]!.timestamp! < 1000) {
        labels[list[k]!] = 'scanner';
        labels[list[k - 1]!] = 'scanner';
      }
    }
  }
  return labels;
}
