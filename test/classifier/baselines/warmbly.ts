// warmbly's rules (conventions §3): an open less than 60 s after sending, a click less than 30 s after sending,
// anything from a known scanner network less than 600 s after sending, and two different links of one
// recipient clicked less than 5 s apart (both clicks) are bots. The scanner-network list here is the same
// range index the classifier gets (kind `scanner`).
import type { Campaign, RangeLookup } from '../../../src/shared/types';
import { secondsAfterSend, type BaselineLabel } from './shared';

const OPEN_S = 60;
const CLICK_S = 30;
const SCANNER_NETWORK_S = 600;
const TWO_LINKS_MS = 5_000;

export function warmblyRules(campaign: Campaign, ranges?: RangeLookup): BaselineLabel[] {
  const seconds = secondsAfterSend(campaign);
  const labels: BaselineLabel[] = campaign.events.map((event, i) => {
    const s = seconds[i]!;
    if (!(s >= 0)) return 'human';
    if (event.type === 'open' && s < OPEN_S) return 'scanner';
    if (event.type === 'click' && s < CLICK_S) return 'scanner';
    const listed = event.ip !== undefined && ranges?.lookup(event.ip)?.kind === 'scanner';
    return listed && s < SCANNER_NETWORK_S ? 'scanner' : 'human';
  });
  const clicksByRecipient = new Map<string, number[]>();
  campaign.events.forEach((event, i) => {
    if (event.type !== 'click' || event.recipient === undefined || event.timestamp === undefined || event.url === undefined) return;
    const list = clicksByRecipient.get(event.recipient) ?? [];
    list.push(i);
    clicksByRecipient.set(event.recipient, list);
  });
  for (const list of clicksByRecipient.values()) {
    list.sort((a, b) => campaign.events[a]!.timestamp! - campaign.events[b]!.timestamp!);
    for (let k = 1; k < list.length; k++) {
      const previous = campaign.events[list[k - 1]!]!;
      const current = campaign.events[list[k]!]!;
      if (current.timestamp! - previous.timestamp! < TWO_LINKS_MS && current.url !== previous.url) {
        labels[list[k]!] = 'scanner';
        labels[list[k - 1]!] = 'scanner';
      }
    }
  }
  return labels;
}
