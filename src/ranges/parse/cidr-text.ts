// Plain range lists: one or more CIDRs or addresses per line, separated by spaces or commas, with `#`, `;` or
// `//` comments. Stray quotes around a value are dropped (some published copies carry them, e.g. a
// `46.226.48.0/21"` line in a flattened MessageLabs list).
import { canonicalCidr } from './cidr';

export function parseCidrText(text: string): string[] {
  const cidrs: string[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/(#|;|\/\/).*$/, '').trim();
    if (line === '') return;
    for (const token of line.split(/[\s,]+/)) {
      const value = token.replace(/^["']+|["']+$/g, '');
      if (value !== '') cidrs.push(canonicalCidr(value, `line ${index + 1}`));
    }
  });
  return cidrs;
}
