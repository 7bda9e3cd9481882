// Bytes → text for every export, in one place for the CLI and the options page. ESP exports arrive as UTF-8
// (with or without a byte-order mark), as UTF-16 (Excel's "Unicode text", little- or big-endian, BOM or not)
// and as Windows-1252 (Excel's "CSV" on Windows writes "Öffnung" as the single byte 0xD6). Workbooks,
// archives and other binary files are refused with a sentence saying what to do. A UTF-8 file with a bad byte
// sequence further on is still read (the bytes become U+FFFD), with a warning naming the line.
// Pure: TextDecoder exists in browsers, workers and Node alike.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes looked at before the encoding is decided: enough to see past a long header line. */
export const SNIFF_BYTES = 64 * 1024;

/** A problem the decoder saw, with the 1-based line it is on. */
export interface DecodeWarning {
  line: number;
  message: string;
}

/** Warnings of one kind kept before the rest are only counted. */
const MAX_DECODE_WARNINGS = 20;

/**
 * Why the start of a file is not a text export (a sentence that continues the file's name), or undefined when
 * it looks like text in one of the encodings read here.
 */
export function describeBinary(head: Uint8Array): string | undefined {
  const startsWith = (...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);
  // ZIP local file header "PK\x03\x04": .xlsx/.ods workbooks and zipped downloads.
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return 'is a ZIP archive or an Excel/OpenDocument workbook; unzip it, or save the sheet as CSV (UTF-8), and audit that file';
  }
  if (startsWith(0x1f, 0x8b)) return 'is gzip-compressed; decompress it first (gunzip FILE) and audit the result';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0)) return 'is an old Excel workbook (.xls); save the sheet as CSV (UTF-8) and audit that file';
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'is a PDF; export the report as CSV or JSON from the ESP instead';
  if (utf16Order(head) !== undefined) return undefined;
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

/**
 * UTF-16 by its byte-order mark, or without one by where the zero bytes fall: ASCII text in UTF-16LE has a
 * zero after every character, in UTF-16BE before it.
 */
function utf16Order(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.min(head.length >> 1, 512);
  if (pairs < 4) return undefined;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Length of `bytes` without a UTF-8 character cut at its end (so it can be checked alone). */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return expected > back ? end - back : end;
    }
  }
  return end;
}

/** The encoding of a file from its first bytes (SNIFF_BYTES, or all of a smaller file). */
export function sniffEncoding(head: Uint8Array, wholeFile: boolean): TextEncodingName {
  const utf16 = utf16Order(head);
  if (utf16) return utf16;
  return isUtf8(wholeFile ? head : head.subarray(0, completeUtf8Length(head))) ? 'utf-8' : 'windows-1252';
}

/** Line breaks in decoded text (String indexOf: a few times faster than Uint8Array indexOf on the bytes). */
function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Push bytes in order, get text back; `finish()` at the end. Holds the first SNIFF_BYTES until the encoding is
 * known. `refused` says why a file is not text at all (then nothing is decoded).
 */
export class ExportDecoder {
  encoding: TextEncodingName | undefined;
  refused: string | undefined;
  readonly warnings: DecodeWarning[] = [];
  private invalidSequences = 0;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private decoder: TextDecoder | undefined;
  /** UTF-8 bytes of a character cut at the end of the last chunk. */
  private carry: Uint8Array | undefined;
  /** Lines before the current chunk (UTF-8 only: where an invalid sequence is reported). */
  private linesBefore = 1;

  push(bytes: Uint8Array): string {
    if (this.refused !== undefined || bytes.length === 0) return '';
    if (this.encoding !== undefined) return this.decode(bytes, false);
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    return this.heldBytes >= SNIFF_BYTES ? this.decide(false) : '';
  }

  finish(): string {
    if (this.refused !== undefined) return '';
    const text = this.encoding === undefined ? this.decide(true) : '';
    return text + this.decode(new Uint8Array(0), true);
  }

  /** Invalid UTF-8 sequences seen beyond the reported warnings. */
  get unreportedInvalidSequences(): number {
    return Math.max(0, this.invalidSequences - this.warnings.length);
  }

  private decide(final: boolean): string {
    const head = concat(this.held, this.heldBytes);
    this.held = [];
    const refusal = describeBinary(head.subarray(0, SNIFF_BYTES));
    if (refusal !== undefined) {
      this.refused = refusal;
      return '';
    }
    this.encoding = sniffEncoding(head.subarray(0, SNIFF_BYTES), final && head.length <= SNIFF_BYTES);
    if (this.encoding === 'windows-1252') {
      this.warnings.push({ line: 1, message: 'the file is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves)' });
    }
    if (this.encoding !== 'utf-8') {
      // UTF-16's and Windows-1252's decoders never fail; the mark (if any) is dropped by the importer.
      this.decoder = new TextDecoder(this.encoding, { ignoreBOM: true });
    }
    return this.decode(head, final);
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    if (this.decoder) return this.decoder.decode(bytes, { stream: !final });
    let whole = bytes;
    if (this.carry) {
      whole = concat([this.carry, bytes], this.carry.length + bytes.length);
      this.carry = undefined;
    }
    const usable = final ? whole.length : completeUtf8Length(whole);
    if (usable < whole.length) this.carry = whole.slice(usable);
    const part = usable === whole.length ? whole : whole.subarray(0, usable);
    let text: string;
    try {
      text = strictUtf8.decode(part);
    } catch {
      text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(part);
      this.noteInvalid(text);
    }
    this.linesBefore += countNewlines(text);
    return text;
  }

  /**
   * Report the lines of a chunk where bytes were not UTF-8 (each became U+FFFD). Only chunks the strict decoder
   * refused get here, so a U+FFFD the file itself holds is reported only beside a real bad sequence.
   */
  private noteInvalid(text: string): void {
    let line = this.linesBefore;
    let lineStart = 0;
    for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
      for (let newline = text.indexOf('\n', lineStart); newline >= 0 && newline < at; newline = text.indexOf('\n', lineStart)) {
        line++;
        lineStart = newline + 1;
      }
      this.invalidSequences++;
      if (this.warnings.length < MAX_DECODE_WARNINGS) {
        const last = this.warnings[this.warnings.length - 1];
        if (last?.line !== line) {
          this.warnings.push({ line, message: 'bytes that are not UTF-8 were replaced by \uFFFD (is part of the file in another encoding?)' });
        }
      }
    }
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.length === length) return parts[0]!;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
