import type { DayNumber } from '../core/days.js';
import type { Logger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import type { ClientTable, RowCounts, TransactionCounts } from '../core/records.js';
import type { Mapping } from './mapping-schema.js';
import type { ParallelOptions } from './parallel-options.js';

export interface IngestOptions {
  /** Clients file (.csv/.txt/.parquet, or the mapping's `format`). */
  clientsPath: string;
  /** Transactions file. */
  transactionsPath: string;
  /** How the bank's export maps onto the contract; default: the files follow the contract. */
  mapping?: Mapping;
  /** The as-of date: clients born after it are rejected (bad_date). */
  asOf: DayNumber;
  /** Transactions dated after asOf + horizonDays are rejected (after_horizon). */
  horizonDays: number;
  /** The rejects CSV, always written (header only when nothing was rejected). */
  rejectsPath: string;
  /** Share of rejected rows per input file above which the run stops; default 0.05. */
  rejectGate?: number;
  /** Default: a silent logger. */
  log?: Logger;
  /** Default: no progress reporting. */
  progress?: Progress;
  /** Accounts file (account_id, client_id, role): transactions then carry account_id; see docs/ingest.md "Accounts". */
  accountsPath?: string;
  /** Unmapped code values reject their row (unknown_code) instead of only being counted; default false. */
  strictCodes?: boolean;
  /** The last day before the feature window, to count accepted transactions before / in it; default: none counted before. */
  windowStartExclusive?: DayNumber;
  /** Worker threads for a large transactions CSV; default: see ParallelOptions (two workers from 256 MiB, about 4 million rows, up). */
  parallel?: ParallelOptions;
}

export interface IngestResult {
  readonly clients: ClientTable;
  readonly clientCounts: RowCounts;
  readonly transactionCounts: TransactionCounts;
  /** The accounts file's rows, when there was one. */
  readonly accountCounts?: RowCounts;
  /** Where the rejected rows of both files were written. */
  readonly rejectsPath: string;
}
