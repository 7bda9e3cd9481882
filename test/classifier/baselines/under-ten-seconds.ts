// The plain rule many senders use: anything less than 10 s after the send is a machine.
import type { Campaign } from '../../../src/shared/types';
import { secondsAfterSend, type BaselineLabel } from './shared';

export function underTenSeconds(campaign: Campaign): BaselineLabel[] {
  return secondsAfterSend(campaign).map((s) => (s >= 0 && s < 10 ? 'scanner' : 'human'));
}
