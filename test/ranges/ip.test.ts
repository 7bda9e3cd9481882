import { isIP } from 'node:net';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  aggregateCidrs,
  formatCidr,
  formatIPv6,
  intervalToCidrs,
  parseCidr,
  parseIPv4,
  parseIp,
  parseIPv6Into,
  subtractIntervals,
  unmapIPv4,
  wordsToBigInt,
} from '../../src/ranges/ip';

function v6(text: string): bigint | undefined {
  const words = new Uint32Array(4);
  return parseIPv6Into(text, words) ? wordsToBigInt(words) : undefined;
}

describe('parseIPv4', () => {
  it('reads dotted quads to unsigned 32-bit values', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('40.94.12.7')).toBe(((40 * 256 + 94) * 256 + 12) * 256 + 7);
    expect(parseIPv4('255.255.255.255')).toBe(4294967295);
  });

  it('refuses what is not exactly four decimal octets', () => {
    for (const bad of ['999.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '01.2.3.4', '1.2.3.4 ', '', 'a.b.c.d', '256.0.0.1', '1.2.3.-4']) {
      expect(parseIPv4(bad), bad).toBeUndefined();
    }
  });
});

describe('parseIPv6Into', () => {
  it('reads compressed, full, mixed, bracketed and zoned forms', () => {
    expect(v6('::')).toBe(0n);
    expect(v6('::1')).toBe(1n);
    expect(v6('2a01:111:f400::')).toBe(0x2a010111f400n << 80n);
    expect(v6('2a01:0111:f400:0000:0000:0000:0000:0000')).toBe(0x2a010111f400n << 80n);
    expect(v6('2A01:111:F400::25')).toBe((0x2a010111f400n << 80n) | 0x25n);
    expect(v6('::ffff:40.92.0.1')).toBe((0xffffn << 32n) | 0x285c0001n);
    expect(v6('fe80::1%eth0')).toBe((0xfe80n << 112n) | 1n);
    expect(v6('[2001:db8::1]')).toBe((0x20010db8n << 96n) | 1n);
    expect(v6('1:2:3:4:5:6:7::')).toBe(
      (1n << 112n) | (2n << 96n) | (3n << 80n) | (4n << 64n) | (5n << 48n) | (6n << 32n) | (7n << 16n),
    );
  });

  it('refuses broken text', () => {
    for (const bad of ['::ffff:', ':', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7', '::1.2.3', 'fe80::1%', '1.2.3.4', '']) {
      expect(v6(bad), bad).toBeUndefined();
    }
  });

  it('agrees with Node on which strings are IPv6 (property)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.%x'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 45 }), (text) => {
        const words = new Uint32Array(4);
        const ours = parseIPv6Into(text, words);
        // Node accepts any zone id text; ours does too (it is not part of the address).
        expect(ours).toBe(isIP(text) === 6);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every IPv6 form fast-check generates to the value the WHATWG URL parser sees (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        // ipaddr.js reads an embedded dotted tail as IPv4-mapped (`::0.0.0.0` → `::ffff:0:0`), RFC 4291 §2.2 does
        // not; the URL parser's hex-only serialisation is the neutral reference.
        const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        const bytes = ipaddr.IPv6.parse(canonical).toByteArray();
        const expected = bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
        expect(v6(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every 128-bit value through canonical text (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        expect(v6(formatIPv6(value))).toBe(value);
      }),
    );
  });
});

describe('parseCidr', () => {
  it('returns the block bounds and whether host bits were set', () => {
    expect(parseCidr('40.92.0.0/15')).toMatchObject({ version: 4, prefixLength: 15, hostBitsSet: false });
    const block = parseCidr('40.92.0.0/15');
    expect(block?.end).toBe(BigInt(parseIPv4('40.93.255.255') as number));
    expect(parseCidr('3.27.51.178/28')).toMatchObject({ hostBitsSet: true, start: BigInt(parseIPv4('3.27.51.176') as number) });
    expect(parseCidr('2a01:111:f403::/48')?.end).toBe((0x2a010111f403n << 80n) | ((1n << 80n) - 1n));
    expect(parseCidr('192.0.2.7')).toMatchObject({ prefixLength: 32 });
  });

  it('refuses bad lengths and zone ids', () => {
    for (const bad of ['1.2.3.0/33', '::/129', '1.2.3.0/', '1.2.3.0/08', '1.2.3.0/-1', 'fe80::%1/64', 'x/8', '']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });

  it('never throws and formats back to itself for canonical blocks (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (text) => {
        parseCidr(text);
        parseIp(text);
      }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (value, length) => {
        const start = BigInt(value) & ~((1n << BigInt(32 - length)) - 1n);
        const text = formatCidr({ version: 4, start, prefixLength: length });
        expect(parseCidr(text)).toMatchObject({ start, prefixLength: length, hostBitsSet: false });
      }),
    );
  });
});

describe('interval arithmetic', () => {
  it('unmaps IPv4-mapped IPv6 only', () => {
    expect(unmapIPv4(v6('::ffff:1.2.3.4') as bigint)).toBe(0x01020304n);
    expect(unmapIPv4(v6('::1.2.3.4') as bigint)).toBeUndefined();
  });

  it('covers an interval exactly with the fewest blocks', () => {
    const cidrs = intervalToCidrs(4, { start: BigInt(parseIPv4('10.0.0.1') as number), end: BigInt(parseIPv4('10.0.0.6') as number) });
    expect(cidrs.map(formatCidr)).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  });

  it('subtracts holes, including ones that span several intervals', () => {
    const n = (text: string): bigint => BigInt(parseIPv4(text) as number);
    const left = subtractIntervals(
      [{ start: n('10.0.0.0'), end: n('10.0.0.255') }, { start: n('10.0.2.0'), end: n('10.0.2.255') }],
      [{ start: n('10.0.0.16'), end: n('10.0.0.31') }, { start: n('10.0.0.200'), end: n('10.0.2.9') }],
    );
    expect(left.flatMap((interval) => intervalToCidrs(4, interval).map(formatCidr))).toEqual([
      '10.0.0.0/28',
      '10.0.0.32/27',
      '10.0.0.64/26',
      '10.0.0.128/26',
      '10.0.0.192/29',
      '10.0.2.10/31',
      '10.0.2.12/30',
      '10.0.2.16/28',
      '10.0.2.32/27',
      '10.0.2.64/26',
      '10.0.2.128/25',
    ]);
  });

  it('aggregates adjacent and nested blocks, across families', () => {
    expect(aggregateCidrs(['10.0.1.0/24', '10.0.0.0/24', '10.0.0.128/25', '2001:db8::/33', '2001:db8:8000::/33', 'junk'])).toEqual([
      '10.0.0.0/23',
      '2001:db8::/32',
    ]);
  });
});
