// The network block an address belongs to for "same network" comparisons: IPv4 /24, IPv6 /48 (the usual
// allocation to one site). Text-only and forgiving: unparsable input yields undefined, never throws.
import { parseIPv4 } from '../ranges/ip';
import { doubled } from '../shared/typed-arrays';

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
 * Numbers the network blocks of addresses (ipBlockKey) as 0, 1, 2… in order of first sight; `keyOf(id)` is the
 * block's key. Plain dotted quads are read by the allocation-free parser and their /24 kept as an integer in an
 * open-addressing table of typed arrays: no string and no Map entry per block (an export with an address per
 * event has nearly as many blocks as events). The key text is made only when asked for.
 */
const FIBONACCI = 0x9e3779b1 | 0;

function keyText(v4OfId: Int32Array, textKeys: ReadonlyMap<number, string>, id: number): string {
  const block = v4OfId[id]!;
  if (block >= 0) return `${block >>> 16}.${(block >>> 8) & 255}.${block & 255}`;
  return textKeys.get(id)!;
}

export class IpBlockIds {
  /** Per id: the IPv4 /24 as an integer (a << 16 | b << 8 | c), or -1 for a block named by its key text. */
  private v4OfId = new Int32Array(64);
  /** Key text per id, for blocks that are not IPv4 /24s. */
  private readonly textKeys = new Map<number, string>();
  private readonly byKey = new Map<string, number>();
  /** Open addressing, linear probing: slot → /24 + 1 (0 = empty), and its id. */
  private slotBlock = new Int32Array(1024);
  private slotId = new Int32Array(1024);
  /** 32 − log2(table size): Fibonacci hashing takes the product's top bits. */
  private shift = 22;
  private used = 0;
  private count = 0;

  /** How many blocks have ids (ids are 0..size-1). */
  get size(): number {
    return this.count;
  }

  /** The block's key (as ipBlockKey names it). */
  keyOf(id: number): string {
    return keyText(this.v4OfId, this.textKeys, id);
  }

  /**
   * keyOf for the ids numbered so far, holding only what it needs: the lookup table (about 16 bytes per block)
   * can be collected once the ids are assigned.
   */
  keyReader(): (id: number) => string {
    const v4OfId = this.v4OfId.slice(0, this.count);
    const textKeys = this.textKeys;
    return (id) => keyText(v4OfId, textKeys, id);
  }

  /** The block's id, or -1 when the address has no block (unparsable). */
  idOf(ip: string): number {
    // The one IPv4 parser (src/ranges/ip.ts): allocation-free, a number per address, no string.
    const address = parseIPv4(ip);
    if (address !== undefined) return this.v4Id(address >>> 8);
    const key = ipBlockKey(ip);
    if (key === undefined) return -1;
    const v4 = /^(\d+)\.(\d+)\.(\d+)$/.exec(key);
    if (v4 !== null) return this.v4Id((Number(v4[1]) << 16) | (Number(v4[2]) << 8) | Number(v4[3]));
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.newId(-1);
      this.textKeys.set(id, key);
      this.byKey.set(key, id);
    }
    return id;
  }

  private newId(v4Block: number): number {
    const id = this.count++;
    if (id === this.v4OfId.length) this.v4OfId = doubled(this.v4OfId);
    this.v4OfId[id] = v4Block;
    return id;
  }

  private v4Id(block: number): number {
    const stored = block + 1;
    let mask = this.slotBlock.length - 1;
    // Fibonacci hashing spreads neighbouring blocks over the table.
    let slot = Math.imul(block, FIBONACCI) >>> this.shift;
    for (;;) {
      const seen = this.slotBlock[slot]!;
      if (seen === stored) return this.slotId[slot]!;
      if (seen === 0) break;
      slot = (slot + 1) & mask;
    }
    const id = this.newId(block);
    this.slotBlock[slot] = stored;
    this.slotId[slot] = id;
    if (++this.used * 2 > this.slotBlock.length) {
      // Keep the table at most half full: double it and place every block again.
      const blocks = this.slotBlock;
      const ids = this.slotId;
      this.slotBlock = new Int32Array(blocks.length * 2);
      this.slotId = new Int32Array(blocks.length * 2);
      mask = this.slotBlock.length - 1;
      this.shift--;
      for (let old = 0; old < blocks.length; old++) {
        const value = blocks[old]!;
        if (value === 0) continue;
        let at = Math.imul(value - 1, FIBONACCI) >>> this.shift;
        while (this.slotBlock[at] !== 0) at = (at + 1) & mask;
        this.slotBlock[at] = value;
        this.slotId[at] = ids[old]!;
      }
    }
    return id;
  }
}
