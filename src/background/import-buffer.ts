// Big imports arrive in pieces (`import-chunk`, see options/send-import.ts): Chrome refuses one runtime message
// over 64 MiB. The pieces wait here, in the worker's memory, until `classify-import` names them. Memory only: a
// worker that restarts mid-import loses the buffer, and the sender notices by the buffered count.
import type { EngagementEvent } from '../shared/types';

/** Same ceiling as one campaign message (shared/messages.ts MAX_EVENTS): beyond it, refuse rather than swell. */
const MAX_BUFFERED_EVENTS = 600_000;
/** An import abandoned half-way (tab closed) is dropped after this long. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

interface Buffer {
  events: EngagementEvent[];
  touchedAt: number;
}

const buffers = new Map<string, Buffer>();

function dropAbandoned(now: number): void {
  for (const [id, buffer] of buffers) if (now - buffer.touchedAt > ABANDONED_AFTER_MS) buffers.delete(id);
}

/** Appends one chunk; returns how many events this import holds now. */
export function bufferImportChunk(importId: string, events: EngagementEvent[], now = Date.now()): number {
  dropAbandoned(now);
  const buffer = buffers.get(importId) ?? { events: [], touchedAt: now };
  if (buffer.events.length + events.length > MAX_BUFFERED_EVENTS) {
    buffers.delete(importId);
    throw new Error(`an import may hold at most ${MAX_BUFFERED_EVENTS.toLocaleString('en')} events; split the file`);
  }
  for (const event of events) buffer.events.push(event);
  buffer.touchedAt = now;
  buffers.set(importId, buffer);
  return buffer.events.length;
}

/** Takes (and forgets) the buffered events of an import; throws when the worker no longer has them. */
export function takeImportBuffer(importId: string): EngagementEvent[] {
  const buffer = buffers.get(importId);
  if (!buffer) throw new Error('the background worker no longer holds this import (it restarted); import the file again');
  buffers.delete(importId);
  return buffer.events;
}
