// The network block an address belongs to for "same network" comparisons: IPv4 /24, IPv6 /48 (the usual
// allocation to one site). Text-only and forgiving: unparsable input yields undefined, never throws.

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

/** Digits of a dotted-quad octet, or -1 (a plain `a.b.c.d` is most exports' every address). */
function octetAt(ip: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 3) return -1;
  let value = 0;
  for (let k = from; k < to; k++) {
    const digit = ip.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Numbers the network blocks of addresses (ipBlockKey) as 0, 1, 2… in order of first sight; `keys[id]` is the
 * block's key. Plain dotted quads are read without a regular expression or a string per address.
 */
export class IpBlockIds {
  readonly keys: string[] = [];
  private readonly byV4Block = new Map<number, number>();
  private readonly byKey = new Map<string, number>();

  /** The block's id, or -1 when the address has no block (unparsable). */
  idOf(ip: string): number {
    const first = ip.indexOf('.');
    const second = first < 0 ? -1 : ip.indexOf('.', first + 1);
    const third = second < 0 ? -1 : ip.indexOf('.', second + 1);
    if (third > 0) {
      const a = octetAt(ip, 0, first);
      const b = octetAt(ip, first + 1, second);
      const c = octetAt(ip, second + 1, third);
      const d = octetAt(ip, third + 1, ip.length);
      if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
        if (a > 255 || b > 255 || c > 255 || d > 255) return -1;
        return this.v4Id(a, b, c);
      }
    }
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
