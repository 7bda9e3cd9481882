// Lint of the bundled range data (the Dark Reader / uBlock Origin habit: the data is code, so it gets tests).
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES } from '../../src/ranges/data';
import { compareCidrs, formatCidr, parseCidr, type Cidr } from '../../src/ranges/ip';

const KINDS = ['scanner', 'mail-proxy', 'web-gateway', 'cloud'];
// Broader than this swallows a whole cloud provider's share of the internet (AWS, Azure and GCP hold /10-/12
// blocks): only a `cloud` entry may be that wide.
const WIDEST_IPV4 = 10;
const WIDEST_IPV6 = 24;

/** FNV-1a of the serialised entries: any edit to the data changes it. */
function fingerprint(): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(BUNDLED_ENTRIES)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

// The stored copy is rewritten on update only when BUNDLED_DATASET_VERSION grows (ranges-service), so a data
// edit without a version bump would never reach existing installs. Record the new fingerprint with the bump.
const FINGERPRINT_OF_VERSION: Record<number, string> = {
  2026112402: '9d02452a',
  2026120601: 'cd140f2a',
};

describe('bundled range data', () => {
  it('bumps BUNDLED_DATASET_VERSION whenever the data changes', () => {
    expect(
      FINGERPRINT_OF_VERSION[BUNDLED_DATASET_VERSION],
      `data fingerprint is ${fingerprint()}: bump BUNDLED_DATASET_VERSION and record the new fingerprint here`,
    ).toBe(fingerprint());
  });

  it('has entries for every vendor the issue names', () => {
    const vendors = new Set(BUNDLED_ENTRIES.map((entry) => entry.vendor));
    for (const vendor of [
      'microsoft',
      'google',
      'apple-icloud',
      'yahoo',
      'proofpoint',
      'mimecast',
      'barracuda',
      'cisco',
      'trend-micro',
      'symantec',
      'forcepoint',
      'hornetsecurity',
      'cloudflare',
      'checkpoint-avanan',
      'zscaler',
    ]) {
      expect(vendors, vendor).toContain(vendor);
    }
    const mimecastRegions = BUNDLED_ENTRIES.filter((entry) => entry.vendor === 'mimecast').map((entry) => entry.tag);
    expect(mimecastRegions.sort()).toEqual(['region-au', 'region-ca', 'region-de', 'region-eu', 'region-us', 'region-za']);
    expect(BUNDLED_ENTRIES.find((entry) => entry.tag === 'safe-links')?.cidrs).toEqual(['40.94.0.0/16']);
    expect(BUNDLED_ENTRIES.find((entry) => entry.vendor === 'zscaler')?.kind).toBe('web-gateway');
  });

  for (const [position, entry] of BUNDLED_ENTRIES.entries()) {
    describe(`${entry.vendor}${entry.tag ? `/${entry.tag}` : ''} (#${position})`, () => {
      it('names a vendor, a kind, a source URL and a date', () => {
        expect(entry.vendor).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(KINDS).toContain(entry.kind);
        if (entry.tag !== undefined) expect(entry.tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        // https for pages and files; dns: (RFC 4501) for a vendor's SPF record.
        const source = new URL(entry.source);
        expect(['https:', 'http:', 'dns:']).toContain(source.protocol);
        expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(entry.date))).toBe(false);
        expect(entry.cidrs.length).toBeGreaterThan(0);
      });

      it('lists valid canonical CIDRs with host bits zero, sorted, without duplicates', () => {
        const parsed: Cidr[] = [];
        for (const text of entry.cidrs) {
          const cidr = parseCidr(text);
          expect(cidr, text).toBeDefined();
          if (!cidr) continue;
          expect(cidr.hostBitsSet, `${text} has host bits set`).toBe(false);
          expect(formatCidr(cidr), 'canonical text').toBe(text);
          parsed.push(cidr);
        }
        for (let i = 1; i < parsed.length; i += 1) {
          expect(compareCidrs(parsed[i - 1] as Cidr, parsed[i] as Cidr), `${entry.cidrs[i - 1]} before ${entry.cidrs[i]}`).toBeLessThan(0);
        }
      });

      it('has no block so broad it swallows a cloud, unless its kind is cloud', () => {
        if (entry.kind === 'cloud') return;
        for (const text of entry.cidrs) {
          const cidr = parseCidr(text) as Cidr;
          const widest = cidr.version === 4 ? WIDEST_IPV4 : WIDEST_IPV6;
          expect(cidr.prefixLength, text).toBeGreaterThanOrEqual(widest);
        }
      });
    });
  }

  it('lists no block twice across entries, and no block inside another entry of another vendor', () => {
    const all = BUNDLED_ENTRIES.flatMap((entry) => entry.cidrs.map((text) => ({ entry, cidr: parseCidr(text) as Cidr, text })));
    const seen = new Map<string, string>();
    for (const item of all) {
      const key = formatCidr(item.cidr);
      expect(seen.get(key), `${key} listed twice`).toBeUndefined();
      seen.set(key, item.entry.vendor);
    }
    all.sort((a, b) => compareCidrs(a.cidr, b.cidr));
    // CIDRs nest or are disjoint, so the open block with the furthest end is the container of anything it reaches.
    let container: (typeof all)[number] | undefined;
    for (const current of all) {
      if (container && container.cidr.version === current.cidr.version && current.cidr.start <= container.cidr.end) {
        // Nesting is allowed as deliberate precedence inside one vendor (e.g. a region inside a network), and for
        // a vendor's own blocks inside generic cloud space (a gateway hosted on AWS): the most specific block wins.
        if (container.entry.kind === 'cloud' && current.entry.kind !== 'cloud') continue;
        expect(current.entry.vendor, `${current.text} inside ${container.text}`).toBe(container.entry.vendor);
      } else {
        container = current;
      }
    }
  });
});
