import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { RangeIndex } from '../../src/ranges/index';
import { parseAppleEgressCsv } from '../../src/ranges/parse/apple-egress';
import { parseCidrText } from '../../src/ranges/parse/cidr-text';
import { RangeSourceError } from '../../src/ranges/parse/errors';
import { parseGoogleIpRanges, subtractCidrs } from '../../src/ranges/parse/google-ipranges';
import { parseMicrosoftEndpoints } from '../../src/ranges/parse/microsoft-endpoints';
import { parseSpfRecord } from '../../src/ranges/parse/spf';

// Samples in the exact shape each source publishes (trimmed to a few records).
const MICROSOFT_SAMPLE = [
  {
    id: 1,
    serviceArea: 'Exchange',
    serviceAreaDisplayName: 'Exchange Online',
    urls: ['outlook.cloud.microsoft', 'outlook.office.com', 'outlook.office365.com'],
    ips: ['13.107.6.152/31', '13.107.18.10/31', '40.96.0.0/13', '40.104.0.0/15', '52.96.0.0/14', '2603:1006::/40', '2620:1ec:4::152/128'],
    tcpPorts: '80,443',
    expressRoute: true,
    category: 'Optimize',
    required: true,
  },
  {
    id: 9,
    serviceArea: 'Exchange',
    serviceAreaDisplayName: 'Exchange Online',
    ips: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'],
    tcpPorts: '25',
    expressRoute: false,
    category: 'Allow',
    required: false,
  },
  { id: 10, serviceArea: 'Exchange', urls: ['*.protection.outlook.com'], tcpPorts: '443', expressRoute: false, category: 'Allow', required: true },
  { id: 31, serviceArea: 'SharePoint', ips: ['13.107.136.0/22', '40.108.128.0/17'], tcpPorts: '80,443', expressRoute: true, category: 'Optimize', required: true },
];

const GOOG_SAMPLE = {
  syncToken: '1714028703034',
  creationTime: '2024-04-25T07:05:03.034263',
  prefixes: [{ ipv4Prefix: '8.8.4.0/24' }, { ipv4Prefix: '34.0.0.0/15' }, { ipv4Prefix: '66.249.64.0/19' }, { ipv6Prefix: '2001:4860::/32' }],
};
const CLOUD_SAMPLE = {
  syncToken: '1714028703034',
  creationTime: '2024-04-25T07:05:03.034263',
  prefixes: [
    { ipv4Prefix: '34.0.0.0/16', service: 'Google Cloud', scope: 'us-central1' },
    { ipv4Prefix: '34.1.0.0/20', service: 'Google Cloud', scope: 'europe-west1' },
    { ipv6Prefix: '2001:4860:4000::/36', service: 'Google Cloud', scope: 'global' },
  ],
};

const APPLE_SAMPLE = [
  '172.224.224.0/27,GB,GB-EN,London,',
  '172.224.224.32/27,GB,GB-EN,London,',
  '172.224.224.64/26,GB,GB-EN,Manchester,',
  '104.28.0.30/31,US,US-CA,Los Angeles,',
  '2a02:26f7:b3c0:4000::/64,DE,DE-BE,Berlin,',
  '2a02:26f7:b3c0:4001::/64,DE,DE-BE,Berlin,',
  '',
].join('\n');

describe('parseMicrosoftEndpoints', () => {
  it('collects every Exchange range and nothing from other service areas', () => {
    const cidrs = parseMicrosoftEndpoints(MICROSOFT_SAMPLE);
    expect(cidrs).toContain('40.92.0.0/15');
    expect(cidrs).toContain('2a01:111:f403::/48');
    expect(cidrs).toContain('2620:1ec:4::152/128');
    expect(cidrs).not.toContain('13.107.136.0/22');
    expect(cidrs).toHaveLength(13);
    expect(parseMicrosoftEndpoints(MICROSOFT_SAMPLE, 'SharePoint')).toEqual(['13.107.136.0/22', '40.108.128.0/17']);
  });

  it('says what is wrong with a broken document', () => {
    expect(() => parseMicrosoftEndpoints({ error: 'bad clientrequestid' })).toThrow(/JSON array/);
    expect(() => parseMicrosoftEndpoints([{ id: 1, serviceArea: 'Exchange', ips: ['40.92.0.0/15', '40.92.0/15'] }])).toThrow(
      "endpoint set id 1: '40.92.0/15' is not an IP range",
    );
    expect(() => parseMicrosoftEndpoints([{ id: 1, ips: [] }])).toThrow(RangeSourceError);
  });
});

