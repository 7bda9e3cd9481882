// Reads an export file in slices and streams it through the importers, reporting progress. Runs inside the
// import worker (src/options/import-worker.ts) so a 100 MB file never blocks the page; tests call it directly.
// The file is read from the local disk by the browser and never leaves the machine.
import { importBytes, type ImportOptions, type ImportResult } from '../importers';

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
  if (signal?.aborted) throw new DOMException('import cancelled', 'AbortError');
  onProgress({ bytesRead: 0, totalBytes: source.size });
  async function* slices(): AsyncGenerator<Uint8Array> {
    for (let start = 0; start < source.size; start += sliceBytes) {
      if (signal?.aborted) throw new DOMException('import cancelled', 'AbortError');
      yield new Uint8Array(await source.slice(start, Math.min(source.size, start + sliceBytes)).arrayBuffer());
    }
  }
  // The same decoding as the CLI (src/importers/decode.ts): UTF-8, UTF-16, Windows-1252; workbooks refused.
  return importBytes(slices(), options, { signal, onBytes: (bytesRead) => onProgress({ bytesRead, totalBytes: source.size }) });
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
