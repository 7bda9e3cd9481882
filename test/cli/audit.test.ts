// The audit CLI as a user runs it: a child process on the fixture exports, one JSON document on stdout,
// actionable messages on stderr, exit codes that scripts can test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listFormats } from '../../src/importers/index';
import { EXPORTS_DIR, rawRecords } from '../importers/scenario';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface AuditEvent {
  index: number;
  type: 'open' | 'click';
  recipient: string | null;
  label: string;
  score: number;
  reasons: string[];
}
interface AuditDocument {
  format: string;
  summary: Record<string, unknown> & { records: number; skippedRecords: number };
  events: AuditEvent[];
}

function audit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(TSX, [join(ROOT, 'src/cli/audit.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function fixture(name: string): string {
  return join(EXPORTS_DIR, name);
}

describe('audit CLI', () => {
  it.each([
    ['sendgrid-webhook.json', 'sendgrid-webhook'],
    ['mailgun-events.json', 'mailgun'],
    ['generic-activity.csv', 'csv'],
    ['iterable-events.ndjson', 'ndjson'],
  ])('%s: one JSON document with an event per open/click record', (file, format) => {
    const run = audit(fixture(file));
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as AuditDocument;
    expect(Object.keys(document)).toEqual(['format', 'summary', 'events']);
    expect(document.format).toBe(format);
    expect(document.events).toHaveLength(22);
    const raw = rawRecords(file);
    expect(document.summary.records).toBe(raw.length);
    expect(document.summary.skippedRecords).toBe(1);
    for (const event of document.events) {
      expect(Object.keys(event)).toEqual(['index', 'type', 'recipient', 'label', 'score', 'reasons']);
      expect(['human', 'scanner', 'proxy', 'suspect']).toContain(event.label);
      expect(event.score).toBeGreaterThanOrEqual(0);
      expect(event.score).toBeLessThanOrEqual(1);
      expect(event.index).toBeLessThan(raw.length);
      for (const reason of event.reasons) expect(reason).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(:[a-z0-9-]+)?$/);
    }
    expect(document.events.map((event) => event.index)).toEqual([...document.events.map((event) => event.index)].sort((a, b) => a - b));
    // The unreadable record is a warning, not a failure.
    expect(run.stderr).toMatch(/warning: skipped line \d+ \(record \d+\): \S+ 'abc' is not a date/);
  });

  it('the classifier sees what the importer read: the scanner burst is not human, the late person is', () => {
    const document = JSON.parse(audit(fixture('sendgrid-webhook.json')).stdout) as AuditDocument;
    const byRecipient = (recipient: string): AuditEvent[] => document.events.filter((event) => event.recipient === recipient);
    const bobBurst = byRecipient('bob@fabrikam.com');
    expect(bobBurst).toHaveLength(5);
    expect(bobBurst.every((event) => event.label === 'scanner')).toBe(true);
    const carol = byRecipient('carol@icloud.com');
    expect(carol.map((event) => event.label)).toEqual(['proxy']);
    const erin = byRecipient('erin@example.org');
    expect(erin.map((event) => event.label)).toEqual(['human', 'human']);
  });

  it('--sent-at and --format are applied', () => {
    const withoutSendTime = audit(fixture('mailchimp-email-activity.json'));
    expect(withoutSendTime.status).toBe(0);
    expect(withoutSendTime.stderr).toContain('has no send time and no delivered events; pass --sent-at ISO-DATE for timing signals');
    const run = audit(fixture('mailchimp-email-activity.json'), '--sent-at', '2025-02-13T17:00:00Z', '--format', 'mailchimp');
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('has no send time');
    const document = JSON.parse(run.stdout) as AuditDocument;
    expect(document.format).toBe('mailchimp');
    expect(document.events).toHaveLength(22);
  });

  it('fails with a message a person can act on', () => {
    const missing = audit(fixture('does-not-exist.json'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/audit: file '.*does-not-exist\.json' not found/);

    const unknown = audit(fixture('mailgun-events.json'), '--format', 'mailgunn');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`unknown format 'mailgunn'; known formats: ${listFormats().join(', ')}`);

    const badDate = audit(fixture('mailgun-events.json'), '--sent-at', 'last tuesday');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain("--sent-at 'last tuesday' is not a date");

    const noFile = audit();
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toMatch(/no export file given\nusage: npm run --silent audit -- FILE/);
  });

  it('reads a UTF-16LE export (Excel "Unicode text") like its UTF-8 twin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const utf16 = join(dir, 'activity-utf16.txt');
    const text = '\uFEFF' + readFileSync(fixture('generic-activity.csv'), 'utf8').replace(/,/g, '\t');
    writeFileSync(utf16, Buffer.from(text, 'utf16le'));
    const run = audit(utf16);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as AuditDocument;
    const twin = JSON.parse(audit(fixture('generic-activity.csv')).stdout) as AuditDocument;
    expect(document.events.map((event) => [event.index, event.recipient, event.type])).toEqual(
      twin.events.map((event) => [event.index, event.recipient, event.type]),
    );
  });

  it('fails when the file has no open or click records, saying what it read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-audit-'));
    const deliveriesOnly = join(dir, 'deliveries.json');
    writeFileSync(deliveriesOnly, JSON.stringify([{ email: 'a@x.example', timestamp: 1739466003, event: 'delivered', sg_event_id: '1' }]));
    const run = audit(deliveriesOnly);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("no open or click records in '" + deliveriesOnly + "' (1 record read as sendgrid-webhook, 0 unreadable)");

    const notAnExport = join(dir, 'notes.txt');
    writeFileSync(notAnExport, 'just some notes\nnothing to see\n');
    const notes = audit(notAnExport);
    expect(notes.status).toBe(1);
    expect(notes.stderr).toMatch(/no email\/recipient or date\/time column found/);
  });
});
