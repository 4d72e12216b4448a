import type { Store } from '../store/store.js';

export interface StoreWritePlan {
  /** Scores per store transaction. */
  readonly batch: number;
  /** Batches being stored at once. */
  readonly inFlight: number;
}

/**
 * How scores are written to each engine unless a batch size is given (npm run bench -- store, a
 * million scores). PostgreSQL: batches of 5,000, two at once on two connections, so one is
 * encoded and copied while the server stores the other (2× over one at a time); larger batches
 * gained nothing. SQLite: one writer, so one batch at a time, of 50,000: each commit writes every
 * page the batch touched to the log, and the advisor-book index spreads a batch over all its
 * pages, so batches of 5,000 wrote 35 GB for a million scores and took twice as long.
 */
export function storeWritePlan(engine: Store['engine'], batch?: number): StoreWritePlan {
  return engine === 'sqlite' ? { batch: batch ?? 50_000, inFlight: 1 } : { batch: batch ?? 5_000, inFlight: 2 };
}
