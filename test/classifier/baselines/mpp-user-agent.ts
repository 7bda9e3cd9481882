// The Apple Mail Privacy Protection rule: opens whose user agent is exactly `Mozilla/5.0` are Apple's prefetch.
import type { Campaign } from '../../../src/shared/types';
import type { BaselineLabel } from './shared';

export function mppUserAgent(campaign: Campaign): BaselineLabel[] {
  return campaign.events.map((event) => (event.type === 'open' && event.userAgent?.trim() === 'Mozilla/5.0' ? 'proxy' : 'human'));
}
