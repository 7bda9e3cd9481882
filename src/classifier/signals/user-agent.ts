// The user agent: explicit scanners and bots (our list + isbot), Apple Mail Privacy Protection's exact
// `Mozilla/5.0` (a prefetch: proxy, for opens), Gmail/Yahoo image proxies (they fetch when a person opens:
// human, overriding isbot, which calls them bots), and desktop browsers long out of date (weak).
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import type { UserAgentClass } from '../user-agent';

const MPP_OPEN: Evidence = { code: 'mpp-ua', weight: 3.2, kind: 'proxy', weak: false, vendor: 'apple-icloud' };
// Apple's prefetch never clicks; a bare `Mozilla/5.0` click is a script.
const BARE_CLICK: Evidence = { code: 'bare-ua', weight: 1.6, kind: 'scanner', weak: true };
const PROXY_CLICK: Evidence = { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false };
const GENERIC_BOT: Evidence = { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false };
const STALE_BROWSER: Evidence = { code: 'stale-browser-ua', weight: 0.8, kind: 'scanner', weak: true };

function evidenceFor(ua: UserAgentClass, isOpen: boolean): Evidence | undefined {
  switch (ua.kind) {
    case 'mpp':
      return isOpen ? MPP_OPEN : BARE_CLICK;
    case 'image-proxy':
      return isOpen ? { code: `image-proxy:${ua.vendor ?? 'other'}`, weight: -5, kind: 'neutral', weak: false } : PROXY_CLICK;
    case 'scanner':
      return ua.vendor === undefined
        ? { code: 'bot-ua', weight: 4.0, kind: 'scanner', weak: false }
        : { code: 'bot-ua', weight: 4.0, kind: 'scanner', weak: false, vendor: ua.vendor };
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
  for (let i = 0; i < ctx.events.length; i++) {
    const ua = ctx.userAgent[i]!;
    if (ua.kind === 'missing' || ua.kind === 'other' || (ua.kind === 'browser' && !ua.stale)) continue;
    const isOpen = ctx.events[i]!.type === 'open';
    const cache = isOpen ? forOpen : forClick;
    let evidence = cache.get(ua);
    if (evidence === undefined && !cache.has(ua)) {
      evidence = evidenceFor(ua, isOpen);
      cache.set(ua, evidence);
    }
    if (evidence !== undefined) addEvidence(ctx, i, evidence);
  }
}
