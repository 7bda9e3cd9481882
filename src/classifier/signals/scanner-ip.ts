// Who owns the address (src/ranges behind the RangeLookup interface). A security vendor's scanning network is
// strong evidence. Apple's relay egress only matters for opens with Apple's prefetch user agent: Safari users
// on iCloud Private Relay click from the same addresses, so an Apple IP never makes a click a scanner
// (conventions §3). Corporate web gateways (Zscaler, Forcepoint) carry real people: weak. Cloud hosting is
// weak-to-moderate (sandboxes run there; so do VPNs).
import type { RangeMatch } from '../../shared/types';
import { addEvidence, agentClassOf, type ClassifierContext, type Evidence } from '../context';
import { declareSignal, parametricCode } from '../signal';

export const SCANNER_IP_SIGNAL = declareSignal({
  id: 'scanner-ip',
  stage: 'event',
  reasons: {
    "scanner-ip": "Came from a security vendor's scanning network.",
    "proxy-ip": "Came from a mail privacy proxy's network.",
    "gateway-ip": "Came from a corporate web gateway (real people browse through these too).",
    "cloud-ip": "Came from a cloud hosting network, where scanning sandboxes run.",
  },
  // Each gets `:<vendor>` appended to its code and the vendor attached.
  evidence: {
    SCANNER_NETWORK: { code: 'scanner-ip', weight: 3.6, kind: 'scanner', weak: false },
    PROXY_NETWORK: { code: 'proxy-ip', weight: 1.5, kind: 'proxy', weak: false },
    /** No agent to confirm the prefetch, so the relay address alone must carry the label. */
    APPLE_RELAY_OPEN_WITHOUT_AGENT: { code: 'proxy-ip', weight: 3.0, kind: 'proxy', weak: false },
    GATEWAY: { code: 'gateway-ip', weight: 0.3, kind: 'neutral', weak: true, context: true },
    CLOUD: { code: 'cloud-ip', weight: 1.0, kind: 'scanner', weak: true },
  },
});

const { SCANNER_NETWORK, PROXY_NETWORK, APPLE_RELAY_OPEN_WITHOUT_AGENT, GATEWAY, CLOUD } = SCANNER_IP_SIGNAL.evidence;

type NetworkCode = Extract<keyof typeof SCANNER_IP_SIGNAL.reasons, string>;

/** The template's code with `:<vendor>` (templates carry a bare declared code). */
function withVendor(template: Evidence, vendor: string): Evidence {
  return { ...template, code: parametricCode(SCANNER_IP_SIGNAL, template.code as NetworkCode, vendor), vendor };
}

function evidenceFor(match: RangeMatch): Evidence | undefined {
  switch (match.kind) {
    case 'scanner':
      return withVendor(SCANNER_NETWORK, match.vendor);
    case 'mail-proxy':
      return withVendor(PROXY_NETWORK, match.vendor);
    case 'web-gateway':
      return withVendor(GATEWAY, match.vendor);
    case 'cloud':
      return withVendor(CLOUD, match.vendor);
    default:
      return undefined;
  }
}

export function scannerIpSignal(ctx: ClassifierContext): void {
  // One evidence object per distinct match (the index hands out shared match objects).
  const cache = new Map<RangeMatch, Evidence | undefined>();
  for (let i = 0; i < ctx.length; i++) {
    const match = ctx.rangeMatch[i];
    if (match === undefined) continue;
    const ua = agentClassOf(ctx, i).kind;
    const isOpen = ctx.click[i] === 0;
    // Gmail's image proxy runs on Google's own space; the proxy user agent says a person opened.
    if (isOpen && ua === 'image-proxy') continue;
    // A relay address is only Apple's prefetch with Apple's prefetch agent, and never for a click. Sources that
    // carry no agent at all (Mailchimp's email-activity API) still show the relay: an open from Apple's relay
    // egress is Mail Privacy Protection (Private Relay covers Safari, whose users click, not Mail's opens).
    const appleOpenWithoutAgent = isOpen && ua === 'missing' && match.vendor === 'apple-icloud';
    if (match.kind === 'mail-proxy' && !(isOpen && ua === 'mpp') && !appleOpenWithoutAgent) continue;
    if (appleOpenWithoutAgent) {
      // Alone it must carry the label (no agent to add to it), as the prefetch agent would.
      addEvidence(ctx, i, withVendor(APPLE_RELAY_OPEN_WITHOUT_AGENT, match.vendor));
      continue;
    }
    let evidence = cache.get(match);
    if (evidence === undefined && !cache.has(match)) {
      evidence = evidenceFor(match);
      cache.set(match, evidence);
    }
    if (evidence !== undefined) addEvidence(ctx, i, evidence);
  }
}
