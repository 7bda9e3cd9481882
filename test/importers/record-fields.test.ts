import fc from 'fast-check';
import { importText } from '../../src/importers/index';
import { extractIp, normalizeRecipient } from '../../src/importers/record-fields';

describe('normalizeRecipient', () => {
  it('finds the address in display-name, mailto and padded forms', () => {
    expect(normalizeRecipient('Ana Lopez <Ana.Lopez@Contoso.com>')).toBe('ana.lopez@contoso.com');
    expect(normalizeRecipient('"Lopez, Ana" <ana@contoso.com>')).toBe('ana@contoso.com');
    expect(normalizeRecipient('mailto:Ben@iCloud.com')).toBe('ben@icloud.com');
    expect(normalizeRecipient('  CARLA@gmail.com ')).toBe('carla@gmail.com');
    expect(normalizeRecipient('contact 12345')).toBe('contact 12345');
    expect(normalizeRecipient('   ')).toBeUndefined();
  });
});

describe('extractIp', () => {
  it('reads the client address out of the ways exports write it', () => {
    expect(extractIp('40.94.29.12')).toBe('40.94.29.12');
    expect(extractIp('40.94.29.12:443')).toBe('40.94.29.12');
    expect(extractIp('[2a01:111:f400::1]:443')).toBe('2a01:111:f400::1');
    expect(extractIp('2a01:111:f400::1')).toBe('2a01:111:f400::1');
    expect(extractIp('::ffff:40.94.29.12')).toBe('::ffff:40.94.29.12');
    expect(extractIp('172.225.6.10, 10.0.0.1')).toBe('172.225.6.10');
    expect(extractIp('IP: 81.2.69.160 (GB)')).toBe('81.2.69.160');
  });

  it('finds nothing in places, clock times and impossible addresses', () => {
    for (const text of ['Boydton, VA, US', '17:08:31', '999.1.1.1', '', 'unknown', '1.2.3']) expect(extractIp(text)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      extractIp(text);
      normalizeRecipient(text);
    }));
  });
});

describe('one recipient, one IP, whatever the cell looks like', () => {
  it('a CSV that writes the recipient with a display name groups with the plain address', () => {
    const csv = [
      'Recipient,Event,Time,IP',
      '"Ana Lopez <Ana.Lopez@Contoso.com>",open,2025-02-13 17:00:11,"40.94.29.12:443"',
      'ana.lopez@contoso.com,click,2025-02-13 17:00:43,"40.94.29.12, 10.0.0.1"',
    ].join('\n');
    const events = importText(csv).campaign.events;
    expect(events.map((event) => [event.recipient, event.ip])).toEqual([
      ['ana.lopez@contoso.com', '40.94.29.12'],
      ['ana.lopez@contoso.com', '40.94.29.12'],
    ]);
  });

  it('JSON webhooks with a forwarding chain in ip keep the client address', () => {
    const records = [{ email: 'A@X.example', timestamp: 1739466011, event: 'open', ip: '81.2.69.160, 172.16.0.1', sg_event_id: '1' }];
    expect(importText(JSON.stringify(records)).campaign.events.map((event) => [event.recipient, event.ip])).toEqual([['a@x.example', '81.2.69.160']]);
  });
});
