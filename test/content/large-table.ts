// A realistic 10 000-row activity table, generated (not committed): a Mailgun-style log where a tenth of the
// recipients sit behind Microsoft Safe Links (open + three links within a second, ~40 s after the send), some
// read with Apple Mail Privacy Protection, some through Gmail's image proxy, the rest are people over the day.
// Shared by the large-table test and test/bench/page-reader.bench.ts.
import { mulberry32 } from '../generator/mulberry32';

const SENT_AT = Date.UTC(2025, 1, 13, 17, 0, 0);
const CHROME_OLD = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36';
const CHROME_NEW = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36';
const GMAIL = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const LINKS = ['https://fernhillcoffee.com/roasts/ethiopia-guji', 'https://fernhillcoffee.com/shop', 'https://fernhillcoffee.com/brew-guide'];

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}


export interface LargeTable {
  html: string;
  url: string;
  rows: number;
}

export function largeActivityTable(rowCount = 10_000): LargeTable {
  const next = mulberry32(42);
  const rows: string[] = [];
  const cell = (text: string) => `<td>${text}</td>`;
  let id = 0;
  const push = (time: number, event: string, recipient: string, ip: string, agent: string, url = '') => {
    rows.push(`<tr id="r${id++}">${cell(stamp(time))}${cell(event)}${cell(recipient)}${cell(ip)}${cell(agent)}${cell(url)}</tr>`);
  };
  for (let person = 0; rows.length < rowCount; person += 1) {
    const recipient = `reader${person}@example-${person % 97}.com`;
    const kind = next();
    if (kind < 0.1) {
      const start = SENT_AT + (20 + next() * 40) * 1000;
      const ip = `40.94.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}`;
      push(start, 'opened', recipient, ip, CHROME_OLD);
      LINKS.forEach((link, at) => push(start + 300 + at * 250, 'clicked', recipient, ip, CHROME_OLD, link));
    } else if (kind < 0.3) {
      push(SENT_AT + (60 + next() * 3600) * 1000, 'opened', recipient, `146.75.134.${Math.floor(next() * 250)}`, 'Mozilla/5.0');
    } else if (kind < 0.45) {
      push(SENT_AT + (300 + next() * 20_000) * 1000, 'opened', recipient, `66.249.84.${Math.floor(next() * 250)}`, GMAIL);
    } else {
      const open = SENT_AT + (600 + next() * 40_000) * 1000;
      const ip = `81.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}`;
      push(open, 'opened', recipient, ip, CHROME_NEW);
      if (next() < 0.3) push(open + 20_000 + next() * 60_000, 'clicked', recipient, ip, CHROME_NEW, LINKS[Math.floor(next() * 3)]);
    }
  }
  const body = rows.slice(0, rowCount).join('');
  const html = `<!DOCTYPE html><html><head><title>Logs</title></head><body><main><h1>Logs</h1>
<p>Sent <time datetime="${new Date(SENT_AT).toISOString()}">Feb 13, 2025 5:00 PM UTC</time></p>
<table><thead><tr><th>Date &amp; time</th><th>Event</th><th>Recipient</th><th>IP</th><th>Client</th><th>URL</th></tr></thead>
<tbody>${body}</tbody></table></main></body></html>`;
  return { html, url: 'https://app.mailgun.com/app/sending/domains/mg.fernhill-coffee.com/logs?tag=feb-roast-drop', rows: rowCount };
}
