// Turns one written range into canonical CIDR text for the parsers, or says in plain words why it cannot.
import { formatCidr, parseCidr, type Cidr } from '../ip';
import { RangeSourceError } from './errors';

/** The parsed block for `text`; throws a RangeSourceError naming `where` when it is not a range. */
export function requireCidr(text: string, where: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) {
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    throw new RangeSourceError(`${where}: '${shown}' is not an IP range`);
  }
  return cidr;
}

/** Canonical CIDR for `text` (a bare address becomes /32 or /128; host bits are cleared). Throws when invalid. */
export function canonicalCidr(text: string, where: string): string {
  return formatCidr(requireCidr(text, where));
}
