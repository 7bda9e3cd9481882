// MX host names → mail host, on MX sets as real tenants publish them (the vendors' onboarding values).
import fc from 'fast-check';
import {
  countRecipientsByMailHost,
  MAIL_HOST_NAMES,
  MAIL_HOSTS,
  mailHostFromMx,
  mailHostOfExchange,
  recipientDomain,
} from '../../src/shared/mail-host';
import type { MailHost } from '../../src/shared/types';

describe('mailHostFromMx', () => {
  const realistic: Array<[string, string[], MailHost]> = [
    ['Microsoft 365 tenant', ['contoso-com.mail.protection.outlook.com.'], 'microsoft365'],
    ['Microsoft 365 with DNSSEC/DANE', ['contoso-com.r-v1.mx.microsoft'], 'microsoft365'],
    ['Microsoft 365 GCC High', ['contoso-us.mail.protection.office365.us'], 'microsoft365'],
    ['Proofpoint Enterprise', ['mx0a-00123401.pphosted.com', 'mx0b-00123401.pphosted.com'], 'proofpoint'],
    ['Proofpoint Essentials', ['mx1-us1.ppe-hosted.com', 'mx2-us1.ppe-hosted.com'], 'proofpoint'],
    ['Mimecast US', ['us-smtp-inbound-1.mimecast.com', 'us-smtp-inbound-2.mimecast.com'], 'mimecast'],
    ['Mimecast EU', ['eu-smtp-inbound-1.mimecast.com', 'eu-smtp-inbound-2.mimecast.com'], 'mimecast'],
    ['Mimecast South Africa', ['za-smtp-inbound-1.mimecast.co.za'], 'mimecast'],
    ['Mimecast Offshore', ['je-smtp-inbound-1.mimecast-offshore.com'], 'mimecast'],
    ['Barracuda ESS', ['d123456a.ess.barracudanetworks.com', 'd123456b.ess.barracudanetworks.com'], 'barracuda'],
    ['Cisco Secure Email', ['mx1.hc4321-12.iphmx.com', 'mx2.hc4321-12.iphmx.com'], 'cisco'],
    ['Symantec MessageLabs', ['cluster1.eu.messagelabs.com', 'cluster1a.eu.messagelabs.com'], 'messagelabs'],
    ['Trend Micro US', ['contoso.com.in.tmes.trendmicro.com'], 'trendmicro'],
    ['Trend Micro EU', ['contoso.com.in.tmes.trendmicro.eu'], 'trendmicro'],
    ['Trend Micro Japan', ['contoso.co.jp.in.tmes.trendmicro.co.jp'], 'trendmicro'],
    ['Trend Micro Australia', ['contoso.com.au.in.tmes.trendmicro.com.au'], 'trendmicro'],
    [
      'Google Workspace classic set',
      ['aspmx.l.google.com', 'alt1.aspmx.l.google.com', 'alt2.aspmx.l.google.com', 'aspmx2.googlemail.com', 'aspmx3.googlemail.com'],
      'google',
    ],
    ['Google Workspace single MX', ['smtp.google.com.'], 'google'],
    ['Gmail itself', ['gmail-smtp-in.l.google.com', 'alt1.gmail-smtp-in.l.google.com'], 'google'],
    ['consumer Outlook.com', ['outlook-com.olc.protection.outlook.com'], 'other'],
    ['on-premises Exchange', ['mail.fabrikam.com'], 'other'],
    ['Zoho', ['mx.zoho.eu', 'mx2.zoho.eu'], 'other'],
    ['null MX (RFC 7505)', ['.'], 'other'],
    ['no MX', [], 'other'],
  ];
  it.each(realistic)('%s', (_name, exchanges, expected) => {
    expect(mailHostFromMx(exchanges)).toBe(expected);
  });

  it('lets the most preferred exchange decide, not a vendor on a backup MX', () => {
    expect(mailHostFromMx(['mail.fabrikam.com', 'us-smtp-inbound-1.mimecast.com'])).toBe('other');
    expect(mailHostFromMx(['mx0a-00123401.pphosted.com', 'fabrikam-com.mail.protection.outlook.com'])).toBe('proofpoint');
  });

  it('matches vendor domains on a label boundary only', () => {
    expect(mailHostOfExchange('mx.notpphosted.com')).toBe('other');
    expect(mailHostOfExchange('mail.protection.outlook.com.evil.example')).toBe('other');
    expect(mailHostOfExchange('mimecast.com.example.net')).toBe('other');
    expect(mailHostOfExchange('mx.google.com')).toBe('other');
    expect(mailHostOfExchange('tmes.trendmicro.example')).toBe('other');
    expect(mailHostOfExchange('MX0A-00123401.PPHOSTED.COM.')).toBe('proofpoint');
  });

  it('never throws and always names a known MailHost', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (exchanges) => {
        expect(MAIL_HOSTS).toContain(mailHostFromMx(exchanges));
      }),
    );
  });
});

