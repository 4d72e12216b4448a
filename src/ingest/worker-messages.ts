import type { DayNumber } from '../core/days.js';
import type { UnmappedCode } from '../core/records.js';
import type { ByteKeyedCodes } from './byte-code-table.js';
import type { TransactionsMapping } from './mapping-schema.js';
import type { NumberFormat } from './parse-number.js';
import type { Encoding } from './text-decoder.js';

/** What a transaction worker needs to check rows as the main thread would (its `workerData`). */
export interface WorkerInit {
  readonly path: string;
  readonly sizeBytes: number;
  readonly header: readonly string[];
  readonly encoding: Encoding;
  readonly delimiter: number;
  readonly quote: number;
  readonly numberFormat: NumberFormat;
  readonly mapping: TransactionsMapping | undefined;
  /** client_id → client index, the calling thread's table (`clientKeys()`); none when rows are keyed by account. */
  readonly clientKeys: ByteKeyedCodes | undefined;
  /** Account id → client index, when rows are keyed by account. */
  readonly accounts: ByteKeyedCodes | undefined;
  readonly strictCodes: boolean;
  readonly asOf: DayNumber;
  readonly horizonDays: number;
  /** Rows per TxnBatch. */
  readonly batchRows: number;
}

/**
 * Read the lines that start in [start, end): the first is the line that starts at or after
 * `start` (a range cut mid-line leaves that line to the range before), the last may run past `end`.
 */
export interface RangeTask {
  readonly kind: 'range';
  readonly range: number;
  readonly start: number;
  readonly end: number;
}

/** Rows of one range, in file order; a range sends one or more batches, the last with `done`. */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly range: number;
  /** File offset of the range's first line: row offsets count from here. */
  readonly start: number;
  readonly rows: number;
  readonly capacity: number;
  readonly buffer: ArrayBuffer;
  /** Detail and raw text of each rejected row, in row order: [detail0, raw0, detail1, raw1, …]. */
  readonly rejects: readonly string[];
  readonly done: boolean;
  /** On the last batch: lines read in the range (blank ones too), to number the next range's lines. */
  readonly lines: number;
  /**
   * On the last batch when the worker stopped before the range's end, at a line it must not read
   * the quote-free way (it holds the quote byte, or is longer than a row may be): that line's
   * offset from `start` and its line count from the range's first line. The byte scanner takes
   * over there.
   */
  readonly stop: { readonly offset: number; readonly line: number } | undefined;
  /** On the last batch: unmapped code values counted in the range (a delta). */
  readonly unmapped: readonly UnmappedCode[];
}
