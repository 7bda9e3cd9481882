// What a user-agent string says (classifier/user-agent.ts) and the network-block key used for "same network".
import { ipBlockKey } from '../../src/classifier/ip-block';
import { classifyUserAgent } from '../../src/classifier/user-agent';

const OCT_2026 = Date.UTC(2026, 9, 14);

describe('classifyUserAgent', () => {
  it("separates Apple's prefetch, image proxies, scanners, bots and browsers", () => {
    expect(classifyUserAgent('Mozilla/5.0', OCT_2026).kind).toBe('mpp');
    expect(classifyUserAgent(' Mozilla/5.0 ', OCT_2026).kind).toBe('mpp');
    expect(classifyUserAgent('Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', OCT_2026)).toMatchObject({ kind: 'image-proxy', vendor: 'gmail' });
    expect(classifyUserAgent('YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html', OCT_2026)).toMatchObject({ kind: 'image-proxy', vendor: 'yahoo' });
    expect(classifyUserAgent('Barracuda Sentinel (EE)', OCT_2026)).toMatchObject({ kind: 'scanner', vendor: 'barracuda' });
    expect(classifyUserAgent('Microsoft Office Existence Discovery', OCT_2026)).toMatchObject({ kind: 'scanner', vendor: 'microsoft' });
    expect(classifyUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36', OCT_2026).kind).toBe('scanner');
    expect(classifyUserAgent('python-requests/2.31.0', OCT_2026).kind).toBe('scanner');
    expect(classifyUserAgent('Googlebot/2.1 (+http://www.google.com/bot.html)', OCT_2026).kind).toBe('bot');
    expect(classifyUserAgent(undefined, OCT_2026).kind).toBe('missing');
    expect(classifyUserAgent('Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)', OCT_2026).kind).toBe('other');
  });

  it('calls a desktop Chrome a year or more behind the campaign date stale, not a current or mobile one', () => {
    const chrome = (v: number, os = 'Windows NT 10.0; Win64; x64') =>
      `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
    expect(classifyUserAgent(chrome(70), OCT_2026).stale).toBe(true);
    expect(classifyUserAgent(chrome(140), OCT_2026).stale).toBe(true);
    expect(classifyUserAgent(chrome(153), OCT_2026).stale).toBe(false);
    // The same Chrome 140 was current in late 2025.
    expect(classifyUserAgent(chrome(140), Date.UTC(2025, 9, 1)).stale).toBe(false);
    expect(classifyUserAgent(`Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.0.0 Mobile Safari/537.36`, OCT_2026).stale).toBe(false);
    expect(classifyUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko', OCT_2026)).toMatchObject({ kind: 'browser', stale: true });
    // Without a reference time nothing is judged stale.
    expect(classifyUserAgent(chrome(70), Number.NaN).stale).toBe(false);
  });
});

describe('ipBlockKey', () => {
  it('keys IPv4 by /24 and IPv6 by /48, whatever the notation', () => {
    expect(ipBlockKey('40.94.31.7')).toBe('40.94.31');
    expect(ipBlockKey(' 40.94.31.200 ')).toBe('40.94.31');
    expect(ipBlockKey('::ffff:40.94.31.7')).toBe('40.94.31');
    expect(ipBlockKey('2a01:111:f403:c000::1')).toBe('2a01:111:f403');
    expect(ipBlockKey('2A01:0111:F403::')).toBe('2a01:111:f403');
    expect(ipBlockKey('2a01::1')).toBe('2a01:0:0');
  });

  it('answers undefined for anything that is not an address', () => {
    for (const junk of [undefined, '', 'localhost', '300.1.1.1', '1.2.3', 'fe80::zz', '12345::1']) expect(ipBlockKey(junk)).toBeUndefined();
  });
});