describe('recipientDomain', () => {
  it.each([
    ['ann.lee@Contoso.COM', 'contoso.com'],
    ['  bob@fabrikam.co.uk ', 'fabrikam.co.uk'],
    ['Ann Lee <ann@contoso.com>', 'contoso.com'],
    ['mailto:ann@contoso.com', 'contoso.com'],
    ['"odd@local"@example.org', 'example.org'],
    ['ann@contoso.com.', 'contoso.com'],
    ['kai@bücher.de', 'xn--bcher-kva.de'],
    ['ann@sub.xn--bcher-kva.de', 'sub.xn--bcher-kva.de'],
  ])('%s → %s', (recipient, domain) => {
    expect(recipientDomain(recipient)).toBe(domain);
  });

  it.each([
    'a3f9c2e1-5b7d-4e2a-9c1f-0d8e6b4a2c7f',
    '1234567',
    'sha256:9f86d081884c7d659a2feaa0c55ad015',
    '@contoso.com',
    'ann@',
    'ann@localhost',
    'ann@[192.0.2.1]',
    'ann@192.0.2.1',
    'ann@-contoso.com',
    'ann@contoso..com',
    'ann lee@contoso.com',
    '',
  ])('%s is not an email', (recipient) => {
    expect(recipientDomain(recipient)).toBeUndefined();
  });

  it('never throws, and a domain it returns is lower case without a trailing dot', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress()), (recipient) => {
        const domain = recipientDomain(recipient);
        if (domain !== undefined) {
          expect(domain).toBe(domain.toLowerCase());
          expect(domain.endsWith('.')).toBe(false);
          expect(domain).toContain('.');
        }
      }),
    );
  });

  it('finds the domain of every generated email address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const expected = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
        // fast-check may generate single-label or numeric-TLD domains, which are not public mail domains.
        const tld = expected.split('.').pop() ?? '';
        if (!expected.includes('.') || !/^[a-z]{2,}$/.test(tld)) return;
        expect(recipientDomain(email)).toBe(expected);
      }),
    );
  });
});

describe('MAIL_HOST_NAMES', () => {
  it('has a plain, distinct name for every mail host', () => {
    const names = Object.values(MAIL_HOST_NAMES);
    expect(Object.keys(MAIL_HOST_NAMES).sort()).toEqual(
      ['barracuda', 'cisco', 'google', 'messagelabs', 'microsoft365', 'mimecast', 'other', 'proofpoint', 'trendmicro'],
    );
    expect(new Set(names).size).toBe(names.length);
    expect(MAIL_HOST_NAMES.microsoft365).toBe('Microsoft 365');
    expect(MAIL_HOST_NAMES.google).toBe('Google');
  });
});

describe('countRecipientsByMailHost', () => {
  const hosts: Record<string, MailHost> = {
    'contoso.com': 'microsoft365',
    'fabrikam.com': 'proofpoint',
    'gmail.com': 'google',
    'tailspin.example': 'other',
  };

  it('counts distinct recipients per host and leaves out the ones without a known host', () => {
    const recipients = [
      'ann@contoso.com',
      'ANN@contoso.com', // the same recipient, another event
      'bob@contoso.com',
      'cara@fabrikam.com',
      'dan@gmail.com',
      'eve@tailspin.example',
      'fay@unlooked.example', // not looked up
      'a3f9c2e1-5b7d-4e2a', // not an email
    ];
    expect(countRecipientsByMailHost(recipients, hosts)).toEqual({
      microsoft365: 2,
      google: 1,
      proofpoint: 1,
      mimecast: 0,
      barracuda: 0,
      cisco: 0,
      messagelabs: 0,
      trendmicro: 0,
      other: 1,
    });
  });

  it('accepts any iterable and ignores inherited keys of the hosts record', () => {
    const counts = countRecipientsByMailHost(new Set(['x@contoso.com', 'y@constructor.com']), { ...hosts, constructor: 'other' } as Record<string, MailHost>);
    expect(counts.microsoft365).toBe(1);
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(countRecipientsByMailHost(['z@toString.com'], {}).other).toBe(0);
  });
});
