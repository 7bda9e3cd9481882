// Who owns the address (src/ranges behind the RangeLookup interface). A security vendor's scanning network is
// strong evidence. Apple's relay egress only matters for opens with Apple's prefetch user agent: Safari users
// on iCloud Private Relay click from the same addresses, so an Apple IP never makes a click a scanner
// (conventions §3). Corporate web gateways (Zscaler, Forcepoint) carry real people: weak. Cloud hosting is
// weak-to-moderate (sandboxes run there; so do VPNs).
import { addEvidence, type ClassifierContext } from '../context';

export function scannerIpSignal(ctx: ClassifierContext): void {
  for (let i = 0; i < ctx.events.length; i++) {
    const match = ctx.rangeMatch[i];
    if (match === undefined) continue;
    const event = ctx.events[i]!;
    const ua = ctx.userAgent[i]!;
    const vendor = match.vendor;
    switch (match.kind) {
      case 'scanner':
        // Gmail's image proxy runs on Google's own space; the proxy user agent says a person opened.
        if (event.type === 'open' && ua.kind === 'image-proxy') break;
        addEvidence(ctx, i, { code: `scanner-ip:${vendor}`, weight: 3.6, kind: 'scanner', weak: false, vendor });
        break;
      case 'mail-proxy':
        if (event.type === 'open' && ua.kind === 'mpp') {
          addEvidence(ctx, i, { code: `proxy-ip:${vendor}`, weight: 1.5, kind: 'proxy', weak: false, vendor });
        }
        break;
      case 'web-gateway':
        addEvidence(ctx, i, { code: `gateway-ip:${vendor}`, weight: 0.3, kind: 'neutral', weak: true, vendor });
        break;
      case 'cloud':
        if (event.type === 'open' && ua.kind === 'image-proxy') break;
        addEvidence(ctx, i, { code: `cloud-ip:${vendor}`, weight: 1.0, kind: 'scanner', weak: true, vendor });
        break;
    }
  }
}
