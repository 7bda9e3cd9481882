// The command's other faces: --help (exit 0, the exit-status table), --output ndjson|csv (the same events as the
// JSON document, one per line/row), --summary (a table for people), and the exit statuses scripts test.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { csvCell } from '../../src/cli/event-output';
import { EXIT_CODES } from '../../src/cli/audit';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'exports', 'sendgrid-webhook.json');

function audit(...args: string[]) {
  return spawnSync(TSX, [join(ROOT, 'src/cli/audit.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

interface AuditEvent {
  index: number;
  type: string;
  recipient: string | null;
  label: string;
  score: number;
  reasons: string[];
}

describe('audit outputs', () => {
  const document = JSON.parse(audit(FIXTURE).stdout) as { events: AuditEvent[] };

  it('--help prints usage, formats and exit statuses on stdout and succeeds', () => {
    const run = audit('--help');
    expect(run.status).toBe(EXIT_CODES.ok);
    expect(run.stdout).toMatch(/usage: npm run --silent audit -- FILE/);
    expect(run.stdout).toMatch(/--output FORMAT\s+json \(default: one document\), ndjson/);
    expect(run.stdout).toContain('mandrill, sparkpost, customerio, klaviyo, marketo, campaign-monitor');
    expect(run.stdout).toMatch(/exit status:\n {2}0 {2}the report was written\n {2}1 {2}the file cannot be audited/);
  });

  it('--output ndjson: one event per line, the same events as the document', () => {
    const run = audit(FIXTURE, '--output', 'ndjson');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEvent);
    expect(lines).toEqual(document.events);
  });

  it('--output csv: a header and one row per event, reasons joined by ";"', () => {
    const run = audit(FIXTURE, '--output=csv');
    expect(run.status).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toBe('index,type,recipient,label,score,reasons');
    expect(rows).toHaveLength(document.events.length);
    const first = document.events[0]!;
    expect(rows[0]).toBe([first.index, first.type, first.recipient, first.label, first.score, first.reasons.join(';')].join(','));
  });

  it('csv cells: quoted when needed, and never run as a spreadsheet formula', () => {
    expect(csvCell('a@b.example')).toBe('a@b.example');
    expect(csvCell('Ana, "the boss" <a@b.example>')).toBe('"Ana, ""the boss"" <a@b.example>"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
  });

  it('--summary: raw beside people, labels, vendors, and no JSON', () => {
    const run = audit(FIXTURE, '--summary');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Scanner Sieve audit of .*sendgrid-webhook\.json\nsendgrid-webhook: 41 records, 22 opens and clicks, 1 unreadable, 8 delivered/);
    expect(run.stdout).toMatch(/\n\s+raw\s+people(\s+people, 95 % range)?\n/);
    expect(run.stdout).toMatch(/\nUnique openers\s+5\s+4/);
    expect(run.stdout).toMatch(/\nLabels: human 7, suspect 0, proxy 1, scanner 14\n/);
    expect(run.stdout).toMatch(/\nVendors: microsoft 6, proofpoint 5, barracuda 3, apple-icloud 1\n/);
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  it('wrong flags exit with the usage status and say what is wrong', () => {
    const bad = audit(FIXTURE, '--output', 'xml');
    expect(bad.status).toBe(EXIT_CODES.usage);
    expect(bad.stderr).toContain("--output 'xml' is not one of json, ndjson, csv");
    const both = audit(FIXTURE, '--summary', '--output', 'csv');
    expect(both.status).toBe(EXIT_CODES.usage);
    expect(both.stderr).toContain('--summary prints a table; leave out --output csv');
  });
});
