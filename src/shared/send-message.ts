// The sending side of shared/messages.ts for extension pages and content scripts. Kept apart from the
// protocol file so pure modules can import the types and validators without pulling in the browser API.
import browser from 'webextension-polyfill';
import { envelope, type MessageType, type Reply, type RequestOf, type ResponseOf } from './messages';

export class MessageError extends Error {}

/** Sends a typed request to the background worker and unwraps its reply; throws MessageError on refusal. */
export async function sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as Reply<T> | undefined;
  if (!reply) throw new MessageError('The background worker did not answer (it may be restarting).');
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