describe('parseGoogleIpRanges and subtractCidrs', () => {
  it('reads both prefix kinds and the creation time', () => {
    const goog = parseGoogleIpRanges(GOOG_SAMPLE);
    expect(goog.creationTime).toBe('2024-04-25T07:05:03.034263');
    expect(goog.cidrs).toEqual(['8.8.4.0/24', '34.0.0.0/15', '66.249.64.0/19', '2001:4860::/32']);
  });

  it('keeps goog.json minus cloud.json: Google-operated space only', () => {
    const own = subtractCidrs(parseGoogleIpRanges(GOOG_SAMPLE).cidrs, parseGoogleIpRanges(CLOUD_SAMPLE).cidrs);
    expect(own).toEqual([
      '8.8.4.0/24',
      '34.1.16.0/20',
      '34.1.32.0/19',
      '34.1.64.0/18',
      '34.1.128.0/17',
      '66.249.64.0/19',
      '2001:4860::/34',
      '2001:4860:5000::/36',
      '2001:4860:6000::/35',
      '2001:4860:8000::/33',
    ]);
  });

  it('refuses a document without prefixes', () => {
    expect(() => parseGoogleIpRanges({ syncToken: '1' })).toThrow(/prefixes/);
    expect(() => parseGoogleIpRanges({ prefixes: [{ service: 'Google Cloud' }] })).toThrow(/prefix #1/);
  });
});

describe('parseAppleEgressCsv', () => {
  it('reads RFC 8805 rows and merges adjacent prefixes', () => {
    expect(parseAppleEgressCsv(APPLE_SAMPLE)).toEqual(['104.28.0.30/31', '172.224.224.0/25', '2a02:26f7:b3c0:4000::/63']);
  });

  it('names the line of a bad row', () => {
    expect(() => parseAppleEgressCsv('# egress\n172.224.224.0/27,GB,GB-EN,London,\n172.224.224.0/40,GB,,,\n')).toThrow(
      "line 3: '172.224.224.0/40' is not an IP range",
    );
    expect(() => parseAppleEgressCsv('<html>Service Unavailable</html>')).toThrow(/line 1/);
  });
});

describe('parseSpfRecord', () => {
  it('reads ip4/ip6 mechanisms from chunked TXT output, skipping failing qualifiers', () => {
    const record =
      '"v=spf1 ip4:207.211.31.0/25 ip4:205.139.110.0/24 +ip4:63.128.21.0/24 -ip4:192.0.2.0/24 " "ip6:2a01:111:f400::/48 include:us._netblocks.mimecast.com redirect=_spf.example.net ~all"';
    expect(parseSpfRecord(record)).toEqual({
      cidrs: ['207.211.31.0/25', '205.139.110.0/24', '63.128.21.0/24', '2a01:111:f400::/48'],
      includes: ['us._netblocks.mimecast.com', '_spf.example.net'],
    });
    expect(parseSpfRecord('v=spf1 ip4:209.222.80.0/21 ~all').cidrs).toEqual(['209.222.80.0/21']);
  });

  it('refuses text that is not SPF or has a broken range', () => {
    expect(() => parseSpfRecord('google-site-verification=abc')).toThrow(/v=spf1/);
    expect(() => parseSpfRecord('v=spf1 ip4:300.1.1.0/24 -all')).toThrow(/ip4:300.1.1.0\/24/);
  });
});

describe('parseCidrText', () => {
  it('reads lists with comments, commas, bare addresses and stray quotes', () => {
    const text = '# MessageLabs\n46.226.48.0/21"\n103.9.96.0/22, 117.120.16.0/21 ; inline comment\n\n193.109.254.7\n2620:0:2900::/48 // v6\n';
    expect(parseCidrText(text)).toEqual(['46.226.48.0/21', '103.9.96.0/22', '117.120.16.0/21', '193.109.254.7/32', '2620:0:2900::/48']);
    expect(() => parseCidrText('10.0.0.0/8\nnope\n')).toThrow("line 2: 'nope' is not an IP range");
  });

  it('either parses or throws RangeSourceError, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const parse of [parseCidrText, parseAppleEgressCsv, parseSpfRecord]) {
          try {
            parse(text);
          } catch (error) {
            expect(error).toBeInstanceOf(RangeSourceError);
          }
        }
        for (const parse of [parseMicrosoftEndpoints, parseGoogleIpRanges]) {
          try {
            parse(JSON.parse(JSON.stringify({ prefixes: [text], ips: [text] })));
            parse([{ serviceArea: 'Exchange', ips: [text] }]);
          } catch (error) {
            expect(error).toBeInstanceOf(RangeSourceError);
          }
        }
      }),
    );
  });
});

