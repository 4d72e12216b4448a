import type { AppContext } from './app-context.js';

/** The advisors of a run, read once per run (a completed run never changes). */
export function runAdvisorsCache(ctx: AppContext): (runId: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (runId) => {
    let advisors = cache.get(runId);
    if (advisors === undefined) {
      if (cache.size >= 16) cache.clear();
      advisors = ctx.store.book.advisors(runId);
      advisors.catch(() => cache.delete(runId));
      cache.set(runId, advisors);
    }
    return advisors;
  };
}
