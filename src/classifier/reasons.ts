// Every reason code the classifier emits, with the sentence the UI shows. Codes are stable kebab-case
// (conventions §2); parametric codes carry a vendor or host after a colon (`scanner-ip:microsoft`).
import { vendorName } from '../shared/vendors';

export const REASONS: Record<string, string> = {
  'seconds-after-delivery':
    'Came within the first moments after delivery, when this campaign shows a dense burst of machine activity.',
  'before-delivery': 'Came before the message was delivered to this recipient: a gateway scanning a deferred delivery.',
  'link-burst':
    'Several different links of this recipient were fetched at once (within about two seconds; when the source shows only minutes, in the same minute, which counts for less).',
  'all-links': 'Every link in the message was fetched, as a scanner sweeping the message does.',
  'scanner-ip': "Came from a security vendor's scanning network.",
  'proxy-ip': "Came from a mail privacy proxy's network.",
  'gateway-ip': 'Came from a corporate web gateway (real people browse through these too).',
  'cloud-ip': 'Came from a cloud hosting network, where scanning sandboxes run.',
  'scanner-network':
    "Came from a network that, in this campaign, fetched for several recipients each right after their message arrived: a scanner's egress.",
  'bot-ua': 'The user agent is a bot, script or security scanner.',
  'bare-ua': "A click with the bare user agent 'Mozilla/5.0', which people's browsers never send.",
  'mpp-ua': "Apple Mail Privacy Protection prefetch (user agent exactly 'Mozilla/5.0'): not a person reading.",
  'image-proxy': "The mail provider's image proxy fetched the images because the person opened the message.",
  'stale-browser-ua': 'A desktop browser version more than a year old; scanners pin old builds, people auto-update.',
  'shared-ip': 'The same network fetched for several different recipients within seconds.',
  'click-without-open': 'A click with no open before it (weak: many people read with images off).',
  honeypot: 'Followed a hidden honeypot link that people cannot see.',
  'near-honeypot': 'Within ten seconds of a honeypot hit by the same recipient: the same machine sweep.',
  'source-bot-hint': 'The email service itself flagged this event as a machine.',
  'mail-host': "The recipient's mail is hosted behind a link-scanning security service.",
  'same-ip-as-scanner': "Same network and minutes as this recipient's scanner activity: the same scanning session.",
  'same-agent-as-scanner':
    "The same out-of-date or non-browser agent as this recipient's scanner activity, minutes apart: the same scanning session.",
  'rapid-links': 'Three or more different links, each seconds after the previous: a scanner walking the links one by one.',
  'later-human-repeat': 'A later visit from an ordinary browser on another network, after the scanner burst: the person.',
  'recheck-after-click': 'The same link fetched again 5–30 s after a click, from another network or agent: a gateway re-check.',
};

/** Display name of a parametric code's vendor/host (the one vendor registry, src/shared/vendors.ts). */
export function reasonParameterName(parameter: string): string {
  return vendorName(parameter);
}

/** The sentence for a code; parametric codes name their vendor/host; unknown codes are shown as they are. */
export function describeReason(code: string): string {
  const direct = REASONS[code];
  if (direct !== undefined) return direct;
  const colon = code.indexOf(':');
  if (colon > 0) {
    const base = REASONS[code.slice(0, colon)];
    const parameter = code.slice(colon + 1);
    if (base !== undefined) return `${base} (${reasonParameterName(parameter)})`;
  }
  return code;
}