// The third-party snapshots in ../shared prove the parsers and the index at real size; they are read at test
// time only and never copied into the project.
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const snapshots = resolve(projectRoot, '../shared/data/ranges-sources');
const snapshot = (path: string): string => readFileSync(resolve(snapshots, path), 'utf8');

describe.skipIf(!existsSync(snapshots))('full-size snapshots in ../shared/data/ranges-sources', () => {
  it('reads goog.json and cloud.json, and the difference still holds Gmail image-proxy space', () => {
    const goog = parseGoogleIpRanges(JSON.parse(snapshot('berthubert__googerteller/goog.json')));
    const cloud = parseGoogleIpRanges(JSON.parse(snapshot('berthubert__googerteller/cloud.json')));
    expect(goog.cidrs.length).toBeGreaterThan(50);
    expect(cloud.cidrs.length).toBeGreaterThan(500);
    const own = subtractCidrs(goog.cidrs, cloud.cidrs);
    const index = RangeIndex.build([{ vendor: 'google', kind: 'mail-proxy', cidrs: own, source: 'https://www.gstatic.com/ipranges/goog.json', date: '2024-04-25' }]);
    expect(index.lookup('66.249.84.1')?.vendor).toBe('google');
    for (const cidr of cloud.cidrs.slice(0, 200)) {
      const base = cidr.split('/')[0] as string;
      expect(index.lookup(base), `${cidr} is Cloud, not Google-operated`).toBeUndefined();
    }
  });

  it('reads the Apple relay list as plain CIDR text (addresses without /32) at full size', () => {
    const v4 = parseCidrText(snapshot('hroost__icloud-private-relay-iplist/ipv4/ipv4-ranges.txt'));
    const v6 = parseCidrText(snapshot('hroost__icloud-private-relay-iplist/ipv6/ipv6-ranges.txt'));
    expect(v4.length).toBeGreaterThan(3000);
    expect(v6.length).toBeGreaterThan(10000);
    // Apple's CSV carries the same prefixes; round-trip them through the RFC 8805 parser.
    const csv = [...v4, ...v6].map((cidr) => `${cidr},US,US-CA,Los Angeles,`).join('\n');
    const merged = parseAppleEgressCsv(csv);
    const index = RangeIndex.build([{ vendor: 'apple-icloud', kind: 'mail-proxy', cidrs: merged, source: 'https://mask-api.icloud.com/egress-ip-ranges.csv', date: '2026-08-17' }]);
    for (const cidr of [...v4.slice(0, 300), ...v6.slice(0, 300)]) {
      expect(index.lookup(cidr.split('/')[0] as string)?.vendor, cidr).toBe('apple-icloud');
    }
  });

  it('reads the flattened SPF and Exchange lists, including the stray quotes', () => {
    const messageLabs = parseCidrText(snapshot('blankcode__msipdelta2/MessageLabs/list/IPv4'));
    expect(messageLabs).toContain('46.226.48.0/21');
    const exchange = parseCidrText(snapshot('natecohen__microsoft-ips/microsoft-365/Worldwide/Exchange/ip_cidr.txt'));
    for (const eop of ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48']) {
      expect(exchange).toContain(eop);
    }
  });
});
