// The bundled Apple relay blocks (src/ranges/data/apple.ts) against a snapshot of Apple's own egress list
// (https://mask-api.icloud.com/egress-ip-ranges.csv, merged per family): every row must fall in a bundled block,
// so an open from any relay address is recognised without the full download. Skips when the snapshot is absent.
import { existsSync, readFileSync } from 'node:fs';
import { APPLE_ENTRIES } from '../../src/ranges/data/apple';
import { RangeIndex } from '../../src/ranges';

const SNAPSHOT = '../shared/data/ranges-sources/hroost__icloud-private-relay-iplist';
const present = existsSync(`${SNAPSHOT}/ipv4/ipv4-ranges.txt`) && existsSync(`${SNAPSHOT}/ipv6/ipv6-ranges.txt`);

function rows(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe.skipIf(!present)("Apple relay blocks cover Apple's egress list", () => {
  const index = RangeIndex.build(APPLE_ENTRIES);
  // Rows are merged blocks or single addresses; the bundled blocks are /16–/32 aggregates at least as wide as any
  // row, so a row's first address lies in a bundled block exactly when the whole row does.
  const ends = (row: string): string[] => [row.split('/')[0]!];

  it.each(['ipv4/ipv4-ranges.txt', 'ipv6/ipv6-ranges.txt'])('every row of %s', (file) => {
    const missed = rows(`${SNAPSHOT}/${file}`).filter((row) => ends(row).some((address) => index.lookup(address)?.vendor !== 'apple-icloud'));
    expect(missed.slice(0, 10)).toEqual([]);
  });

  it('and the relay blocks that the old subset missed, such as 104.28.0.0/16', () => {
    expect(index.lookup('104.28.38.17')).toMatchObject({ vendor: 'apple-icloud', kind: 'mail-proxy' });
    expect(index.lookup('172.224.229.4')).toMatchObject({ vendor: 'apple-icloud', kind: 'mail-proxy' });
  });
});
