// Hands an imported campaign to the background worker for classification. Chrome refuses runtime messages over
// 64 MiB of JSON and a 100 MB export's campaign is ~80 MB (measured on a 333 k-record SendGrid NDJSON), so a big
// campaign's events go first in `import-chunk` messages buffered by the worker, and `classify-import` names them.
import { IMPORT_CHUNK_MAX_EVENTS } from '../shared/messages';
import type { ResponseOf } from '../shared/messages';
import type { Campaign } from '../shared/types';
import { request, WorkerRefusal } from '../ui/request';

export interface SendImportOptions {
  chunkEvents?: number;
  /** Events handed over so far, of the total. */
  onProgress?: (sent: number, total: number) => void;
  newImportId?: () => string;
}

export async function classifyImportedCampaign(
  campaign: Campaign,
  fileName: string,
  format: string,
  { chunkEvents = IMPORT_CHUNK_MAX_EVENTS, onProgress = () => undefined, newImportId = () => crypto.randomUUID() }: SendImportOptions = {},
): Promise<ResponseOf<'classify-import'>> {
  const { events } = campaign;
  if (events.length <= chunkEvents) {
    const answer = await request('classify-import', { campaign, fileName, format });
    onProgress(events.length, events.length);
    return answer;
  }
  const importId = newImportId();
  // Every chunk but the last goes ahead; the last travels with the campaign itself.
  const lastStart = Math.floor((events.length - 1) / chunkEvents) * chunkEvents;
  for (let start = 0; start < lastStart; start += chunkEvents) {
    const chunk = events.slice(start, start + chunkEvents);
    let buffered: number;
    try {
      // One attempt: a worker that restarted mid-import lost the buffer, and a retry would hide that.
      ({ buffered } = await request('import-chunk', { importId, events: chunk }, { attempts: 1 }));
    } catch (error) {
      // A worker without chunked imports (refuses the first chunk): one message, fine below Chrome's 64 MiB.
      if (start === 0 && error instanceof WorkerRefusal) return classifyImportedCampaign(campaign, fileName, format, { chunkEvents: Infinity, onProgress });
      throw error;
    }
    if (buffered !== start + chunk.length) {
      throw new WorkerRefusal(
        `the background worker holds ${buffered} of the ${start + chunk.length} events sent (it restarted during the import); import the file again`,
      );
    }
    onProgress(start + chunk.length, events.length);
  }
  const answer = await request('classify-import', {
    campaign: { ...campaign, events: events.slice(lastStart) },
    fileName,
    format,
    importId,
  });
  onProgress(events.length, events.length);
  return answer;
}
