// The user agent: explicit scanners and bots (our list + isbot), Apple Mail Privacy Protection's exact
// `Mozilla/5.0` (a prefetch: proxy, for opens), Gmail/Yahoo image proxies (they fetch when a person opens:
// human, overriding isbot, which calls them bots), and desktop browsers long out of date (weak).
import { addEvidence, agentClassOf, type ClassifierContext, type Evidence } from '../context';
import type { UserAgentClass } from '../user-agent';
import { declareSignal, parametricCode } from '../signal';

export const USER_AGENT_SIGNAL = declareSignal({
  id: 'user-agent',
  stage: 'event',
  reasons: {
    "bot-ua": "The user agent is a bot, script or security scanner.",
    "bare-ua": "A click with the bare user agent 'Mozilla/5.0', which people's browsers never send.",
    "mpp-ua": "Apple Mail Privacy Protection prefetch (user agent exactly 'Mozilla/5.0'): not a person reading.",
    "image-proxy": "The mail provider's image proxy fetched the images because the person opened the message.",
    "stale-browser-ua": "A desktop browser version more than a year old; scanners pin old builds, people auto-update.",
  },
  evidence: {
    MPP_OPEN: { code: 'mpp-ua', weight: 3.2, kind: 'proxy', weak: false, vendor: 'apple-icloud' },
    BARE_CLICK: { code: 'bare-ua', weight: 1.6, kind: 'scanner', weak: true },
    PROXY_CLICK: { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false },
    GENERIC_BOT: { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false },
    STALE_BROWSER: { code: 'stale-browser-ua', weight: 0.8, kind: 'scanner', weak: true },
    /** Gets `:<gmail|yahoo>`: the person opening, whatever else the fetch looks like. */
    IMAGE_PROXY_OPEN: { code: 'image-proxy', weight: -5, kind: 'neutral', weak: false },
    /** An explicit scanner agent (gets the vendor when the string names one). */
    SCANNER_AGENT: { code: 'bot-ua', weight: 4.0, kind: 'scanner', weak: false },
  },
});

const MPP_OPEN = USER_AGENT_SIGNAL.evidence.MPP_OPEN;
// Apple's prefetch never clicks; a bare `Mozilla/5.0` click is a script.
const BARE_CLICK = USER_AGENT_SIGNAL.evidence.BARE_CLICK;
const PROXY_CLICK = USER_AGENT_SIGNAL.evidence.PROXY_CLICK;
const GENERIC_BOT = USER_AGENT_SIGNAL.evidence.GENERIC_BOT;
const STALE_BROWSER = USER_AGENT_SIGNAL.evidence.STALE_BROWSER;

function evidenceFor(ua: UserAgentClass, isOpen: boolean): Evidence | undefined {
  switch (ua.kind) {
    case 'mpp':
      return isOpen ? MPP_OPEN : BARE_CLICK;
    case 'image-proxy':
      return isOpen
        ? { ...USER_AGENT_SIGNAL.evidence.IMAGE_PROXY_OPEN, code: parametricCode(USER_AGENT_SIGNAL, 'image-proxy', ua.vendor ?? 'other') }
        : PROXY_CLICK;
    case 'scanner':
      return ua.vendor === undefined
        ? USER_AGENT_SIGNAL.evidence.SCANNER_AGENT
        : { ...USER_AGENT_SIGNAL.evidence.SCANNER_AGENT, vendor: ua.vendor };
    case 'bot':
      return GENERIC_BOT;
    case 'browser':
      return ua.stale ? STALE_BROWSER : undefined;
    default:
      return undefined;
  }
}

export function userAgentSignal(ctx: ClassifierContext): void {
  // UserAgentClass objects are shared per distinct agent string, so the evidence is cached per class.
  const forOpen = new Map<UserAgentClass, Evidence | undefined>();
  const forClick = new Map<UserAgentClass, Evidence | undefined>();
  for (let i = 0; i < ctx.length; i++) {
    const ua = agentClassOf(ctx, i);
    if (ua.kind === 'missing' || ua.kind === 'other' || (ua.kind === 'browser' && !ua.stale)) continue;
    const isOpen = ctx.click[i] === 0;
    const cache = isOpen ? forOpen : forClick;
    let evidence = cache.get(ua);
    if (evidence === undefined && !cache.has(ua)) {
      evidence = evidenceFor(ua, isOpen);
      cache.set(ua, evidence);
    }
    if (evidence !== undefined) addEvidence(ctx, i, evidence);
  }
}
