// Starts an import in a Web Worker and resolves with its result; `terminate` on abort stops the parse at once.
import type { ImportOptions, ImportResult } from '../importers';
import type { ImportProgress, ImportWorkerMessage, ImportWorkerRequest } from './import-file';

export type ImportRunner = (
  file: File,
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
) => Promise<ImportResult>;

export const runImportInWorker: ImportRunner = (file, options, onProgress, signal) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    signal.addEventListener('abort', () => {
      finish();
      reject(new DOMException('import cancelled', 'AbortError'));
    });
    worker.addEventListener('message', (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') onProgress(message.progress);
      else if (message.kind === 'result') {
        finish();
        resolve(message.result);
      } else {
        finish();
        reject(new Error(message.message));
      }
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(event.message || 'the import worker failed'));
    });
    const request: ImportWorkerRequest = { file, options };
    worker.postMessage(request);
  });
