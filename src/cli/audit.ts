// `npm run --silent audit -- FILE [--sent-at ISO] [--format NAME] [--time-zone ZONE]`
// Reads an ESP export (streamed, any size), classifies every open and click, and prints ONE JSON document to
// stdout (conventions §2): {"format", "summary", "events": [{index, type, recipient, label, score, reasons}]}.
// Problems go to stderr: fatal ones with a non-zero exit, unreadable records as warnings.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { classifyCampaign } from '../classifier/index';
import { importChunks, listFormats, resolveFormatName, type ImportResult } from '../importers/index';
import { getBundledIndex } from '../ranges/index';
import { parseDate } from '../shared/dates';

const USAGE = 'usage: npm run --silent audit -- FILE [--sent-at ISO-DATE] [--format NAME] [--time-zone ZONE]';
/** Record warnings printed before "… and N more" (the full list is rarely useful in a terminal). */
const MAX_WARNINGS_SHOWN = 20;

/** Exit codes: 1 = the input cannot be audited, 2 = the command line is wrong. */
class UsageError extends Error {}
class InputError extends Error {}

interface AuditArguments {
  file: string;
  sentAt?: number;
  format?: string;
  timeZone?: string;
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
    if (argument === '--help' || argument === '-h') throw new UsageError(USAGE);
    const option = /^--(sent-at|format|time-zone)(?:=(.*))?$/.exec(argument);
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

async function readExport(args: AuditArguments): Promise<ImportResult> {
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
  const encoding = await detectEncoding(path, args.file);
  const stream = createReadStream(path, { encoding, highWaterMark: 1 << 20 });
  const options: { format?: string; sentAt?: number; fileName: string; timeZone?: string } = { fileName: args.file };
  if (args.format !== undefined) options.format = args.format;
  if (args.sentAt !== undefined) options.sentAt = args.sentAt;
  if (args.timeZone !== undefined) options.timeZone = args.timeZone;
  return importChunks(stream as AsyncIterable<string>, options);
}

/** Bytes looked at to tell text from binary and to name the encoding. */
const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-8 unless the file starts with a UTF-16 little-endian byte-order mark (Excel's "Unicode text" export).
 * Big-endian UTF-16 has no Node decoder; say so rather than read garbage. Binary files (a workbook, an
 * archive, anything with NUL bytes) are refused with what to do instead of being read as a one-column CSV.
 */
async function detectEncoding(path: string, shownName: string): Promise<'utf8' | 'utf16le' | 'latin1'> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) {
      throw new InputError(`'${shownName}' is UTF-16 big-endian; save it as UTF-8 (or UTF-16 little-endian) and try again`);
    }
    const binary = describeBinary(head);
    if (binary !== undefined) throw new InputError(`'${shownName}' ${binary}`);
    // Excel on Windows saves "CSV" in the ANSI code page (Windows-1252): "Öffnung" as one byte 0xD6, which
    // UTF-8 would turn into U+FFFD and the event word would be lost. Bytes that are not UTF-8 read as Latin-1.
    return isUtf8(bytesRead === SNIFF_BYTES ? withoutCutCharacter(head) : head) ? 'utf8' : 'latin1';
  } finally {
    await handle.close();
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The head without a multi-byte character the read cut in two at its end. */
function withoutCutCharacter(head: Uint8Array): Uint8Array {
  let end = head.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character, at most 3.
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const byte = head[end - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return expected > back ? head.subarray(0, end - back) : head;
    }
  }
  return head;
}

/** Why the start of a file is not a text export, or undefined when it looks like text. */
export function describeBinary(head: Uint8Array): string | undefined {
  const startsWith = (...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);
  // ZIP local file header "PK\x03\x04": .xlsx/.ods workbooks and zipped downloads.
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return 'is a ZIP archive or an Excel/OpenDocument workbook; unzip it, or save the sheet as CSV (UTF-8), and audit that file';
  }
  if (startsWith(0x1f, 0x8b)) return 'is gzip-compressed; decompress it first (gunzip FILE) and audit the result';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0)) return 'is an old Excel workbook (.xls); save the sheet as CSV (UTF-8) and audit that file';
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'is a PDF; export the report as CSV or JSON from the ESP instead';
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return 'is binary data, not a text export (it contains NUL bytes); export the report as CSV or JSON';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (head.length > 0 && control / head.length > 0.05) {
    return 'is binary data, not a text export; export the report as CSV or JSON';
  }
  return undefined;
}

