// The user agent: explicit scanners and bots (our list + isbot), Apple Mail Privacy Protection's exact
// `Mozilla/5.0` (a prefetch: proxy, for opens), Gmail/Yahoo image proxies (they fetch when a person opens:
// human, overriding isbot, which calls them bots), and desktop browsers long out of date (weak).
import { addEvidence, type ClassifierContext } from '../context';

export function userAgentSignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.events.length; i++) {
    const ua = ctx.userAgent[i]!;
    const isOpen = ctx.events[i]!.type === 'open';
    switch (ua.kind) {
      case 'mpp':
        if (isOpen) addEvidence(ctx, i, { code: 'mpp-ua', weight: 3.2, kind: 'proxy', weak: false, vendor: 'apple-icloud' });
        // Apple's prefetch never clicks; a bare `Mozilla/5.0` click is a script.
        else addEvidence(ctx, i, { code: 'bare-ua', weight: 1.6, kind: 'scanner', weak: true });
        break;
      case 'image-proxy':
        if (isOpen) addEvidence(ctx, i, { code: `image-proxy:${ua.vendor ?? 'other'}`, weight: -5, kind: 'neutral', weak: false });
        else addEvidence(ctx, i, { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false });
        break;
      case 'scanner':
        addEvidence(ctx, i, ua.vendor === undefined
          ? { code: 'bot-ua', weight: 4.0, kind: 'scanner', weak: false }
          : { code: 'bot-ua', weight: 4.0, kind: 'scanner', weak: false, vendor: ua.vendor });
        break;
      case 'bot':
        addEvidence(ctx, i, { code: 'bot-ua', weight: 3.0, kind: 'scanner', weak: false });
        break;
      case 'browser':
        if (ua.stale) addEvidence(ctx, i, { code: 'stale-browser-ua', weight: 0.8, kind: 'scanner', weak: true });
        break;
      default:
        break;
    }
  }
}
