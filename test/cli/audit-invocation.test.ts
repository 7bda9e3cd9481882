// How people actually run the audit: through `npm run --silent` from wherever they are, with paths that have
// spaces, with a habitual extra `--`, piping into `head`, or pointing it at the wrong kind of file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describeBinary, parseArguments, resolveInputPath } from '../../src/cli/audit';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const UNSEEN = join(ROOT, 'test', 'fixtures', 'exports', 'unseen');

function auditDirect(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(TSX, [join(ROOT, 'src/cli/audit.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env });
}

describe('audit CLI invocation', () => {
  it('via `npm run --silent` from a sub-directory with a relative path: stdout is exactly one JSON document', () => {
    const run = spawnSync('npm', ['run', '--silent', 'audit', '--', 'fixtures/exports/unseen/mailgun-events.json'], {
      cwd: join(ROOT, 'test'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toContain('not found');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { format: string; events: { index: number }[] };
    expect(document.format).toBe('mailgun');
    expect(document.events.map((event) => event.index)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  it('reads an absolute path with spaces and parentheses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve audit '));
    mkdirSync(join(dir, 'Q1 reports'));
    const file = join(dir, 'Q1 reports', 'mailgun events (1).json');
    copyFileSync(join(UNSEEN, 'mailgun-events.json'), file);
    const run = auditDirect([file]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { format: string }).format).toBe('mailgun');
  });

  it('resolves a relative path against the directory npm was started from (INIT_CWD)', () => {
    expect(resolveInputPath('a/b.csv', { INIT_CWD: '/home/me/reports' })).toBe('/home/me/reports/a/b.csv');
    expect(resolveInputPath('/abs/b.csv', { INIT_CWD: '/home/me' })).toBe('/abs/b.csv');
    expect(resolveInputPath('b.csv', {})).toBe(resolve('b.csv'));
    const fromTest = auditDirect([relative(join(ROOT, 'test'), join(UNSEEN, 'mailjet-events.json'))], {
      ...process.env,
      INIT_CWD: join(ROOT, 'test'),
    });
    expect(fromTest.status).toBe(0);
  });

  it('treats everything after `--` as the file, options before it still apply', () => {
    expect(parseArguments(['--format', 'mailgun', '--', 'x.json'])).toEqual({ file: 'x.json', format: 'mailgun' });
    expect(parseArguments(['--', '--odd-name.csv'])).toEqual({ file: '--odd-name.csv' });
    const run = auditDirect(['--format', 'mailgun', '--', join(UNSEEN, 'mailgun-events.json')]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { format: string }).format).toBe('mailgun');
  });

  it('stops quietly when the reader closes the pipe (`| head`)', () => {
    // Enough events that the document cannot fit in the pipe before head exits.
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const file = join(dir, 'big.ndjson');
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      lines.push(JSON.stringify({ email: `p${i}@example.org`, timestamp: 1739466000 + i, event: 'open', ip: '81.2.69.160', sg_event_id: `e${i}` }));
    }
    writeFileSync(file, lines.join('\n'));
    const run = spawnSync('sh', ['-c', `"${TSX}" "${join(ROOT, 'src/cli/audit.ts')}" "${file}" | head -c 100`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout.startsWith('{"format":"ndjson"')).toBe(true);
    expect(run.stderr).not.toMatch(/EPIPE|internal error/);
  });

  it('refuses binary files with what to do instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const workbook = join(dir, 'export.xlsx');
    writeFileSync(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    const run = auditDirect([workbook]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Excel\/OpenDocument workbook; unzip it, or save the sheet as CSV/);

    const garbage = auditDirect([join(UNSEEN, 'garbage.bin')]);
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toMatch(/is binary data, not a text export/);
    expect(garbage.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('describeBinary leaves text alone, including UTF-8 accents and tabs', () => {
    expect(describeBinary(Buffer.from('E-Mail;Ereignis;Datum\nanä@x.de;Öffnung;13.02.2025\t\r\n', 'utf8'))).toBeUndefined();
    expect(describeBinary(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toMatch(/gzip/);
    expect(describeBinary(new Uint8Array())).toBeUndefined();
  });
});

describe('--format names as people type them', () => {
  it('ignores case and separators, resolves aliases, and lets plain "sendgrid" follow the file', async () => {
    const { resolveFormatName } = await import('../../src/importers/index');
    expect(resolveFormatName('SendGrid_Webhook')).toBe('sendgrid-webhook');
    expect(resolveFormatName('Amazon SES')).toBe('ses');
    expect(resolveFormatName('sendinblue')).toBe('brevo');
    expect(resolveFormatName('JSONL')).toBe('ndjson');
    expect(resolveFormatName('mailgunn')).toBeUndefined();
    expect(parseArguments(['x.csv', '--format', 'TSV'])).toEqual({ file: 'x.csv', format: 'csv' });
    const csv = auditDirect([join(UNSEEN, 'sendgrid-activity.csv'), '--format', 'SendGrid']);
    expect((JSON.parse(csv.stdout) as { format: string }).format).toBe('sendgrid-csv');
    const json = auditDirect([join(UNSEEN, 'sendgrid-webhook.json'), '--format', 'sendgrid']);
    expect((JSON.parse(json.stdout) as { format: string }).format).toBe('sendgrid-webhook');
  });

  it('a JSON-only format forced on a CSV says what to do', () => {
    const run = auditDirect([join(UNSEEN, 'sendgrid-activity.csv'), '--format', 'jsonl']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the format 'ndjson' expects one JSON object per line, but the file does not start with '{' or '[' (is it a CSV? choose the format 'csv')");
  });
});

describe('warnings about what the export lacks', () => {
  it('says how many opens/clicks have no time, and still prints the document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const file = join(dir, 'no-times.csv');
    writeFileSync(file, 'email,event,ip\na@x.example,open,81.2.69.160\nb@x.example,click,81.2.69.161\n');
    const run = auditDirect([file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('warning: 2 of 2 open/click records have no time');
    expect((JSON.parse(run.stdout) as { events: unknown[] }).events).toHaveLength(2);
  });
});

describe('file encodings', () => {
  it('reads a Windows-1252 CSV (Excel "CSV" on Windows): "Öffnung" stays an open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const file = join(dir, 'oeffnungen.csv');
    const text = 'E-Mail;Ereignis;Datum;IP\nana@x.de;Öffnung;13.02.2025 17:00:11;81.2.69.160\nana@x.de;Klick;13.02.2025 17:00:43;81.2.69.160\n';
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const run = auditDirect([file]);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { events: { index: number; type: string }[] };
    expect(document.events.map((event) => [event.index, event.type])).toEqual([[0, 'open'], [1, 'click']]);
  });

  it('isUtf8 accepts UTF-8 and refuses Latin-1 bytes', async () => {
    const { isUtf8 } = await import('../../src/cli/audit');
    expect(isUtf8(Buffer.from('Öffnung – “quoted”', 'utf8'))).toBe(true);
    expect(isUtf8(Buffer.from('Öffnung', 'latin1'))).toBe(false);
  });
});
