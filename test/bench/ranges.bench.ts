// Range index benchmark: lookups/s for IPv4 and IPv6 on a realistic-size set (≥ 15k prefixes), against a
// straightforward ipaddr.js loop over the same ranges measured in the same run (issue 4 goal: ≥ 100×), and
// cold start (index build, and IndexedDB read + build as the worker does at start-up).
// Prints figures only; never fails on a wall time (conventions §5).
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import { closeSieveDb, getDataset, listStoredUserRanges, openSieveDb, putDataset } from '../../src/background/db';
import { BUNDLED_DATASET_VERSION, BUNDLED_ENTRIES, RangeIndex } from '../../src/ranges/index';
import { formatIPv4, formatIPv6, parseCidr } from '../../src/ranges/ip';
import { parseCidrText } from '../../src/ranges/parse/cidr-text';
import { parseGoogleIpRanges } from '../../src/ranges/parse/google-ipranges';
import type { RangeEntry } from '../../src/ranges/types';
import { mulberry32 } from '../generator/mulberry32';

const here = dirname(fileURLToPath(import.meta.url));
const snapshots = resolve(here, '../../../shared/data/ranges-sources');


const entryOf = (vendor: string, kind: RangeEntry['kind'], cidrs: string[], source: string): RangeEntry => ({
  vendor,
  kind,
  cidrs,
  source,
  date: '2026-11-24',
});

