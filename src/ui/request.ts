// Requests from the popup/options pages to the background worker, retried while the worker restarts. An MV3
// service worker is stopped after ~30 s idle and restarted by the next message; during the restart the
// runtime rejects ("Receiving end does not exist") or nobody answers. Those are worth retrying with backoff;
// a refusal from the worker (`{ok:false}`: invalid payload, failed handler) is an answer and is not retried.
import { MessageError, sendMessage } from '../shared/send-message';
import type { MessageType, RequestOf, ResponseOf } from '../shared/messages';

export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts?: number;
  /** Delay before the 2nd attempt; doubles each time. */
  baseDelayMs?: number;
  /** Called before each retry with the attempt number about to run (2, 3, …) and the error that caused it. */
  onRetry?: (attempt: number, error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The worker refused the request: an answer, not a transport failure. */
export class WorkerRefusal extends Error {}

const NO_ANSWER = 'did not answer';

/** True when an error means "the worker was not there", i.e. worth retrying. */
export function isTransportFailure(error: unknown): boolean {
  if (error instanceof WorkerRefusal) return false;
  if (error instanceof MessageError) return error.message.includes(NO_ANSWER);
  return true;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `sendMessage` with retries on transport failures; a refusal is rethrown at once as WorkerRefusal. */
export async function request<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
  options: RetryOptions = {},
): Promise<ResponseOf<T>> {
  const attempts = options.attempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const sleep = options.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) {
      options.onRetry?.(attempt, lastError);
      await sleep(baseDelayMs * 2 ** (attempt - 2));
    }
    try {
      return await sendMessage(type, payload);
    } catch (error) {
      if (!isTransportFailure(error)) throw error instanceof WorkerRefusal ? error : new WorkerRefusal(errorText(error));
      lastError = error;
    }
  }
  throw lastError;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
