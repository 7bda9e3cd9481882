// The network block an address belongs to for "same network" comparisons: IPv4 /24, IPv6 /48 (the usual
// allocation to one site). Text-only and forgiving: unparsable input yields undefined, never throws.
import { parseIPv4 } from '../ranges/ip';

export function ipBlockKey(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const address = ip.trim().toLowerCase();
  const v4 = /(?:^|:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4 !== null) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return `${octets[0]}.${octets[1]}.${octets[2]}`;
  }
  if (!address.includes(':') || !/^[0-9a-f:]+$/.test(address)) return undefined;
  const [head = ''] = address.split('::');
  const groups = head === '' ? [] : head.split(':');
  if (groups.some((g) => g.length > 4)) return undefined;
  while (groups.length < 3) groups.push('0');
  return groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/**
 * Numbers the network blocks of addresses (ipBlockKey) as 0, 1, 2… in order of first sight; `keys[id]` is the
 * block's key. Plain dotted quads are read by the allocation-free parser, without a string per address.
 */
export class IpBlockIds {
  readonly keys: string[] = [];
  private readonly byV4Block = new Map<number, number>();
  private readonly byKey = new Map<string, number>();

  /** The block's id, or -1 when the address has no block (unparsable). */
  idOf(ip: string): number {
    // The one IPv4 parser (src/ranges/ip.ts): allocation-free, a number per address, no string.
    const address = parseIPv4(ip);
    if (address !== undefined) return this.v4Id(address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255);
    const key = ipBlockKey(ip);
    if (key === undefined) return -1;
    const v4 = /^(\d+)\.(\d+)\.(\d+)$/.exec(key);
    if (v4 !== null) return this.v4Id(Number(v4[1]), Number(v4[2]), Number(v4[3]));
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.byKey.set(key, id);
    }
    return id;
  }

  private v4Id(a: number, b: number, c: number): number {
    const block = (a << 16) | (b << 8) | c;
    let id = this.byV4Block.get(block);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(`${a}.${b}.${c}`);
      this.byV4Block.set(block, id);
    }
    return id;
  }
}
