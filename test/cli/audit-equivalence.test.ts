// The command's fast paths print exactly what the plain path would: the file streamed in 1 MiB byte chunks
// (importBytes, as `audit` reads it) and each event written as text, against the whole file imported as one
// string (importText), classified, and every event serialised with JSON.stringify. Run on every export fixture,
// the third-party samples when ../shared is present, and a generated 30k-event SendGrid export that spans many
// chunks (records cut at chunk edges). Byte-for-byte: the JSON document, NDJSON and CSV.
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { documentSummary, main } from '../../src/cli/audit';
import { CSV_COLUMNS, csvCell, eventJson, eventObject } from '../../src/cli/event-output';
import { classifyCampaign } from '../../src/classifier/index';
import { importText } from '../../src/importers/index';
import { getBundledIndex } from '../../src/ranges/index';
import type { EventVerdict } from '../../src/shared/types';

const ROOT = resolve(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'exports');
const SAMPLES = resolve(ROOT, '..', 'shared', 'external-samples', 'exports');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && /\.(json|ndjson|jsonl|csv|txt)$/i.test(path));
}

/** A SendGrid webhook log: a tenth deliveries, crowds on a few networks, stale and bare agents, clicks on four links. */
function generatedSendGrid(count: number): string {
  const agents = ['Mozilla/5.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36', 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko'];
  const records: string[] = [];
  for (let n = 0; n < count; n++) {
    const recipient = n % 4000;
    const event = n % 10 === 0 ? 'delivered' : n % 3 === 0 ? 'click' : 'open';
    const record: Record<string, unknown> = {
      email: `Person${recipient}@Company${recipient % 97}.example`,
      timestamp: 1739466000 + Math.floor(n / 10),
      event,
      ip: n % 7 === 0 ? `40.94.${n % 5}.${n % 200}` : `${60 + (n % 40)}.${n % 251}.${(n >> 4) % 251}.${n % 199}`,
      useragent: agents[n % agents.length],
      sg_event_id: `ev${n}\u00e9"\\`,
      sg_message_id: `msg${recipient}.filter0001`,
    };
    if (event === 'click') record.url = `https://shop.example.com/${['sale', 'new', 'prefs', 'unsub'][n % 4]}`;
    records.push(JSON.stringify(record));
  }
  return `[\n${records.join(',\n')}\n]\n`;
}

/** What `audit` prints, the plain way: whole text in, whole document out. */
function plainOutputs(path: string): { json: string; ndjson: string; csv: string } | undefined {
  const imported = importText(readFileSync(path, 'utf8'), { fileName: path.split('/').pop()! });
  if (imported.campaign.events.length === 0) return undefined;
  const report = classifyCampaign(imported.campaign, { ranges: getBundledIndex() });
  const verdicts = [...report.verdicts].sort((a, b) => a.sourceIndex - b.sourceIndex);
  const summary = documentSummary(report.summary, imported);
  const events = verdicts.map((verdict) => JSON.stringify(eventObject(verdict)));
  const csvRow = (v: EventVerdict): string =>
    [v.sourceIndex, v.type, csvCell(v.recipient ?? ''), v.label, Math.round(v.score * 1000) / 1000, csvCell(v.reasons.join(';'))].join(',');
  return {
    json: `{"format":${JSON.stringify(imported.format)},"summary":${JSON.stringify(summary)},"events":[${events.map((e) => `\n${e}`).join(',')}\n]}\n`,
    ndjson: events.map((e) => `${e}\n`).join(''),
    csv: `${CSV_COLUMNS.join(',')}\n${verdicts.map((v) => `${csvRow(v)}\n`).join('')}`,
  };
}

/** What `audit FILE --output FORMAT` prints on stdout, in process. */
async function commandOutput(path: string, output: string): Promise<string> {
  const written: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((text: string, done?: (error?: Error | null) => void) => {
    written.push(text);
    done?.();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    await main([path, '--output', output]);
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return written.join('');
}

describe('audit prints what the plain path prints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-equivalence-'));
  const generated = join(dir, 'sendgrid-30k.json');
  writeFileSync(generated, generatedSendGrid(30_000));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = [...filesUnder(FIXTURES), ...filesUnder(SAMPLES), generated];

  it('reads several 1 MiB chunks of the generated export (records cut at chunk edges)', () => {
    expect(statSync(generated).size).toBeGreaterThan(4 * 2 ** 20);
  });

  const nameOf = (path: string): string => (path === generated ? 'generated 30k-event SendGrid export' : relative(resolve(ROOT, '..'), path));
  it.each(files.map((path) => [nameOf(path), path]))('%s', async (_name, path) => {
    const plain = plainOutputs(path);
    if (plain === undefined) return; // no opens or clicks: the command exits 1 (tested in audit.test.ts)
    expect(await commandOutput(path, 'json')).toBe(plain.json);
    expect(await commandOutput(path, 'ndjson')).toBe(plain.ndjson);
    expect(await commandOutput(path, 'csv')).toBe(plain.csv);
  }, 60_000);

  it('eventJson is JSON.stringify of the event object, escapes and odd numbers included', () => {
    const verdicts: EventVerdict[] = [
      { sourceIndex: 0, type: 'open', label: 'human', score: 0.0123456, reasons: [] },
      { sourceIndex: 7, type: 'click', recipient: 'a"b\\c\u2028@x.example', label: 'scanner', score: 1, reasons: ['scanner-ip:microsoft', 'link-burst'] },
      { sourceIndex: 3, type: 'open', recipient: '', label: 'suspect', score: Number.NaN, reasons: ['bare-ua'] },
      { sourceIndex: 2 ** 40, type: 'open', label: 'proxy', score: -0, reasons: ['mpp-ua'] },
      { sourceIndex: 1, type: 'click', recipient: '\u0000\ud800', label: 'human', score: 1e-9, reasons: [] },
    ];
    for (const verdict of verdicts) expect(eventJson(verdict)).toBe(JSON.stringify(eventObject(verdict)));
  });
});
