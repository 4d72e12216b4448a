import type { DayNumber } from './days.js';

/** Marks a missing code or count in typed columns (floats use NaN). */
export const MISSING_CODE = -1;

/** Marks a missing date in day-number columns; -1 would be 1969-12-31, a real day. */
export const MISSING_DAY = -2147483648;

/**
 * The accepted clients of one ingest, held column-wise: memory is a few typed arrays per client,
 * and a client's row is its index everywhere downstream (features, scores).
 */
export interface ClientTable {
  readonly size: number;
  readonly ids: readonly string[];
  readonly indexById: ReadonlyMap<string, number>;
  readonly birthDay: Int32Array;
  readonly aum: Float64Array;
  /** Code into MARITAL_STATUSES, or MISSING_CODE. */
  readonly marital: Int8Array;
  /** Count, or MISSING_CODE. */
  readonly dependants: Int16Array;
  /** The declared risk as written after mapping (e.g. 'balanced' or 'C3'), or undefined. */
  readonly declaredRisk: readonly (string | undefined)[];
  /** Day number, or MISSING_DAY when the assessment date is absent. */
  readonly riskAssessedOn: Int32Array;
  readonly advisorId: readonly (string | undefined)[];
  /** Day number, or MISSING_DAY. */
  readonly openedOn: Int32Array;
}

/**
 * One accepted transaction, as handed to a sink. Ingest reuses one object for every row, so a
 * sink reads the fields it needs and must not keep a reference.
 */
export interface TransactionRecord {
  /** Index into the ClientTable. */
  clientIndex: number;
  day: DayNumber;
  /** Positive amount in CNY. */
  amount: number;
  /** Code into DIRECTIONS: 0 credit, 1 debit. */
  direction: number;
  /** Code into TXN_TYPES. */
  type: number;
  /** Code into ASSET_CLASSES, or MISSING_CODE. */
  assetClass: number;
  /** 1–5 for R1–R5, or 0 when absent. */
  productRisk: number;
  /** False when the source currency was not CNY (global-allocation signal). */
  isCny: boolean;
}

/** Receives accepted transactions in file order. */
export type TransactionSink = (txn: Readonly<TransactionRecord>) => void;

/** How every input row was accounted for: read = accepted + rejected + skipped. */
export interface RowCounts {
  read: number;
  accepted: number;
  rejected: number;
  /** Rejected rows per reason code. */
  byReason: Record<string, number>;
  /** Rows left out by the mapping's skip rules (never counted by the reject gate). */
  skipped: number;
  /** Skipped rows per skip rule reason. */
  bySkip: Record<string, number>;
}

/** Where the accepted transactions fall against the feature window and the label horizon. */
export interface PeriodCounts {
  /** Dated on or before the window's start: read, but used by no feature. */
  beforeWindow: number;
  /** In the feature window (start < day <= as-of). */
  inWindow: number;
  /** After as-of, within the horizon: used for needs labels only. */
  inHorizon: number;
  /** Latest accepted day, or null when nothing was accepted. */
  lastDay: DayNumber | null;
}

/** A source code value that no code map or rule knows, and in how many rows it was met. */
export interface UnmappedCode {
  /** The contract field it was read for (e.g. type). */
  readonly field: string;
  /** The source column that held it. */
  readonly column: string;
  readonly value: string;
  readonly rows: number;
}

/** The transactions file's accounting: rows, where accepted ones fall, and unmapped code values. */
export interface TransactionCounts extends RowCounts {
  periods: PeriodCounts;
  /** Most rows first. */
  unmapped: UnmappedCode[];
}

/** How every input file of one ingest was accounted for (the log, summaries and reports show it). */
export interface IngestCounts {
  readonly clients: RowCounts;
  /** Present when an accounts file linked accounts to clients. */
  readonly accounts?: RowCounts;
  /** Periods and unmapped codes are absent in reports written before they were counted. */
  readonly transactions: RowCounts & Partial<Pick<TransactionCounts, 'periods' | 'unmapped'>>;
}
