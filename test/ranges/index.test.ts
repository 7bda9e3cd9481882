import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { BUNDLED_DATASET_VERSION, getBundledIndex, RangeIndex } from '../../src/ranges/index';
import type { RangeEntry } from '../../src/ranges/types';
import { USER_RANGE_PRIORITY } from '../../src/ranges/types';

const entry = (vendor: string, cidrs: string[], extra: Partial<RangeEntry> = {}): RangeEntry => ({
  vendor,
  kind: 'scanner',
  cidrs,
  source: 'https://example.test/list',
  date: '2026-11-24',
  ...extra,
});

describe('getBundledIndex', () => {
  const index = getBundledIndex();

  it('answers vendor and kind for the ranges conventions §3 names', () => {
    expect(index.lookup('40.92.17.3')).toEqual({ vendor: 'microsoft', kind: 'scanner', tag: 'eop' });
    expect(index.lookup('40.107.255.254')).toMatchObject({ vendor: 'microsoft', tag: 'eop' });
    expect(index.lookup('52.103.1.1')).toMatchObject({ vendor: 'microsoft', tag: 'eop' });
    expect(index.lookup('104.47.127.255')).toMatchObject({ vendor: 'microsoft' });
    expect(index.lookup('104.47.128.0')).toBeUndefined(); // just past 104.47.0.0/17
    expect(index.lookup('40.94.33.9')).toEqual({ vendor: 'microsoft', kind: 'scanner', tag: 'safe-links' });
    expect(index.lookup('2a01:111:f400:7e1b::25')).toMatchObject({ vendor: 'microsoft', tag: 'eop' });
    expect(index.lookup('2a01:111:f402::1')).toBeUndefined();
    expect(index.lookup('66.249.84.1')).toEqual({ vendor: 'google', kind: 'mail-proxy', tag: 'image-proxy' });
    expect(index.lookup('172.225.77.10')).toMatchObject({ vendor: 'apple-icloud', kind: 'mail-proxy' });
    expect(index.lookup('205.139.110.77')).toMatchObject({ vendor: 'mimecast', tag: 'region-us' });
    expect(index.lookup('41.74.193.5')).toMatchObject({ vendor: 'mimecast', tag: 'region-za' });
    expect(index.lookup('67.231.153.4')).toMatchObject({ vendor: 'proofpoint' });
    expect(index.lookup('209.222.82.1')).toMatchObject({ vendor: 'barracuda' });
    expect(index.lookup('104.30.40.9')).toMatchObject({ vendor: 'cloudflare' });
    expect(index.lookup('165.225.10.10')).toEqual({ vendor: 'zscaler', kind: 'web-gateway' });
    expect(index.lookup('192.0.2.1')).toBeUndefined();
  });

  it('treats IPv4-mapped IPv6, zone ids and stray spaces like the plain address', () => {
    expect(index.lookup('::ffff:40.94.1.2')).toMatchObject({ tag: 'safe-links' });
    expect(index.lookup('::FFFF:285e:0102')).toMatchObject({ tag: 'safe-links' });
    expect(index.lookup(' 40.94.1.2 ')).toMatchObject({ tag: 'safe-links' });
    expect(index.lookup('2a01:111:f403::1%en0')).toMatchObject({ vendor: 'microsoft' });
  });

  it('returns unknown for bad input instead of throwing', () => {
    for (const bad of ['999.1.1.1', '::ffff:', 'text', '', '40.94.1', '40.94.1.2/32', '[', '::ffff:999.1.1.1']) {
      expect(index.lookup(bad), bad).toBeUndefined();
    }
    expect(index.lookup(undefined as unknown as string)).toBeUndefined();
    expect(index.lookup(42 as unknown as string)).toBeUndefined();
  });

  it('never throws on any string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (text) => {
        index.lookup(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('is built once and carries a dataset version', () => {
    expect(getBundledIndex()).toBe(index);
    expect(BUNDLED_DATASET_VERSION).toBeGreaterThan(2026000000);
    expect(index.stats.skippedPrefixes).toBe(0);
  });
});

describe('RangeIndex precedence', () => {
  it('lets the most specific block win inside a broader one, and the broader one keep the rest', () => {
    const index = RangeIndex.build([
      entry('wide', ['10.0.0.0/8', '2001:db8::/32']),
      entry('narrow', ['10.1.2.0/24', '2001:db8:1::/48']),
      entry('narrowest', ['10.1.2.128/25']),
    ]);
    expect(index.lookup('10.1.1.255')?.vendor).toBe('wide');
    expect(index.lookup('10.1.2.0')?.vendor).toBe('narrow');
    expect(index.lookup('10.1.2.127')?.vendor).toBe('narrow');
    expect(index.lookup('10.1.2.128')?.vendor).toBe('narrowest');
    expect(index.lookup('10.1.2.255')?.vendor).toBe('narrowest');
    expect(index.lookup('10.1.3.0')?.vendor).toBe('wide');
    expect(index.lookup('10.255.255.255')?.vendor).toBe('wide');
    expect(index.lookup('11.0.0.0')).toBeUndefined();
    expect(index.lookup('2001:db8:1:ffff::')?.vendor).toBe('narrow');
    expect(index.lookup('2001:db8:2::')?.vendor).toBe('wide');
    expect(index.lookup('2001:db9::')).toBeUndefined();
  });

  it('lets a higher priority layer win even when it is broader', () => {
    const index = RangeIndex.build([
      entry('bundled', ['10.1.2.0/24']),
      entry('mine', ['10.0.0.0/8'], { kind: 'cloud', priority: USER_RANGE_PRIORITY }),
    ]);
    expect(index.lookup('10.1.2.3')).toEqual({ vendor: 'mine', kind: 'cloud' });
  });

  it('lets the later entry win for the same block in one layer', () => {
    const index = RangeIndex.build([entry('first', ['192.0.2.0/24']), entry('second', ['192.0.2.0/24'])]);
    expect(index.lookup('192.0.2.9')?.vendor).toBe('second');
  });

  it('handles the edges of the address spaces', () => {
    const index = RangeIndex.build([entry('all4', ['0.0.0.0/0']), entry('top6', ['ffff:ffff:ffff:ffff::/64']), entry('host', ['255.255.255.255/32'])]);
    expect(index.lookup('0.0.0.0')?.vendor).toBe('all4');
    expect(index.lookup('255.255.255.254')?.vendor).toBe('all4');
    expect(index.lookup('255.255.255.255')?.vendor).toBe('host');
    expect(index.lookup('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.vendor).toBe('top6');
    expect(index.lookup('::')).toBeUndefined();
  });

  it('skips and counts CIDRs that do not parse', () => {
    const index = RangeIndex.build([entry('x', ['10.0.0.0/8', 'not-a-cidr', '1.2.3.0/99'])]);
    expect(index.stats).toMatchObject({ prefixes: 3, skippedPrefixes: 2, ipv4Segments: 1 });
  });

  it('agrees with a layered reference: any user block beats every bundled block (property)', () => {
    const blockArb = fc.record({
      start: fc.integer({ min: 0, max: 1023 }),
      length: fc.integer({ min: 22, max: 32 }),
      vendor: fc.constantFrom('a', 'b', 'c'),
      user: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 10 }), fc.array(fc.integer({ min: 0, max: 1023 }), { minLength: 30, maxLength: 30 }), (blocks, probes) => {
        const entries = blocks.map((block) => {
          const size = 2 ** (32 - block.length);
          const start = Math.floor(block.start / size) * size;
          return {
            ...entry(block.user ? `user-${block.vendor}` : block.vendor, [`10.0.${start >> 8}.${start & 255}/${block.length}`]),
            ...(block.user ? { priority: USER_RANGE_PRIORITY } : {}),
            start,
            end: start + size - 1,
            length: block.length,
          };
        });
        const index = RangeIndex.build(entries);
        for (const probe of probes) {
          let best: { vendor: string; rank: number } | undefined;
          entries.forEach((candidate, order) => {
            if (probe < candidate.start || probe > candidate.end) return;
            // Layer first, then specificity, then input order.
            const rank = (candidate.priority ?? 0) * 1e6 + candidate.length * 1e3 + order;
            if (!best || rank > best.rank) best = { vendor: candidate.vendor, rank };
          });
          expect(index.lookup(`10.0.${probe >> 8}.${probe & 255}`)?.vendor).toBe(best?.vendor);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a most-specific-match reference built on ipaddr.js (property)', () => {
    // Random nested and overlapping blocks inside 10.0.0.0/16 so that overlaps are common.
    const blockArb = fc.record({
      third: fc.integer({ min: 0, max: 3 }),
      fourth: fc.integer({ min: 0, max: 255 }),
      length: fc.integer({ min: 16, max: 32 }),
      vendor: fc.constantFrom('a', 'b', 'c', 'd'),
    });
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 1023 }), { minLength: 20, maxLength: 20 }), (blocks, probes) => {
        const entries = blocks.map((block) => {
          const parsed = ipaddr.parseCIDR(`10.0.${block.third}.${block.fourth}/${block.length}`);
          const network = ipaddr.IPv4.networkAddressFromCIDR(`10.0.${block.third}.${block.fourth}/${block.length}`);
          return { ...entry(block.vendor, [`${network.toString()}/${parsed[1]}`]), parsedRange: [network, parsed[1]] as [ipaddr.IPv4, number] };
        });
        const index = RangeIndex.build(entries);
        for (const probe of probes) {
          const ip = `10.0.${probe >> 8}.${probe & 255}`;
          const address = ipaddr.IPv4.parse(ip);
          let best: { vendor: string; length: number; order: number } | undefined;
          entries.forEach((candidate, order) => {
            const [network, length] = candidate.parsedRange;
            if (!address.match(network, length)) return;
            if (!best || length > best.length || (length === best.length && order > best.order)) best = { vendor: candidate.vendor, length, order };
          });
          expect(index.lookup(ip)?.vendor).toBe(best?.vendor);
        }
      }),
      { numRuns: 300 },
    );
  });
});
