// Events grouped by a small integer id (network block, recipient) with one counting sort: two typed arrays
// instead of a map of arrays, so a 200k-event campaign with as many addresses builds no 200k little lists.

export interface IdGroups {
  /** Members of group g are members[starts[g] .. starts[g + 1]). */
  starts: Int32Array;
  /** Event indices, ascending within each group (the order they were met in). */
  members: Int32Array;
}

/** Group the events i with ids[i] >= 0 and include(i) by their id (0..count-1). */
export function groupById(ids: Int32Array, count: number, include: (i: number) => boolean): IdGroups {
  const starts = new Int32Array(count + 1);
  const kept = new Uint8Array(ids.length);
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || !include(i)) continue;
    kept[i] = 1;
    starts[id + 1]!++;
    total++;
  }
  for (let g = 0; g < count; g++) starts[g + 1]! += starts[g]!;
  const next = starts.slice(0, count);
  const members = new Int32Array(total);
  for (let i = 0; i < ids.length; i++) if (kept[i]) members[next[ids[i]!]!++] = i;
  return { starts, members };
}