/** The snapshot CIDRs read at bench time (never copied into the project), else a generated set of equal size. */
function realisticEntries(): { entries: RangeEntry[]; origin: string } {
  // RANGES_BENCH_GENERATED=1 forces the generated set (what a checkout without ../shared measures).
  if (existsSync(snapshots) && !process.env.RANGES_BENCH_GENERATED) {
    const read = (path: string): string => readFileSync(resolve(snapshots, path), 'utf8');
    const entries: RangeEntry[] = [
      entryOf('apple-icloud', 'mail-proxy', parseCidrText(read('hroost__icloud-private-relay-iplist/ipv4/ipv4-ranges.txt')), 'snapshot'),
      entryOf('apple-icloud', 'mail-proxy', parseCidrText(read('hroost__icloud-private-relay-iplist/ipv6/ipv6-ranges.txt')), 'snapshot'),
      entryOf('microsoft', 'scanner', parseCidrText(read('natecohen__microsoft-ips/microsoft-365/Worldwide/Exchange/ip_cidr.txt')), 'snapshot'),
      entryOf('google', 'mail-proxy', parseGoogleIpRanges(JSON.parse(read('berthubert__googerteller/goog.json'))).cidrs, 'snapshot'),
      entryOf('google-cloud', 'cloud', parseGoogleIpRanges(JSON.parse(read('berthubert__googerteller/cloud.json'))).cidrs, 'snapshot'),
    ];
    for (const asn of readdirSync(resolve(snapshots, 'ipverse__asn-ip/as'))) {
      const data = JSON.parse(read(`ipverse__asn-ip/as/${asn}/aggregated.json`)) as { subnets: { ipv4: string[]; ipv6: string[] } };
      entries.push(entryOf(`as${asn}`, 'scanner', [...data.subnets.ipv4, ...data.subnets.ipv6], 'snapshot'));
    }
    for (const list of ['MimeCast_GL', 'MimeCast_US', 'MimeCast_EU', 'MessageLabs', 'Google_Email_Services']) {
      entries.push(entryOf(list.toLowerCase(), 'scanner', parseCidrText(read(`blankcode__msipdelta2/${list}/list/IPv4`)), 'snapshot'));
    }
    entries.push(...BUNDLED_ENTRIES);
    return { entries, origin: `snapshots in ${snapshots} + bundled data` };
  }
  const next = mulberry32(7);
  const v4: string[] = [];
  const v6: string[] = [];
  for (let i = 0; i < 6000; i += 1) {
    const length = 16 + Math.floor(next() * 17);
    const start = Math.floor(next() * 2 ** 32) & ~(2 ** (32 - length) - 1);
    v4.push(`${formatIPv4(start >>> 0)}/${length}`);
  }
  for (let i = 0; i < 10000; i += 1) {
    const length = 32 + Math.floor(next() * 33);
    const high = (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
    const start = ((0x2000n << 48n) | (high & ((1n << 48n) - 1n))) & ~((1n << BigInt(64 - length)) - 1n);
    v6.push(`${formatIPv6(start << 64n)}/${length}`);
  }
  return { entries: [entryOf('generated-v4', 'scanner', v4, 'generated'), entryOf('generated-v6', 'scanner', v6, 'generated')], origin: 'generated' };
}

/** Probe addresses: about half inside a listed block, half anywhere. */
function probes(entries: RangeEntry[], version: 4 | 6, count: number, seed: number): string[] {
  const next = mulberry32(seed);
  const blocks = entries.flatMap((entry) => entry.cidrs.map((text) => parseCidr(text)).filter((cidr) => cidr?.version === version));
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 2 === 0) {
      const block = blocks[Math.floor(next() * blocks.length)];
      if (!block) continue;
      const size = block.end - block.start + 1n;
      const offset = BigInt(Math.floor(next() * Number(size > 2n ** 52n ? 2n ** 52n : size)));
      const value = block.start + offset;
      out.push(version === 4 ? formatIPv4(value) : formatIPv6(value));
    } else if (version === 4) {
      out.push(formatIPv4(Math.floor(next() * 2 ** 32)));
    } else {
      out.push(formatIPv6((0x2000n << 112n) | (BigInt(Math.floor(next() * 2 ** 48)) << 64n) | BigInt(Math.floor(next() * 2 ** 32))));
    }
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');

export async function run(): Promise<void> {
  const { entries, origin } = realisticEntries();
  const prefixCount = entries.reduce((sum, entry) => sum + entry.cidrs.length, 0);
  console.log(`data: ${origin}`);
  console.log(`prefixes: ${format(prefixCount)} in ${entries.length} entries`);

  // Cold start 1: compile the index from entries (what every worker start does after reading IndexedDB).
  RangeIndex.build(entries); // warm the JIT once; the worker's first build is colder than this
  const buildTimes = Array.from({ length: 5 }, () => timeIt(() => RangeIndex.build(entries)));
  const index = RangeIndex.build(entries);
  console.log(
    `index build: median ${median(buildTimes).toFixed(1)} ms (${format(index.stats.ipv4Segments)} IPv4 + ${format(index.stats.ipv6Segments)} IPv6 segments)`,
  );
  const bundledTimes = Array.from({ length: 5 }, () => timeIt(() => RangeIndex.build(BUNDLED_ENTRIES)));
  console.log(`bundled index build (${format(BUNDLED_ENTRIES.reduce((s, e) => s + e.cidrs.length, 0))} prefixes): median ${median(bundledTimes).toFixed(2)} ms`);

  // Cold start 2: the worker path, IndexedDB read + build (fake-indexeddb in Node: structured clone costs differ
  // from a browser's, so read this as an order of magnitude).
  const dbName = `ranges-bench-${Date.now()}`;
  const writer = await openSieveDb({ name: dbName });
  await putDataset({ version: BUNDLED_DATASET_VERSION, source: 'refreshed', fetchedAt: Date.now(), entries }, writer);
  await closeSieveDb();
  const coldStart = performance.now();
  const reader = await openSieveDb({ name: dbName });
  const [stored, userRanges] = await Promise.all([getDataset(reader), listStoredUserRanges(reader)]);
  const readMs = performance.now() - coldStart;
  RangeIndex.build([...(stored?.entries ?? []), ...userRanges.map((range) => entryOf('user', range.kind, [range.cidr], 'user'))]);
  console.log(`worker cold start (IndexedDB read ${readMs.toFixed(1)} ms + build): ${(performance.now() - coldStart).toFixed(1)} ms`);
  await closeSieveDb();

  // The straightforward baseline: ipaddr.parse(ip).match(range) over every range, keeping the most specific
  // match and, on equal length, the later entry (the same answer the index gives), ranges pre-parsed once.
  const ranges4 = entries.flatMap((entry) =>
    entry.cidrs.flatMap((text) => {
      const parsed = ipaddr.parseCIDR(text.includes('/') ? text : `${text}/32`);
      return parsed[0].kind() === 'ipv4' ? [{ range: parsed, vendor: entry.vendor }] : [];
    }),
  );
  const ranges6 = entries.flatMap((entry) =>
    entry.cidrs.flatMap((text) => {
      const parsed = ipaddr.parseCIDR(text.includes('/') ? text : `${text}/128`);
      return parsed[0].kind() === 'ipv6' ? [{ range: parsed, vendor: entry.vendor }] : [];
    }),
  );
  const baselineLookup = (ip: string, version: 4 | 6): string | undefined => {
    const address = ipaddr.parse(ip);
    let best: { vendor: string; length: number } | undefined;
    for (const candidate of version === 4 ? ranges4 : ranges6) {
      if (address.match(candidate.range) && (!best || candidate.range[1] >= best.length)) {
        best = { vendor: candidate.vendor, length: candidate.range[1] };
      }
    }
    return best?.vendor;
  };

  for (const version of [4, 6] as const) {
    const fast = probes(entries, version, 200_000, version * 11);
    const slow = fast.slice(0, 1_000);
    let hits = 0;
    for (const ip of fast.slice(0, 20_000)) if (index.lookup(ip)) hits += 1; // warm-up
    const indexMs = median(
      Array.from({ length: 3 }, () =>
        timeIt(() => {
          hits = 0;
          for (const ip of fast) if (index.lookup(ip)) hits += 1;
        }),
      ),
    );
    // Same answers as the baseline on the slow sample (a benchmark of a wrong index would be meaningless).
    let disagreements = 0;
    const baselineMs = timeIt(() => {
      for (const ip of slow) {
        if (baselineLookup(ip, version) !== index.lookup(ip)?.vendor) disagreements += 1;
      }
    });
    const indexRate = (fast.length / indexMs) * 1000;
    const baselineRate = (slow.length / baselineMs) * 1000;
    console.log(
      `IPv${version}: index ${format(indexRate)} lookups/s (${format(hits)} of ${format(fast.length)} hit) | ipaddr.js loop over ${format(
        version === 4 ? ranges4.length : ranges6.length,
      )} ranges ${format(baselineRate)} lookups/s | ratio ${format(indexRate / baselineRate)}× | disagreements ${disagreements}`,
    );
  }
}
