// `scanner-sieve audit FILE [options]`, also `npm run --silent audit -- FILE [options]` (conventions §2).
// Reads an ESP export (streamed, any size), classifies every open and click, and prints ONE JSON document to
// stdout: {"format", "summary", "events": [{index, type, recipient, label, score, reasons}]}; or NDJSON/CSV
// rows (--output), or a table for people (--summary). Problems go to stderr: fatal ones with a non-zero exit
// (EXIT_CODES), unreadable records as warnings with their line.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { classifyCampaign } from '../classifier/index';
import { importBytes, listFormats, resolveFormatName, type ImportOptions, type ImportResult } from '../importers/index';
import { getBundledIndex } from '../ranges/index';
import { parseDate } from '../shared/dates';
import type { Campaign, CampaignSummary, EventVerdict } from '../shared/types';
import { writeEvents, OUTPUT_FORMATS, type OutputFormat } from './event-output';
import { formatSummaryTable } from './summary-table';

export { describeBinary, isUtf8 } from '../importers/decode';

/** What each exit status means; --help and the README list the same table. */
export const EXIT_CODES = {
  ok: 0,
  /** The input cannot be audited: missing, unreadable, not text, or no open/click records in it. */
  input: 1,
  /** The command line is wrong (unknown option, missing file, bad date). */
  usage: 2,
  /** A bug in Scanner Sieve: the message says where; please report it. */
  internal: 3,
} as const;

const USAGE = 'usage: npm run --silent audit -- FILE [--sent-at ISO-DATE] [--format NAME] [--time-zone ZONE] [--output json|ndjson|csv] [--summary]\n       scanner-sieve audit FILE [same options]';

export function helpText(): string {
  return `scanner-sieve audit — which opens and clicks in an ESP export came from scanners and privacy proxies

${USAGE}

FILE is an export of open/click events: a webhook log or API response (JSON, NDJSON) or a CSV report.
The format is detected; nothing is sent anywhere.

options:
  --summary            print a table for people (raw vs people, ranges, vendors, learned windows) instead of JSON
  --output FORMAT      json (default: one document), ndjson (one event per line), csv (one event per row)
  --sent-at ISO-DATE   the campaign's send time, when the file has no delivered events (2025-02-13T17:08:00Z)
  --format NAME        read the file as this format instead of detecting it:
                       ${listFormats().join(', ')}
  --time-zone ZONE     zone of times written without one (Europe/Berlin, +01:00); default UTC
  -h, --help           this text

exit status:
  ${EXIT_CODES.ok}  the report was written
  ${EXIT_CODES.input}  the file cannot be audited (not found, not a text export, no opens or clicks in it)
  ${EXIT_CODES.usage}  the command line is wrong
  ${EXIT_CODES.internal}  internal error (a bug; the message says where)
`;
}

/** Record warnings printed before "… and N more" (the full list is rarely useful in a terminal). */
const MAX_WARNINGS_SHOWN = 20;

class UsageError extends Error {}
class InputError extends Error {}
/** --help: print the help to stdout and succeed. */
class HelpRequested extends Error {}

interface AuditArguments {
  file: string;
  sentAt?: number;
  format?: string;
  timeZone?: string;
  output?: OutputFormat;
  summary?: boolean;
}

