// WebExtension match patterns (`https://*.admin.mailchimp.com/reports/*`), the same syntax the manifest uses, so
// an adapter's `matches` can be compared with the manifest's host list. Path globs match path + query + hash:
// single-page apps such as ActiveCampaign route in the hash.

export function matchPatternToRegExp(pattern: string): RegExp {
  const parts = /^(https?|\*):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!parts) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme = '', host = '', path = ''] = parts;
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemePart = scheme === '*' ? 'https?' : scheme;
  const hostPart = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${escape(host.slice(2))}` : escape(host);
  const pathPart = path.split('*').map(escape).join('.*');
  return new RegExp(`^${schemePart}://${hostPart}${pathPart}$`, 'i');
}

export function urlMatches(patterns: readonly string[], url: string): boolean {
  let normalized: string;
  try {
    const parsed = new URL(url);
    // hostname, not host: match patterns carry no port and match every port, as the browser's own matching does
    // for the content script (so a report on `app.sendgrid.com:8443` gets the SendGrid adapter, not the generic one).
    normalized = `${parsed.protocol}//${parsed.hostname}${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return false;
  }
  return patterns.some((pattern) => matchPatternToRegExp(pattern).test(normalized));
}
