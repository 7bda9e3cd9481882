// Microsoft 365 endpoints web service (https://endpoints.office.com/endpoints/worldwide?clientrequestid=<uuid>):
// a JSON array of endpoint sets `{ id, serviceArea, urls?, ips?, tcpPorts?, category, required }`.
// Documented at https://learn.microsoft.com/en-us/microsoft-365/enterprise/microsoft-365-ip-web-service.
import { canonicalCidr } from './cidr';
import { RangeSourceError } from './errors';

/** Every IP range of the endpoint sets of one service area ("Exchange" by default), deduplicated, in file order. */
export function parseMicrosoftEndpoints(json: unknown, serviceArea = 'Exchange'): string[] {
  if (!Array.isArray(json)) throw new RangeSourceError('expected a JSON array of endpoint sets');
  const cidrs = new Set<string>();
  json.forEach((set: unknown, position) => {
    const where = `endpoint set #${position + 1}`;
    if (typeof set !== 'object' || set === null) throw new RangeSourceError(`${where}: not an object`);
    const record = set as { serviceArea?: unknown; ips?: unknown; id?: unknown };
    if (typeof record.serviceArea !== 'string') throw new RangeSourceError(`${where}: no serviceArea`);
    if (record.serviceArea !== serviceArea || record.ips === undefined) return;
    if (!Array.isArray(record.ips)) throw new RangeSourceError(`${where}: "ips" is not a list`);
    for (const ip of record.ips) {
      if (typeof ip !== 'string') throw new RangeSourceError(`${where}: an entry of "ips" is not text`);
      cidrs.add(canonicalCidr(ip, `endpoint set id ${String(record.id ?? position + 1)}`));
    }
  });
  return [...cidrs];
}
