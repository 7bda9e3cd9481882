// Report pages often show a device or client label where an export has the raw user agent ("Desktop",
// "Apple Mail", "Outlook 2016"). Those are people's clients, not bots; a page's own "Apple Privacy" label is
// Apple's prefetch.
import { classifyCampaign } from '../../src/classifier/index';
import { classifyUserAgent } from '../../src/classifier/user-agent';
import type { Campaign } from '../../src/shared/types';

const sent = Date.parse('2025-09-16T13:00:00Z');

describe('client and device labels in place of user agents', () => {
  it.each(['Desktop', 'Mobile', 'Tablet', 'Apple Mail', 'Gmail', 'Outlook 2016', 'iPhone', 'Android', 'Webmail', 'Unknown'])(
    '%s is a client label, not a bot',
    (label) => {
      expect(classifyUserAgent(label, sent).kind).toBe('other');
    },
  );

  it('reads bot and Apple-privacy words in a label', () => {
    expect(classifyUserAgent('Security scanner', sent).kind).toBe('bot');
    expect(classifyUserAgent('Apple Privacy Open', sent).kind).toBe('mpp');
    // Real strings are still judged as strings.
    expect(classifyUserAgent('python-requests/2.31.0', sent).kind).toBe('scanner');
    expect(classifyUserAgent('Mozilla/5.0', sent).kind).toBe('mpp');
  });

  it('keeps people whose rows show device labels as people', () => {
    const devices = ['Desktop', 'Mobile', 'Apple Mail', 'Gmail', 'Outlook 2016', 'iPhone'];
    const campaign: Campaign = {
      sentAt: sent,
      deliveredCount: 500,
      events: devices.map((device, index) => ({
        type: 'open' as const,
        sourceIndex: index,
        recipient: `reader${index}@example.org`,
        timestamp: sent + (40 + index * 37) * 60_000,
        userAgent: device,
      })),
    };
    const { verdicts } = classifyCampaign(campaign);
    expect(verdicts.map((verdict) => verdict.label)).toEqual(devices.map(() => 'human'));
    expect(verdicts.flatMap((verdict) => verdict.reasons)).not.toContain('bot-ua');
  });
});

describe('opens from Apple relay egress without a user agent', () => {
  it('are Apple Mail Privacy Protection when the source carries no agent (Mailchimp API)', async () => {
    const { getBundledIndex } = await import('../../src/ranges/index');
    const ranges = getBundledIndex();
    const relayIp = '172.225.18.17';
    expect(ranges.lookup(relayIp)?.vendor).toBe('apple-icloud');
    const campaign: Campaign = {
      sentAt: sent,
      deliveredCount: 100,
      events: [
        { type: 'open', sourceIndex: 0, recipient: 'ann@icloud.com', timestamp: sent + 95_000, ip: relayIp },
        // A click from the same relay is a Safari user on Private Relay: never a machine on the IP alone.
        { type: 'click', sourceIndex: 1, recipient: 'ann@icloud.com', timestamp: sent + 3 * 3_600_000, ip: relayIp, url: 'https://shop.example/a' },
      ],
    };
    const { verdicts } = classifyCampaign(campaign, { ranges });
    expect(verdicts[0]?.label).toBe('proxy');
    expect(verdicts[1]?.label).toBe('human');
  });
});

describe("the ESP's own machine flags", () => {
  const open = (sourceIndex: number, sourceBotHint: string) => ({
    type: 'open' as const,
    sourceIndex,
    recipient: `r${sourceIndex}@example.org`,
    timestamp: sent + (20 + sourceIndex) * 60_000,
    sourceBotHint,
  });

  it('make an open Apple prefetch when they name it, and leave Gmail proxy opens to people', () => {
    const campaign: Campaign = {
      sentAt: sent,
      deliveredCount: 50,
      events: [open(0, 'sg_machine_open'), open(1, 'brevo-proxy-open'), open(2, 'mailgun-bot:apple'), open(3, 'Apple Privacy'), open(4, 'mailgun-bot:gmail')],
    };
    const labels = classifyCampaign(campaign).verdicts.map((verdict) => verdict.label);
    expect(labels).toEqual(['proxy', 'proxy', 'proxy', 'proxy', 'human']);
  });
});

describe('clicks listed without their links', () => {
  const click = (sourceIndex: number, recipient: string, seconds: number) => ({
    type: 'click' as const,
    sourceIndex,
    recipient,
    timestamp: sent + seconds * 1000,
  });

  it('three clicks of one recipient within a second, 40 s after the send, are a scanner; a double click later is a person', () => {
    const campaign: Campaign = {
      sentAt: sent,
      deliveredCount: 80,
      events: [
        click(0, 'kim@contoso.com', 40.1),
        click(1, 'kim@contoso.com', 40.6),
        click(2, 'kim@contoso.com', 41.0),
        click(3, 'lee@example.org', 5400),
        click(4, 'lee@example.org', 5400.4),
      ],
    };
    const labels = classifyCampaign(campaign).verdicts.map((verdict) => verdict.label);
    expect(labels).toEqual(['scanner', 'scanner', 'scanner', 'human', 'human']);
  });
});
