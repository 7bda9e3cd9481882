// "Is there a time within ±window of t?" on an ascending list, by binary search, so relational signals stay
// O(n log n) even when one recipient id carries a huge share of the events (a source with a placeholder id).

export function hasTimeWithin(sortedTimes: readonly number[] | undefined, time: number, windowMs: number): boolean {
  if (sortedTimes === undefined || sortedTimes.length === 0) return false;
  // First index with sortedTimes[index] >= time - windowMs.
  let lo = 0;
  let hi = sortedTimes.length;
  const from = time - windowMs;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedTimes[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedTimes.length && sortedTimes[lo]! <= time + windowMs;
}
