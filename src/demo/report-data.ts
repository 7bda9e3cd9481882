// The bundled demo report: a fictional campaign ("Spring launch", Orchard & Pine Home Goods) with the mix a real
// report shows — Safe Links, Proofpoint, Mimecast and Barracuda sweeps seconds after the send, a headless
// browser, Apple Mail Privacy Protection prefetches, Gmail and Yahoo image proxies (people opening), and people
// reading and clicking over the day. Every name and domain is fictional (.example is reserved, RFC 2606).
// The table is built with createElement/textContent only.

/** Send time shown on the page: 10 Mar 2026, 14:00:00 UTC. */
export const DEMO_SENT_AT = Date.UTC(2026, 2, 10, 14, 0, 0);

const OLD_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36';
const OLD_IE = 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36';
const MPP = 'Mozilla/5.0';
const GMAIL = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36';
const EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36 Edg/145.0.0.0';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.2 Safari/605.1.15';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.2 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Mobile Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:147.0) Gecko/20100101 Firefox/147.0';

const SHOP = 'https://orchardandpine.example/spring?utm_campaign=spring-launch';
const SALE = 'https://orchardandpine.example/sale/linen?utm_campaign=spring-launch';
const GUIDE = 'https://orchardandpine.example/journal/spring-home-guide?utm_campaign=spring-launch';

export interface DemoRow {
  /** Seconds after the send. */
  after: number;
  event: 'Delivered' | 'Opened' | 'Clicked';
  recipient: string;
  ip: string;
  userAgent: string;
  url?: string;
}

export const DEMO_ROWS: DemoRow[] = [
  { after: 3, event: 'Delivered', recipient: 'martha.gale@brambleandco-legal.example', ip: '', userAgent: '' },
  { after: 41, event: 'Opened', recipient: 'martha.gale@brambleandco-legal.example', ip: '40.94.88.17', userAgent: OLD_CHROME },
  { after: 42, event: 'Clicked', recipient: 'martha.gale@brambleandco-legal.example', ip: '40.94.88.201', userAgent: OLD_CHROME, url: SHOP },
  { after: 42, event: 'Clicked', recipient: 'martha.gale@brambleandco-legal.example', ip: '40.94.88.201', userAgent: OLD_CHROME, url: SALE },
  { after: 43, event: 'Clicked', recipient: 'martha.gale@brambleandco-legal.example', ip: '40.94.88.201', userAgent: OLD_CHROME, url: GUIDE },
  { after: 38, event: 'Opened', recipient: 'owen.price@brambleandco-legal.example', ip: '40.94.90.3', userAgent: OLD_CHROME },
  { after: 39, event: 'Clicked', recipient: 'owen.price@brambleandco-legal.example', ip: '40.94.90.3', userAgent: OLD_CHROME, url: SHOP },
  { after: 39, event: 'Clicked', recipient: 'owen.price@brambleandco-legal.example', ip: '40.94.90.3', userAgent: OLD_CHROME, url: SALE },
  { after: 62, event: 'Clicked', recipient: 'nadia.haddad@quayside-clinic.example', ip: '148.163.150.40', userAgent: OLD_IE, url: SHOP },
  { after: 62, event: 'Clicked', recipient: 'nadia.haddad@quayside-clinic.example', ip: '148.163.150.40', userAgent: OLD_IE, url: SALE },
  { after: 63, event: 'Clicked', recipient: 'nadia.haddad@quayside-clinic.example', ip: '148.163.150.40', userAgent: OLD_IE, url: GUIDE },
  { after: 47, event: 'Opened', recipient: 'k.brennan@harbourline-shipping.example', ip: '185.58.85.31', userAgent: OLD_CHROME },
  { after: 47, event: 'Opened', recipient: 'l.ferreira@harbourline-shipping.example', ip: '185.58.85.31', userAgent: OLD_CHROME },
  { after: 48, event: 'Clicked', recipient: 'l.ferreira@harbourline-shipping.example', ip: '185.58.85.31', userAgent: OLD_CHROME, url: SHOP },
  { after: 35, event: 'Opened', recipient: 'tomas.novak@alderbrook-council.example', ip: '64.235.150.77', userAgent: OLD_CHROME },
  { after: 9, event: 'Clicked', recipient: 'j.osei@northgate-insure.example', ip: '3.250.12.9', userAgent: HEADLESS, url: SALE },
  { after: 160, event: 'Opened', recipient: 'ella.moreau@icloud.example', ip: '146.75.134.17', userAgent: MPP },
  { after: 244, event: 'Opened', recipient: 'sam.whitaker@me.example', ip: '140.248.4.90', userAgent: MPP },
  { after: 512, event: 'Opened', recipient: 'aiko.tanaka@icloud.example', ip: '146.75.148.40', userAgent: MPP },
  { after: 930, event: 'Opened', recipient: 'ruth.abara@mac.example', ip: '146.75.222.18', userAgent: MPP },
  { after: 1804, event: 'Opened', recipient: 'ella.moreau@icloud.example', ip: '146.75.134.21', userAgent: MPP },
  { after: 8123, event: 'Clicked', recipient: 'ella.moreau@icloud.example', ip: '146.75.134.21', userAgent: IPHONE, url: SALE },
  { after: 1210, event: 'Opened', recipient: 'priya.nair@gmail.example', ip: '66.249.84.70', userAgent: GMAIL },
  { after: 1275, event: 'Clicked', recipient: 'priya.nair@gmail.example', ip: '98.45.12.7', userAgent: CHROME, url: SHOP },
  { after: 3650, event: 'Opened', recipient: 'dan.kowalczyk@gmail.example', ip: '66.249.93.12', userAgent: GMAIL },
  { after: 9020, event: 'Opened', recipient: 'hana.suzuki@gmail.example', ip: '66.249.84.71', userAgent: GMAIL },
  { after: 9101, event: 'Clicked', recipient: 'hana.suzuki@gmail.example', ip: '126.21.4.90', userAgent: ANDROID, url: GUIDE },
  { after: 2280, event: 'Opened', recipient: 'bill.carver@yahoo.example', ip: '74.6.131.20', userAgent: YAHOO },
  { after: 14400, event: 'Opened', recipient: 'ines.gomez@yahoo.example', ip: '74.6.131.44', userAgent: YAHOO },
  { after: 2710, event: 'Opened', recipient: 'martha.gale@brambleandco-legal.example', ip: '81.2.69.160', userAgent: EDGE },
  { after: 2766, event: 'Clicked', recipient: 'martha.gale@brambleandco-legal.example', ip: '81.2.69.160', userAgent: EDGE, url: SALE },
  { after: 5400, event: 'Opened', recipient: 'nadia.haddad@quayside-clinic.example', ip: '86.12.44.3', userAgent: EDGE },
  { after: 620, event: 'Opened', recipient: 'george.ellis@fernmail.example', ip: '91.64.12.5', userAgent: FIREFOX },
  { after: 655, event: 'Clicked', recipient: 'george.ellis@fernmail.example', ip: '91.64.12.5', userAgent: FIREFOX, url: SHOP },
  { after: 4020, event: 'Opened', recipient: 'chloe.martin@orangebox.example', ip: '90.84.12.201', userAgent: ANDROID },
  { after: 6310, event: 'Opened', recipient: 'marcus.webb@lindenlane.example', ip: '73.162.44.9', userAgent: SAFARI },
  { after: 6377, event: 'Clicked', recipient: 'marcus.webb@lindenlane.example', ip: '73.162.44.9', userAgent: SAFARI, url: GUIDE },
  { after: 12050, event: 'Opened', recipient: 'olga.petrenko@steppe-design.example', ip: '176.31.88.14', userAgent: CHROME },
  { after: 20990, event: 'Opened', recipient: 'ben.adeyemi@lagoonworks.example', ip: '102.89.3.55', userAgent: IPHONE },
  { after: 21044, event: 'Clicked', recipient: 'ben.adeyemi@lagoonworks.example', ip: '102.89.3.55', userAgent: IPHONE, url: SALE },
  { after: 4, event: 'Delivered', recipient: 'george.ellis@fernmail.example', ip: '', userAgent: '' },
];

