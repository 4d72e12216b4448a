import type { RowCounts, TransactionCounts } from '../core/records.js';
import type { RealisedCounts } from '../jobs/monitor-run.js';
import type { DriftCounts } from '../monitor/drift-counts.js';

/** What one shard reports: how its rows were accounted for, how many clients it scored, its drift and realised-accuracy counts. */
export interface ShardCounts {
  readonly clients: RowCounts;
  /** Periods and unmapped codes are absent in ledgers written before they were counted. */
  readonly transactions: RowCounts & Partial<Pick<TransactionCounts, 'periods' | 'unmapped'>>;
  readonly scored: number;
  /** Null when the model's drift reference is of an older format (no drift is measured). */
  readonly drift: DriftCounts | null;
  /** Null (or absent, in a ledger written before it was counted) when the model does not predict declared risk. */
  readonly realised?: RealisedCounts | null;
}
