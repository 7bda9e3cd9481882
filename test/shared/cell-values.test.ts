// One reading of addresses and recipients for the importers and the page reader, checked by the full IP parser.
import fc from 'fast-check';
import { extractIp, findEmail, findIp, isEmailAddress, isIpAddress, normalizeRecipient, parseCount } from '../../src/shared/cell-values';

describe('cell values', () => {
  it('finds v4 and every v6 form in running text, and no clock time', () => {
    expect(findIp('IP: 81.2.69.160 (GB)')).toBe('81.2.69.160');
    expect(findIp('Opened from 2A01:111:F400::1 in Dublin')).toBe('2a01:111:f400::1');
    expect(findIp('via ::ffff:40.94.29.12')).toBe('40.94.29.12');
    expect(findIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8:0:0:1:0:0:1');
    expect(findIp('Feb 13, 17:08:31')).toBeUndefined();
    expect(findIp('at 10:30, then 23:59')).toBeUndefined();
    expect(findIp('123.123.123.321')).toBeUndefined(); // Mailgun's documented example is not an address
    expect(findIp('version 1.2.3.4.5')).toBeUndefined();
  });

  it('takes the client address from the shapes IP fields come in', () => {
    expect(extractIp('40.94.29.12:443')).toBe('40.94.29.12');
    expect(extractIp('[2a01:111:f400::1]:443')).toBe('2a01:111:f400::1');
    expect(extractIp('172.225.6.10, 10.0.0.1')).toBe('172.225.6.10');
    expect(extractIp('"81.2.69.160"')).toBe('81.2.69.160');
    expect(extractIp('Dublin, Ireland')).toBeUndefined();
    expect(extractIp('fe80::1%eth0')).toBe('fe80::1%eth0');
  });

  it('agrees with the parser on any address it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        expect(isIpAddress(address)).toBe(true);
        expect(extractIp(address)).toBe(address.toLowerCase());
        const found = findIp(`seen at ${address} (x)`);
        expect(found === undefined ? undefined : isIpAddress(found)).toBe(true);
      }),
    );
  });

  it('keys recipients the same way however they are written', () => {
    expect(normalizeRecipient('Ana Lopez <Ana.Lopez@Contoso.com>')).toBe('ana.lopez@contoso.com');
    expect(normalizeRecipient('mailto:ana@x.example')).toBe('ana@x.example');
    expect(normalizeRecipient('  Lead 1305232 ')).toBe('lead 1305232');
    expect(normalizeRecipient('   ')).toBeUndefined();
    expect(normalizeRecipient('Ana Lopez ana.lopez@contoso.com')).toBe('ana.lopez@contoso.com');
  });

  it('finds the address a person reads, in a cell, a link or a name line, in any script', () => {
    expect(findEmail('Ana Lopez <Ana.Lopez@Contoso.com>')).toBe('ana.lopez@contoso.com');
    expect(findEmail('https://t.example.com/track?email=ana@contoso.com&c=7')).toBe('ana@contoso.com');
    expect(findEmail('josé.müller@bücher.de opened')).toBe('josé.müller@bücher.de');
    expect(findEmail('Lead 1305232')).toBeUndefined();
    expect(isEmailAddress("o'brien+news@mail.example.org")).toBe(true);
    expect(isEmailAddress('ana@contoso.com, bo@x.com')).toBe(false);
    expect(isEmailAddress('ana@localhost')).toBe(false);
  });

  it('reads a count however reports and exports group its digits, and nothing that is not a count', () => {
    expect(parseCount('1204')).toBe(1204);
    expect(parseCount(' 1,204 ')).toBe(1204);
    expect(parseCount('1 204 567')).toBe(1_204_567);
    expect(parseCount('1.204')).toBe(1204);
    expect(parseCount('1\u202f204')).toBe(1204);
    expect(parseCount('3.0')).toBe(3);
    expect(parseCount('12.5')).toBeUndefined();
    expect(parseCount('1,20')).toBeUndefined();
    expect(parseCount('-2')).toBeUndefined();
    expect(parseCount('')).toBeUndefined();
  });
});
