// One queue per campaign: every read-merge-write of a campaign's accumulated rows (a page's rows, a re-classify
// after a settings change) runs after the previous one on the same campaign has finished. Without it two tabs
// sending rows of one campaign at once both read the same stored rows and the second write drops the first's
// (300 + 300 rows stored as 300). The worker is the only writer of the store, so an in-memory queue suffices.
const tails = new Map<string, Promise<unknown>>();

export function inCampaignQueue<T>(campaignKey: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(campaignKey) ?? Promise.resolve();
  // A failed task must not block the next one: the queue continues either way.
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(campaignKey, tail);
  void tail.then(() => {
    if (tails.get(campaignKey) === tail) tails.delete(campaignKey);
  });
  return run;
}
