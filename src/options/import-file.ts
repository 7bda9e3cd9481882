// Reads an export file in slices and streams it through the importers, reporting progress. Runs inside the
// import worker (src/options/import-worker.ts) so a 100 MB file never blocks the page; tests call it directly.
// The file is read from the local disk by the browser and never leaves the machine.
import { StreamingImport, type ImportOptions, type ImportResult } from '../importers';

/** Slice size: big enough that per-slice overhead is negligible, small enough for smooth progress. */
export const IMPORT_SLICE_BYTES = 4 * 1024 * 1024;

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
  const decoder = new TextDecoder('utf-8');
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

/** Worker protocol: the page posts a request, the worker posts progress then one result or failure. */
export interface ImportWorkerRequest {
  file: File;
  options: ImportOptions;
}

export type ImportWorkerMessage =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'result'; result: ImportResult }
  | { kind: 'failure'; message: string };
