// JSON:API documents (https://jsonapi.org/format/#document-compound-documents), as Klaviyo's events API answers:
// each element of `data` names its related resources by `{type, id}` under `relationships`, and the resources
// themselves (the metric's name, the profile's address) sit once each in the top-level `included` array. The
// resolver copies each included resource's `attributes` into the relationship that names it, so a format reads
// one self-contained record.
import { isObject } from './record-fields';
import type { JsonObject } from './types';

/** Whether a record of a `data` array links to included resources (then the records wait for `included`). */
export function linksToIncluded(recordText: string): boolean {
  return recordText.includes('"relationships"');
}

export type IncludedResources = Map<string, JsonObject>;

/** `type:id` → attributes of every resource in the document's `included` array. */
export function includedResources(body: unknown): IncludedResources {
  const resources: IncludedResources = new Map();
  const included = isObject(body) ? body.included : undefined;
  if (!Array.isArray(included)) return resources;
  for (const resource of included) {
    if (!isObject(resource) || !isObject(resource.attributes)) continue;
    resources.set(`${String(resource.type)}:${String(resource.id)}`, resource.attributes);
  }
  return resources;
}

/** The record with `relationships.<name>.data.attributes` filled from the included resources it names. */
export function resolveRelationships(record: unknown, resources: IncludedResources): unknown {
  if (resources.size === 0 || !isObject(record) || !isObject(record.relationships)) return record;
  const relationships: JsonObject = {};
  for (const [name, relationship] of Object.entries(record.relationships)) {
    const linkage = isObject(relationship) ? relationship.data : undefined;
    const attributes = isObject(linkage) ? resources.get(`${String(linkage.type)}:${String(linkage.id)}`) : undefined;
    relationships[name] =
      attributes && isObject(relationship) && isObject(linkage) ? { ...relationship, data: { ...linkage, attributes } } : relationship;
  }
  return { ...record, relationships };
}
