// The published rule sets the classifier has to beat (conventions §3: Marketo, Mautic/Acquia, lemlist, warmbly),
// plus the two plain rules many senders use (under 10 s, Apple's `Mozilla/5.0`), as Campaign → labels functions.
import type { Campaign, RangeLookup } from '../../../src/shared/types';
import { lemlistRules } from './lemlist';
import { marketoProximity } from './marketo';
import { mauticTwoOfThree } from './mautic';
import { mppUserAgent } from './mpp-user-agent';
import type { BaselineLabel } from './shared';
import { underTenSeconds } from './under-ten-seconds';
import { warmblyRules } from './warmbly';

export type { BaselineLabel } from './shared';

export const BASELINES: Record<string, (campaign: Campaign, ranges?: RangeLookup) => BaselineLabel[]> = {
  'marketo-proximity': marketoProximity,
  'mautic-2-of-3': mauticTwoOfThree,
  lemlist: lemlistRules,
  warmbly: warmblyRules,
  'under-10-seconds': underTenSeconds,
  'mpp-user-agent': mppUserAgent,
};
