// What a user-agent string says about who fetched: Apple's prefetch proxy, Gmail/Yahoo image proxies (a person
// opening), an explicit scanner or bot, an ordinary browser (and whether its version is long out of date).
// `isbot` (https://github.com/omrilotan/isbot) covers generic bots; our own list adds the security scanners
// seen in email tracking logs (conventions §3) and names their vendor where the string does.
import { isbot } from 'isbot';

export type UserAgentKind = 'missing' | 'mpp' | 'image-proxy' | 'scanner' | 'bot' | 'browser' | 'other';

export interface UserAgentClass {
  kind: UserAgentKind;
  /** `gmail`/`yahoo` for image proxies; the scanner vendor when the string names one. */
  vendor?: string;
  /** An ordinary desktop browser many versions behind (scanners pin old builds; people auto-update). */
  stale: boolean;
  /** A phone or tablet browser (scanners emulate desktops). */
  mobile?: boolean;
}

/** Explicit scanner strings, with the vendor when the string tells it. Checked before isbot. */
const SCANNER_PATTERNS: Array<{ pattern: RegExp; vendor?: string }> = [
  // Gmail's own link/image checker: a frozen Chrome 42 / Edge 12 string with a second "Mozilla/5.0" appended,
  // fetching from Google addresses seconds after delivery (https://github.com/mautic/mautic/pull/10245;
  // GMass measured 2.5–6.5 % of opens: https://www.gmass.co/blog/false-opens-in-gmail/). Unlike
  // GoogleImageProxy it is not a person opening.
  { pattern: /Edge\/12\.246 Mozilla\/5\.0\s*$/, vendor: 'google' },
  { pattern: /barracuda/i, vendor: 'barracuda' },
  { pattern: /microsoft office existence discovery|safelinks|safe links/i, vendor: 'microsoft' },
  { pattern: /proofpoint|pphosted|urldefense/i, vendor: 'proofpoint' },
  { pattern: /mimecast/i, vendor: 'mimecast' },
  { pattern: /trend ?micro/i, vendor: 'trendmicro' },
  { pattern: /messagelabs|symantec/i, vendor: 'messagelabs' },
  { pattern: /forcepoint|websense/i, vendor: 'forcepoint' },
  { pattern: /ironport|cisco/i, vendor: 'cisco' },
  {
    pattern:
      /python-requests|python-urllib|aiohttp|httpx\/|headlesschrome|phantomjs|^curl\/|^wget\/|go-http-client|okhttp|java\/\d|apache-httpclient|libwww-perl|node-fetch|axios\/|scrapy|urlscan|electron\//i,
  },
];

// Chrome 120 shipped 2023-12-05 and Firefox 121 2023-12-19; both ship a major version every four weeks
// (https://chromiumdash.appspot.com/schedule, https://whattrainisitnow.com/calendar/). People's browsers
// auto-update, so a desktop build a year or more behind the campaign date is unusual for a person.
const FOUR_WEEKS_MS = 28 * 24 * 3600 * 1000;
const CHROME_120_AT = Date.UTC(2023, 11, 5);
const FIREFOX_121_AT = Date.UTC(2023, 11, 19);
const STALE_MAJOR_VERSIONS = 13;

function expectedMajor(base: number, baseAt: number, referenceTime: number): number {
  return base + Math.floor((referenceTime - baseAt) / FOUR_WEEKS_MS);
}

export function classifyUserAgent(userAgent: string | undefined, referenceTime: number): UserAgentClass {
  const ua = (userAgent ?? '').trim();
  if (ua === '') return { kind: 'missing', stale: false };
  // Apple Mail Privacy Protection fetches with exactly this string (conventions §3).
  if (ua === 'Mozilla/5.0') return { kind: 'mpp', stale: false };
  if (ua.includes('GoogleImageProxy')) return { kind: 'image-proxy', vendor: 'gmail', stale: false };
  if (ua.includes('YahooMailProxy')) return { kind: 'image-proxy', vendor: 'yahoo', stale: false };
  for (const { pattern, vendor } of SCANNER_PATTERNS) {
    if (pattern.test(ua)) return vendor === undefined ? { kind: 'scanner', stale: false } : { kind: 'scanner', vendor, stale: false };
  }
  // Report pages and some exports show a client or device label instead of the raw string ("Desktop",
  // "Apple Mail", "Outlook 2016", "iPhone"). isbot calls anything that is not a browser string a bot, so such
  // a label would make every person a scanner: read the words instead.
  const label = clientLabelKind(ua);
  if (label) return { kind: label, stale: false };
  if (isbot(ua)) return { kind: 'bot', stale: false };
  // Desktop Outlook for Windows renders mail with the Word/IE engine and fetches images as
  // "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; …; Microsoft Outlook 16.0.x; ms-office; MSOffice 16)":
  // a person's mail client, not an out-of-date browser (scanners' Office strings, such as "Microsoft Office
  // Existence Discovery", are matched above).
  if (/Microsoft Outlook|ms-office|MSOffice/i.test(ua)) return { kind: 'other', stale: false };
  const desktop = /Windows NT|Macintosh|X11|Linux x86_64/.test(ua) && !/Mobile|Android|iPhone|iPad/.test(ua);
  const browser = /^Mozilla\/5\.0 \(/.test(ua) && /(Chrome|Firefox|Safari|Edg|AppleWebKit)\//.test(ua);
  if (/MSIE \d|Trident\//.test(ua)) return { kind: 'browser', stale: desktop };
  if (!browser) return { kind: 'other', stale: false };
  let stale = false;
  if (Number.isFinite(referenceTime) && desktop) {
    const chrome = /Chrome\/(\d+)/.exec(ua);
    const firefox = /Firefox\/(\d+)/.exec(ua);
    if (chrome?.[1] !== undefined) {
      stale = Number(chrome[1]) <= expectedMajor(120, CHROME_120_AT, referenceTime) - STALE_MAJOR_VERSIONS;
    } else if (firefox?.[1] !== undefined) {
      stale = Number(firefox[1]) <= expectedMajor(121, FIREFOX_121_AT, referenceTime) - STALE_MAJOR_VERSIONS;
    }
  }
  return /Mobile|Android|iPhone|iPad/.test(ua) ? { kind: 'browser', stale, mobile: true } : { kind: 'browser', stale };
}

/** A label of words with no product token (`Name/1.0`) or comment (`(…)`): what ESP report pages display. */
const CLIENT_LABEL = /^[\p{L}\p{N} .,&+'’-]{1,48}$/u;

function clientLabelKind(text: string): UserAgentKind | undefined {
  if (!CLIENT_LABEL.test(text)) return undefined;
  // Some ESPs name Apple's prefetch in their own words ("Apple Privacy Open", "Apple MPP").
  if (/privacy protection|apple privacy|\bmpp\b/i.test(text)) return 'mpp';
  if (/\b(?:bot|crawler|spider|scanner|link ?checker|machine open|security)\b/i.test(text)) return 'bot';
  return 'other';
}
