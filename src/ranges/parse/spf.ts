// SPF TXT records (RFC 7208), the form most mail-security vendors publish their sending ranges in
// (`_netblocks.mimecast.com`, `spf.messagelabs.com`, ...). Accepts the record as dig prints it, including
// several quoted 255-byte chunks.
import { canonicalCidr } from './cidr';
import { RangeSourceError } from './errors';

export interface SpfRanges {
  /** Ranges the record authorises (`ip4:`/`ip6:` with qualifier `+` or none). */
  cidrs: string[];
  /** Domains named by `include:` and `redirect=`, which hold further ranges. */
  includes: string[];
}

export function parseSpfRecord(text: string): SpfRanges {
  // dig prints a long TXT record as "chunk1" "chunk2": the chunks join without a separator (RFC 7208 §3.3).
  const joined = text.includes('"') ? [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]).join('') : text;
  const terms = joined.trim().split(/\s+/);
  if (terms[0]?.toLowerCase() !== 'v=spf1') throw new RangeSourceError('not an SPF record (it must start with v=spf1)');
  const cidrs: string[] = [];
  const includes: string[] = [];
  for (const term of terms.slice(1)) {
    const lower = term.toLowerCase();
    const qualifier = '+-~?'.includes(lower[0] ?? '') ? lower[0] : '+';
    const body = qualifier === lower[0] ? term.slice(1) : term;
    const bodyLower = body.toLowerCase();
    if (bodyLower.startsWith('ip4:') || bodyLower.startsWith('ip6:')) {
      const cidr = canonicalCidr(body.slice(4), `SPF term '${term}'`);
      if (qualifier === '+') cidrs.push(cidr);
    } else if (bodyLower.startsWith('include:')) {
      includes.push(body.slice('include:'.length));
    } else if (bodyLower.startsWith('redirect=')) {
      includes.push(body.slice('redirect='.length));
    }
  }
  return { cidrs, includes };
}