/** "Mar 10, 2026 2:00:41 PM" — the way report pages write times. */
export function formatDemoTime(ms: number): string {
  const date = new Date(ms);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()];
  const hour12 = date.getUTCHours() % 12 || 12;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/** Builds the report (heading, send time, time zone, activity table, newest first) into `root`. */
export function buildDemoReport(doc: Document, root: Element): HTMLTableElement {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const element = doc.createElement(tag);
    if (text !== undefined) element.textContent = text;
    if (className) element.className = className;
    return element;
  };
  const header = make('header', undefined, 'report-header');
  header.append(make('p', 'Orchard & Pine Home Goods · Demo report (fictional data)', 'eyebrow'));
  header.append(make('h1', 'Spring launch — Email activity'));
  const facts = make('p', undefined, 'facts');
  facts.append(make('span', 'Sent', 'fact-label'), doc.createTextNode(' '), make('span', formatDemoTime(DEMO_SENT_AT), 'fact-value'));
  facts.append(doc.createTextNode(' to '), make('strong', '240'), doc.createTextNode(' recipients'));
  facts.append(doc.createTextNode(' · '), make('span', 'Times shown in UTC', 'fact-zone'));
  header.append(facts);
  const table = make('table', undefined, 'activity');
  const head = make('thead');
  const headRow = make('tr');
  for (const title of ['Recipient', 'Event', 'Time', 'IP address', 'User agent', 'Link']) headRow.append(make('th', title));
  head.append(headRow);
  const body = make('tbody');
  const newestFirst = [...DEMO_ROWS].sort((a, b) => b.after - a.after);
  newestFirst.forEach((row, index) => {
    const tr = make('tr');
    tr.id = `demo-row-${index + 1}`;
    tr.append(make('td', row.recipient), make('td', row.event), make('td', formatDemoTime(DEMO_SENT_AT + row.after * 1000)));
    tr.append(make('td', row.ip), make('td', row.userAgent, 'agent'));
    const link = make('td');
    if (row.url) {
      const anchor = make('a', row.url.replace(/^https:\/\//, '').replace(/\?.*$/, ''));
      anchor.href = row.url;
      anchor.rel = 'noopener noreferrer';
      anchor.target = '_blank';
      link.append(anchor);
    }
    tr.append(link);
    body.append(tr);
  });
  table.append(head, body);
  root.append(header, table);
  return table;
}
