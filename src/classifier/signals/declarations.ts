// Every signal's declaration, in one list: the source of the reason-code table (classifier/reasons.ts) and of the
// `ReasonCode` type. A signal that is not listed here has no sentences, and the reasons test fails.
import { BEFORE_DELIVERY_SIGNAL } from './before-delivery';
import { CLICK_WITHOUT_OPEN_SIGNAL } from './click-without-open';
import { HONEYPOT_SIGNAL } from './honeypot';
import { LATER_HUMAN_REPEAT_SIGNAL } from './later-human-repeat';
import { LINK_BURST_SIGNAL } from './link-burst';
import { MAIL_HOST_SIGNAL } from './mail-host';
import { SCANNER_IP_SIGNAL } from './scanner-ip';
import { SCANNER_NETWORK_SIGNAL } from './scanner-network';
import { SCANNER_RECHECK_SIGNAL } from './scanner-recheck';
import { SCANNER_SESSION_SIGNAL } from './scanner-session';
import { SHARED_IP_SIGNAL } from './shared-ip';
import { SOURCE_BOT_HINT_SIGNAL } from './source-bot-hint';
import { TIME_SINCE_DELIVERY_SIGNAL } from './time-since-delivery';
import { USER_AGENT_SIGNAL } from './user-agent';

export const SIGNAL_DECLARATIONS = [
  TIME_SINCE_DELIVERY_SIGNAL,
  BEFORE_DELIVERY_SIGNAL,
  LINK_BURST_SIGNAL,
  SCANNER_IP_SIGNAL,
  USER_AGENT_SIGNAL,
  SHARED_IP_SIGNAL,
  CLICK_WITHOUT_OPEN_SIGNAL,
  HONEYPOT_SIGNAL,
  SOURCE_BOT_HINT_SIGNAL,
  MAIL_HOST_SIGNAL,
  SCANNER_NETWORK_SIGNAL,
  SCANNER_SESSION_SIGNAL,
  LATER_HUMAN_REPEAT_SIGNAL,
  SCANNER_RECHECK_SIGNAL,
] as const;

type KeysOf<T> = T extends unknown ? Extract<keyof T, string> : never;

/** Every reason code a signal declares (the bare form; parametric codes add `:<vendor>`). */
export type ReasonCode = KeysOf<(typeof SIGNAL_DECLARATIONS)[number]['reasons']>;
