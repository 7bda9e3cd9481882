// Flat JSON records of an export we have no reader for (Klaviyo, Customer.io, an in-house warehouse dump…):
// the keys are read like CSV headers through the shared vocabulary (src/shared/columns.ts). Only used when
// no specific format recognises the records, so it scores low.
import { inferColumns, type ColumnMap } from '../../shared/columns';
import { readMappedRow } from '../mapped-row';
import type { JsonObject, JsonRecordFormat, NormalizedRecord } from '../types';

/** Column maps per key list: records of one export share their keys, so this stays tiny. */
const columnCache = new Map<string, { keys: string[]; columns: ColumnMap }>();
const MAX_CACHED_SHAPES = 256;

function columnsOf(record: JsonObject): { keys: string[]; columns: ColumnMap } {
  const keys = Object.keys(record);
  const signature = keys.join('\u0000');
  let entry = columnCache.get(signature);
  if (!entry) {
    entry = { keys, columns: inferColumns(keys) };
    if (columnCache.size >= MAX_CACHED_SHAPES) columnCache.clear();
    columnCache.set(signature, entry);
  }
  return entry;
}

function cellText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Nesting levels flattened into dotted keys (`{recipient: {email}}` → `recipient.email`). */
const FLATTEN_DEPTH = 3;

/**
 * The record's scalar fields under dotted keys, so nested shapes (`client.ip`, `recipient.email`,
 * `context.userAgent`) read like headers too. A flat record comes back as it is.
 */
function flatten(record: JsonObject): JsonObject {
  if (!Object.values(record).some((value) => typeof value === 'object' && value !== null && !Array.isArray(value))) return record;
  const flat: JsonObject = {};
  const visit = (value: JsonObject, prefix: string, depth: number): void => {
    for (const [key, child] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
        if (depth < FLATTEN_DEPTH) visit(child as JsonObject, name, depth + 1);
      } else if (!(name in flat)) {
        flat[name] = child;
      }
    }
  };
  visit(record, '', 1);
  return flat;
}

export const genericJson: JsonRecordFormat = {
  name: 'json',
  title: 'JSON records with header-like keys',
  recognize(nested: JsonObject): number {
    const record = flatten(nested);
    const { columns } = columnsOf(record);
    const strong = (field: keyof ColumnMap): boolean => (columns[field]?.confidence ?? 0) >= 0.9;
    return strong('recipient') && (strong('eventType') || strong('timestamp')) ? 0.05 : 0;
  },
  read(nested: JsonObject): NormalizedRecord | NormalizedRecord[] {
    const record = flatten(nested);
    const { keys, columns } = columnsOf(record);
    const cells = keys.map((key) => cellText(record[key]));
    return readMappedRow(cells, columns, { dayFirst: false, defaultKind: 'other' });
  },
};
