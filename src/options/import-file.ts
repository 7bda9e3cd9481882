// Reads an export file in slices and streams it through the importers, reporting progress. Runs inside the
// import worker (src/options/import-worker.ts) so a 100 MB file never blocks the page; tests call it directly.
// The file is read from the local disk by the browser and never leaves the machine.
import { StreamingImport, type ImportOptions, type ImportResult } from '../importers';

/** Slice size: big enough that per-slice overhead is negligible, small enough for smooth progress. */
export const IMPORT_SLICE_BYTES = 4 * 1024 * 1024;

/** How much of the start of a file decides its text encoding. */
const SNIFF_BYTES = 64 * 1024;

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Anything with a size and slices that read as bytes: a File, a Blob. */
export interface ByteSource {
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface ImportFileControls {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  sliceBytes?: number;
}

export async function importFile(
  source: ByteSource,
  options: ImportOptions,
  { onProgress = () => undefined, signal, sliceBytes = IMPORT_SLICE_BYTES }: ImportFileControls = {},
): Promise<ImportResult> {
  const importer = new StreamingImport(options);
  // Streaming decode: a multi-byte character split across two slices is joined, not replaced by U+FFFD.
  const decoder = decoderFor(await source.slice(0, Math.min(source.size, SNIFF_BYTES)).arrayBuffer());
  onProgress({ bytesRead: 0, totalBytes: source.size });
  for (let start = 0; start < source.size; start += sliceBytes) {
    if (signal?.aborted) throw new DOMException('import cancelled', 'AbortError');
    const end = Math.min(source.size, start + sliceBytes);
    const bytes = await source.slice(start, end).arrayBuffer();
    importer.push(decoder.decode(bytes, { stream: true }));
    onProgress({ bytesRead: end, totalBytes: source.size });
  }
  importer.push(decoder.decode());
  return importer.finish();
}

/**
 * UTF-8 unless the file's first 64 KiB are not valid UTF-8: then it is Excel-on-Windows text (Windows-1252), where
 * "Öffnung" would otherwise turn into replacement characters and its opens be lost (the CLI decides the same way).
 * The check decodes in stream mode, so a character cut at the sniffed part's end is not taken for an error.
 */
function decoderFor(firstSlice: ArrayBuffer): TextDecoder {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(firstSlice, { stream: true });
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/** Worker protocol: the page posts a request, the worker posts progress then one result or failure. */
export interface ImportWorkerRequest {
  file: File;
  options: ImportOptions;
}

export type ImportWorkerMessage =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'result'; result: ImportResult }
  | { kind: 'failure'; message: string };
