import fc from 'fast-check';
import { CHANNEL, classifySender, envelope, validateMessage } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../src/shared/settings';

const OWN_ID = 'abcdefghijklmnop';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;

const sendgridRows = envelope('page-rows', {
  url: 'https://app.sendgrid.com/email_activity',
  esp: 'sendgrid',
  pageKind: 'activity',
  campaignKey: 'sendgrid:spring-launch',
  campaign: {
    name: 'Spring launch',
    sentAt: Date.parse('2025-02-13T17:00:00Z'),
    events: [
      {
        type: 'click',
        sourceIndex: 0,
        recipient: 'ana@contoso.com',
        timestamp: Date.parse('2025-02-13T17:00:41Z'),
        ip: '40.94.12.7',
        url: 'https://example.com/pricing',
      },
    ],
  },
  rowKeys: ['row-0'],
});

describe('classifySender', () => {
  it('tells extension pages from content scripts and refuses everything else', () => {
    expect(classifySender({ id: OWN_ID, url: `${OWN_ORIGIN}src/popup/index.html` }, OWN_ID, OWN_ORIGIN)).toBe(
      'extension-page',
    );
    expect(
      classifySender(
        { id: OWN_ID, url: 'https://app.sendgrid.com/email_activity', tab: { id: 4 } },
        OWN_ID,
        OWN_ORIGIN,
      ),
    ).toBe('content');
    // Another extension, a page without a tab, plain http and a missing URL are refused.
    expect(classifySender({ id: 'someone-else', url: `${OWN_ORIGIN}x.html` }, OWN_ID, OWN_ORIGIN)).toBeUndefined();
    expect(classifySender({ id: OWN_ID, url: 'https://app.sendgrid.com/' }, OWN_ID, OWN_ORIGIN)).toBeUndefined();
    expect(
      classifySender({ id: OWN_ID, url: 'http://app.sendgrid.com/', tab: { id: 1 } }, OWN_ID, OWN_ORIGIN),
    ).toBeUndefined();
    expect(classifySender({ id: OWN_ID }, OWN_ID, OWN_ORIGIN)).toBeUndefined();
  });
});

describe('validateMessage', () => {
  it('accepts a well-formed page-rows message from a content script', () => {
    const result = validateMessage(sendgridRows, 'content');
    expect(result.ok).toBe(true);
  });

  it('fails closed on privileged requests from a content script', () => {
    for (const message of [
      envelope('save-settings', { settings: DEFAULT_SETTINGS }),
      envelope('clear-history', {}),
      envelope('add-user-range', { cidr: '40.94.0.0/16', label: 'x', kind: 'scanner' }),
      envelope('get-tab-report', { tabId: 3 }),
    ]) {
      const result = validateMessage(message, 'content');
      expect(result).toEqual({ ok: false, error: `sender may not send ${message.type}` });
    }
  });

  it('refuses malformed payloads, unknown types and foreign messages', () => {
    const badEvent = structuredClone(sendgridRows);
    (badEvent.payload.campaign.events[0] as { type: string }).type = 'delivered';
    expect(validateMessage(badEvent, 'content').ok).toBe(false);
    const badTime = structuredClone(sendgridRows);
    (badTime.payload.campaign.events[0] as { timestamp: unknown }).timestamp = '2025-02-13';
    expect(validateMessage(badTime, 'content').ok).toBe(false);
    expect(validateMessage({ channel: CHANNEL, type: 'drop-tables', payload: {} }, 'extension-page').ok).toBe(false);
    expect(validateMessage({ type: 'ping', payload: {} }, 'extension-page').ok).toBe(false);
    expect(validateMessage(envelope('ping', {}), undefined).ok).toBe(false);
    expect(
      validateMessage(envelope('add-user-range', { cidr: '1.2.3.0/24', label: 'x', kind: 'friend' as never }), 'extension-page')
        .ok,
    ).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom('content', 'extension-page', undefined), (message, context) => {
        const result = validateMessage(message, context as never);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('sanitizeSettings', () => {
  it('keeps valid fields, drops invalid ones and never lets suspect exceed machine threshold', () => {
    const settings = sanitizeSettings({
      classifier: { strict: true, machineThreshold: 0.5, suspectThreshold: 0.9, honeypotPatterns: ['/trap', 7, ''] },
      mode: 'log-only',
      showMarks: 'yes',
      mxLookup: { enabled: true, resolverUrl: 'javascript:alert(1)' },
      customSites: ['https://mail.example.com/*', 'http://insecure.example.com/*', '<all_urls>'],
    });
    expect(settings.classifier.strict).toBe(true);
    expect(settings.classifier.machineThreshold).toBe(0.5);
    expect(settings.classifier.suspectThreshold).toBe(0.5);
    expect(settings.classifier.honeypotPatterns).toEqual(['/trap']);
    expect(settings.mode).toBe('log-only');
    expect(settings.showMarks).toBe(DEFAULT_SETTINGS.showMarks);
    expect(settings.mxLookup).toEqual({ enabled: true, resolverUrl: DEFAULT_SETTINGS.mxLookup.resolverUrl });
    expect(settings.customSites).toEqual(['https://mail.example.com/*']);
  });

  it('returns defaults for garbage and never throws', () => {
    expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    fc.assert(fc.property(fc.anything(), (input) => void sanitizeSettings(input)));
  });
});
