// Mautic / Acquia Campaign Studio bot detection: an event is a bot when at least two of three hold — within
// 2 s of the send, from an IP on the bot IP list, with a user agent on the bot list. The IP list here is the
// same scanner-range index the classifier gets; the UA list is isbot (a superset of Mautic's own list).
import { isbot } from 'isbot';
import type { Campaign, RangeLookup } from '../../../src/shared/types';
import { secondsAfterSend, type BaselineLabel } from './shared';

export function mauticTwoOfThree(campaign: Campaign, ranges?: RangeLookup): BaselineLabel[] {
  const seconds = secondsAfterSend(campaign);
  return campaign.events.map((event, i) => {
    const fast = seconds[i]! >= 0 && seconds[i]! < 2;
    const ipListed = event.ip !== undefined && ranges?.lookup(event.ip)?.kind === 'scanner';
    const uaListed = isbot(event.userAgent ?? '');
    return Number(fast) + Number(ipListed) + Number(uaListed) >= 2 ? 'scanner' : 'human';
  });
}
