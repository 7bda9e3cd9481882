// The ESP report hosts the e2e suite serves saved pages under. They come from the manifest's host patterns, so a
// host added to the extension is automatically routed to loopback here; a wildcard pattern gets one concrete
// sample sub-domain (Firefox's network.dns.localDomains takes exact names only).
import { ESP_HOST_MATCHES } from '../../../manifest.config';

/** Sample names for wildcard patterns; fixtures may use others, which are added from their `.expected.json`. */
const WILDCARD_SAMPLES: Record<string, string> = {
  '*.admin.mailchimp.com': 'us21.admin.mailchimp.com',
  '*.activehosted.com': 'acme.activehosted.com',
  '*.createsend.com': 'acme.createsend.com',
};

/** Host patterns from the manifest, e.g. `app.sendgrid.com`, `*.admin.mailchimp.com`. */
export const ESP_HOST_PATTERNS: readonly string[] = ESP_HOST_MATCHES.map((match) => new URL(match.replace('*.', 'wildcard-placeholder.')).hostname.replace('wildcard-placeholder.', '*.'));

export function concreteHost(pattern: string): string {
  if (!pattern.startsWith('*.')) return pattern;
  return WILDCARD_SAMPLES[pattern] ?? `e2e.${pattern.slice(2)}`;
}

/** True when `host` is one the extension's manifest claims (exact or under a wildcard). */
export function isEspHost(host: string): boolean {
  return ESP_HOST_PATTERNS.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern,
  );
}