function warn(message: string): void {
  process.stderr.write(`audit: ${message}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: AuditArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    return 2;
  }
  let imported: ImportResult;
  try {
    imported = await readExport(args);
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    return 1;
  }

  const fileErrors = imported.errors.filter((error) => error.record < 0);
  const recordErrors = imported.errors.filter((error) => error.record >= 0);
  const events = imported.campaign.events;
  if (events.length === 0) {
    for (const error of fileErrors) warn(error.message);
    for (const error of recordErrors.slice(0, MAX_WARNINGS_SHOWN)) warn(error.message);
    const read = `${imported.recordCount} record${imported.recordCount === 1 ? '' : 's'} read as ${imported.recordFormat ?? imported.format}`;
    warn(
      `no open or click records in '${args.file}' (${read}, ${imported.skippedCount} unreadable); ` +
        `check that the export includes opens and clicks, or pass --format (${listFormats().join(', ')})`,
    );
    return 1;
  }
  for (const error of fileErrors) warn(`warning: ${error.message}`);
  for (const error of recordErrors.slice(0, MAX_WARNINGS_SHOWN)) warn(`warning: skipped ${error.message}`);
  if (imported.skippedCount > MAX_WARNINGS_SHOWN) {
    warn(`warning: … and ${imported.skippedCount - MAX_WARNINGS_SHOWN} more unreadable records (${imported.skippedCount} in all)`);
  }

  const untimed = events.reduce((count, event) => count + (event.timestamp === undefined ? 1 : 0), 0);
  if (untimed > 0) {
    // Usually a time field under a name the reader does not know: say so rather than classify blind.
    warn(
      `warning: ${untimed} of ${events.length} open/click records have no time, so timing signals cannot judge them; ` +
        'check that the export has a date/time column (or field) and pass --format if it was misread',
    );
  }
  if (imported.campaign.sentAt === undefined && !imported.campaign.deliveries?.length) {
    // Time since delivery is one of the strongest signals (conventions §3); without it only IPs, user agents
    // and bursts speak.
    warn(`warning: '${args.file}' has no send time and no delivered events; pass --sent-at ISO-DATE for timing signals`);
  }
  const report = classifyCampaign(imported.campaign, { ranges: getBundledIndex() });
  const verdicts = [...report.verdicts].sort((a, b) => a.sourceIndex - b.sourceIndex);
  await writeDocument(imported, report.summary, verdicts);
  return 0;
}

type Verdicts = ReturnType<typeof classifyCampaign>['verdicts'];

/** Writes the document in pieces so a 500k-event report never becomes one giant string. */
async function writeDocument(imported: ImportResult, summary: object, verdicts: Verdicts): Promise<void> {
  const summaryWithImport = {
    ...summary,
    records: imported.recordCount,
    skippedRecords: imported.skippedCount,
    ...(imported.recordFormat ? { recordFormat: imported.recordFormat } : {}),
  };
  await write(`{"format":${JSON.stringify(imported.format)},"summary":${JSON.stringify(summaryWithImport)},"events":[`);
  const pieces: string[] = [];
  for (let i = 0; i < verdicts.length; i++) {
    const verdict = verdicts[i];
    if (!verdict) continue;
    pieces.push(
      (i === 0 ? '\n' : ',\n') +
        JSON.stringify({
          index: verdict.sourceIndex,
          type: verdict.type,
          recipient: verdict.recipient ?? null,
          label: verdict.label,
          score: Math.round(verdict.score * 1000) / 1000,
          reasons: verdict.reasons,
        }),
    );
    if (pieces.length >= 5000) await write(pieces.splice(0).join(''));
  }
  pieces.push('\n]}\n');
  await write(pieces.join(''));
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

// Run when executed directly (tsx src/cli/audit.ts …), not when imported by tests.
const invokedDirectly = process.argv[1] !== undefined && /audit\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  // `audit FILE | head`: the reader went away; stop quietly instead of dying with an EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    },
  );
}
