// Web Worker entry for imports: parses the dropped file off the page's main thread, posting progress.
import { importFile, type ImportWorkerMessage, type ImportWorkerRequest } from './import-file';

const post = (message: ImportWorkerMessage) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', (event: MessageEvent<ImportWorkerRequest>) => {
  const { file, options } = event.data;
  importFile(file, options, { onProgress: (progress) => post({ kind: 'progress', progress }) }).then(
    (result) => post({ kind: 'result', result }),
    (error: unknown) => post({ kind: 'failure', message: error instanceof Error ? error.message : String(error) }),
  );
});
