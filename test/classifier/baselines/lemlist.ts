// lemlist's rules: an open or click less than 5 s after sending is a bot; a click less than 9 s after a bot
// open of the same recipient is a bot too.
import type { Campaign } from '../../../src/shared/types';
import { secondsAfterSend, type BaselineLabel } from './shared';

export function lemlistRules(campaign: Campaign): BaselineLabel[] {
  const seconds = secondsAfterSend(campaign);
  const labels: BaselineLabel[] = seconds.map((s) => (s >= 0 && s < 5 ? 'scanner' : 'human'));
  const botOpens = new Map<string, number[]>();
  campaign.events.forEach((event, i) => {
    if (event.type === 'open' && labels[i] === 'scanner' && event.recipient !== undefined && event.timestamp !== undefined) {
      const list = botOpens.get(event.recipient) ?? [];
      list.push(event.timestamp);
      botOpens.set(event.recipient, list);
    }
  });
  campaign.events.forEach((event, i) => {
    if (event.type !== 'click' || event.recipient === undefined || event.timestamp === undefined) return;
    const t = event.timestamp;
    if ((botOpens.get(event.recipient) ?? []).some((open) => t >= open && t - open < 9000)) labels[i] = 'scanner';
  });
  return labels;
}