export function parseArguments(argv: readonly string[]): AuditArguments {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    // `--` ends the options (the usual POSIX convention; npm users type it twice by habit): what follows is
    // the file, even when its name starts with "--".
    if (optionsEnded) {
      positional.push(argument);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    if (argument === '--summary') {
      values.summary = 'yes';
      continue;
    }
    const option = /^--(sent-at|format|time-zone|output)(?:=(.*))?$/.exec(argument);
    if (option) {
      const name = option[1] ?? '';
      const value = option[2] ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value\n${USAGE}`);
      values[name] = value;
      continue;
    }
    if (argument.startsWith('--')) throw new UsageError(`unknown option ${argument}\n${USAGE}`);
    positional.push(argument);
  }
  if (positional.length === 0) throw new UsageError(`no export file given\n${USAGE}`);
  if (positional.length > 1) throw new UsageError(`one file at a time (got ${positional.join(', ')})\n${USAGE}`);
  const parsed: AuditArguments = { file: positional[0] ?? '' };
  const format = values.format;
  if (format !== undefined) {
    const resolved = resolveFormatName(format);
    if (resolved === undefined) {
      throw new UsageError(`unknown format '${format}'; known formats: ${listFormats().join(', ')}`);
    }
    parsed.format = resolved;
  }
  if (values['time-zone'] !== undefined) parsed.timeZone = values['time-zone'];
  const output = values.output?.toLowerCase();
  if (output !== undefined) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) {
      throw new UsageError(`--output '${values.output}' is not one of ${OUTPUT_FORMATS.join(', ')}`);
    }
    parsed.output = output as OutputFormat;
  }
  if (values.summary !== undefined) {
    if (parsed.output !== undefined) throw new UsageError(`--summary prints a table; leave out --output ${parsed.output}\n${USAGE}`);
    parsed.summary = true;
  }
  const sentAtText = values['sent-at'];
  if (sentAtText !== undefined) {
    const sentAt = parseDate(sentAtText, parsed.timeZone ? { timeZone: parsed.timeZone } : {});
    if (sentAt === undefined) {
      throw new UsageError(`--sent-at '${sentAtText}' is not a date; write it like 2025-02-13T17:08:00Z`);
    }
    parsed.sentAt = sentAt;
  }
  return parsed;
}

/**
 * `npm run` runs the script in the package root, not where the user typed the command; npm keeps that
 * directory in INIT_CWD (https://docs.npmjs.com/cli/v10/commands/npm-run-script). A relative path is the
 * user's, so it is resolved against INIT_CWD when npm set it.
 */
export function resolveInputPath(file: string, environment: NodeJS.ProcessEnv = process.env): string {
  if (isAbsolute(file)) return file;
  const invokedFrom = environment.INIT_CWD;
  return invokedFrom ? resolve(invokedFrom, file) : resolve(file);
}

/** Files at least this big show progress on stderr when it is a terminal. */
const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;
/** Progress redraws at most this often. */
const PROGRESS_INTERVAL_MS = 250;

async function readExport(args: AuditArguments, progress: Progress): Promise<ImportResult> {
  let size: number;
  const path = resolveInputPath(args.file);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`'${args.file}' is a directory; give the export file inside it`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`file '${args.file}' not found`);
    if (code === 'EACCES') throw new InputError(`file '${args.file}' cannot be read (permission denied)`);
    throw new InputError(`file '${args.file}' cannot be read: ${String(error)}`);
  }
  if (size === 0) throw new InputError(`file '${args.file}' is empty`);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  // Message ids are neither classified nor printed: leaving them out keeps a big export's memory to what is used.
  // The events go to the classifier as they are, so they are read as columns, not as an object each.
  const options: ImportOptions = { fileName: args.file, messageIds: false, eventColumns: true };
  if (args.format !== undefined) options.format = args.format;
  if (args.sentAt !== undefined) options.sentAt = args.sentAt;
  if (args.timeZone !== undefined) options.timeZone = args.timeZone;
  const showProgress = size >= PROGRESS_MIN_BYTES;
  const result = await importBytes(stream as AsyncIterable<Uint8Array>, options, {
    onBytes: showProgress ? (bytesRead) => progress.show(`reading ${Math.floor((bytesRead / size) * 100)}% (${mebibytes(bytesRead)} of ${mebibytes(size)} MiB)`) : undefined,
  });
  if (result.unreadable !== undefined) throw new InputError(`'${args.file}' ${result.unreadable}`);
  return result;
}

function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

/** One status line on stderr, redrawn in place; silent unless stderr is a terminal. */
class Progress {
  private lastDrawn = 0;
  private drawn = false;

  constructor(private readonly enabled: boolean) {}

  show(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDrawn < PROGRESS_INTERVAL_MS) return;
    this.lastDrawn = now;
    this.drawn = true;
    process.stderr.write(`\r\x1b[Kaudit: ${text}`);
  }

  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}

function warn(message: string): void {
  process.stderr.write(`audit: ${message}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: AuditArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      await write(helpText());
      return EXIT_CODES.ok;
    }
    warn(error instanceof Error ? error.message : String(error));
    return EXIT_CODES.usage;
  }
  const progress = new Progress(process.stderr.isTTY === true);
  let imported: ImportResult;
  try {
    imported = await readExport(args, progress);
  } catch (error) {
    progress.clear();
    warn(error instanceof Error ? error.message : String(error));
    return EXIT_CODES.input;
  }
  progress.clear();

  const fileErrors = imported.errors.filter((error) => error.record < 0);
  const recordErrors = imported.errors.filter((error) => error.record >= 0);
  const { count: eventCount, untimed } = eventCounts(imported.campaign);
  if (eventCount === 0) {
    for (const error of fileErrors) warn(error.message);
    for (const error of recordErrors.slice(0, MAX_WARNINGS_SHOWN)) warn(error.message);
    const read = `${imported.recordCount} record${imported.recordCount === 1 ? '' : 's'} read as ${imported.recordFormat ?? imported.format}`;
    warn(
      `no open or click records in '${args.file}' (${read}, ${imported.skippedCount} unreadable); ` +
        `check that the export includes opens and clicks, or pass --format (${listFormats().join(', ')})`,
    );
    return EXIT_CODES.input;
  }
  for (const error of fileErrors) warn(`warning: ${error.message}`);
  for (const error of recordErrors.slice(0, MAX_WARNINGS_SHOWN)) warn(`warning: skipped ${error.message}`);
  if (imported.skippedCount > MAX_WARNINGS_SHOWN) {
    warn(`warning: … and ${imported.skippedCount - MAX_WARNINGS_SHOWN} more unreadable records (${imported.skippedCount} in all)`);
  }

  if (untimed > 0) {
    // Usually a time field under a name the reader does not know: say so rather than classify blind.
    warn(
      `warning: ${untimed} of ${eventCount} open/click records have no time, so timing signals cannot judge them; ` +
        'check that the export has a date/time column (or field) and pass --format if it was misread',
    );
  }
  if (imported.campaign.sentAt === undefined && !imported.campaign.deliveries?.length) {
    // Time since delivery is one of the strongest signals (conventions §3); without it only IPs, user agents
    // and bursts speak.
    warn(`warning: '${args.file}' has no send time and no delivered events; pass --sent-at ISO-DATE for timing signals`);
  }
  if (eventCount >= 100_000) progress.show(`classifying ${eventCount.toLocaleString('en-US')} events`, true);
  // The events are handed over: the classifier reads them into its own columns and drops the import's, so a
  // big export is never held twice (its counts are taken above; nothing below reads the events again).
  const report = classifyCampaign(imported.campaign, { ranges: getBundledIndex(), consumeEvents: true });
  progress.clear();
  const verdicts = inRecordOrder(report.verdicts);
  const summary = documentSummary(report.summary, imported);
  if (args.summary) {
    await write(formatSummaryTable({ file: args.file, imported, summary: report.summary, verdicts }));
  } else {
    await writeEvents(args.output ?? 'json', { format: imported.format, summary, verdicts }, write);
  }
  return EXIT_CODES.ok;
}

/** Opens and clicks read, and how many of them have no time: from the event objects and the columns alike. */
function eventCounts(campaign: Campaign): { count: number; untimed: number } {
  let untimed = 0;
  for (const event of campaign.events) if (event.timestamp === undefined) untimed++;
  const columns = campaign.eventColumns;
  if (columns !== undefined) for (let i = 0; i < columns.length; i++) if (Number.isNaN(columns.timestamp[i])) untimed++;
  return { count: campaign.events.length + (columns?.length ?? 0), untimed };
}

/** Verdicts by record index; exports are usually read in record order already, so most need no sort or copy. */
function inRecordOrder(verdicts: readonly EventVerdict[]): readonly EventVerdict[] {
  for (let i = 1; i < verdicts.length; i++) {
    if (verdicts[i]!.sourceIndex < verdicts[i - 1]!.sourceIndex) return [...verdicts].sort((a, b) => a.sourceIndex - b.sourceIndex);
  }
  return verdicts;
}

/** The JSON document's summary: the classifier's, with the records read and skipped and their format. */
export function documentSummary(summary: CampaignSummary, imported: ImportResult): object {
  return {
    ...summary,
    records: imported.recordCount,
    skippedRecords: imported.skippedCount,
    ...(imported.recordFormat ? { recordFormat: imported.recordFormat } : {}),
  };
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => {
      // The reader closed the pipe (`| head`): nothing more can be delivered, and that is not a failure.
      if ((error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Run the audit as a process: exit status from `main`, EPIPE (`| head`) ends quietly. */
export function runAsProcess(argv: readonly string[]): void {
  // `audit FILE | head`: the reader went away; stop quietly instead of dying with an EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = EXIT_CODES.internal;
    },
  );
}

// Run when executed directly (tsx src/cli/audit.ts …), not when imported by tests or bundled into the command.
const invokedDirectly = process.argv[1] !== undefined && /audit\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) runAsProcess(process.argv.slice(2));
