// Filtering and choosing audits in the history view. Pure.
import type { AuditRecord } from '../shared/messages';

/** Audits of `esp` (all when empty) whose campaign name or ESP contains `text`, newest first. */
export function filterAudits(audits: readonly AuditRecord[], text: string, esp: string): AuditRecord[] {
  const needle = text.trim().toLowerCase();
  return audits
    .filter((audit) => (esp === '' || audit.esp === esp) && (needle === '' || `${audit.campaignName} ${audit.esp}`.toLowerCase().includes(needle)))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Toggles `id` in a selection of at most two; a third pick drops the oldest pick. */
export function toggleComparePick(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((picked) => picked !== id);
  return [...selected, id].slice(-2);
}
