import { ASSET_CLASSES, DIRECTIONS, TXN_TYPES, codeOf, type AssetClass, type Direction, type TxnType } from '../../src/core/contract.js';
import { parseIsoDay, type DayNumber } from '../../src/core/days.js';
import { MISSING_CODE, MISSING_DAY, type ClientTable, type TransactionRecord, type TransactionSink } from '../../src/core/records.js';

export interface ClientRow {
  id: string;
  birth: string;
  aum: number;
  dependants?: number;
  openedOn?: string;
}

/** YYYY-MM-DD to a day number, failing loudly on a typo in a fixture. */
export function day(text: string): DayNumber {
  const d = parseIsoDay(text);
  if (d === undefined) throw new Error(`bad fixture date ${text}`);
  return d;
}

/** A column-wise ClientTable from plain rows, the way ingest would build it. */
export function makeClientTable(rows: readonly ClientRow[]): ClientTable {
  const n = rows.length;
  return {
    size: n,
    ids: rows.map((r) => r.id),
    indexById: new Map(rows.map((r, i) => [r.id, i])),
    birthDay: Int32Array.from(rows, (r) => day(r.birth)),
    aum: Float64Array.from(rows, (r) => r.aum),
    marital: new Int8Array(n).fill(MISSING_CODE),
    dependants: Int16Array.from(rows, (r) => r.dependants ?? MISSING_CODE),
    declaredRisk: rows.map(() => undefined),
    riskAssessedOn: new Int32Array(n).fill(MISSING_DAY),
    advisorId: rows.map(() => undefined),
    openedOn: Int32Array.from(rows, (r) => (r.openedOn === undefined ? MISSING_DAY : day(r.openedOn))),
  };
}

export interface TxnRow {
  client: number;
  date: string;
  amount: number;
  direction: Direction;
  type: TxnType;
  asset?: AssetClass;
  risk?: number;
  foreign?: boolean;
}

/** Feeds rows through the sink the way ingest does: one record object, overwritten per row. */
export function feed(sink: TransactionSink, rows: readonly TxnRow[], record: TransactionRecord = blankRecord()): TransactionRecord {
  for (const r of rows) {
    record.clientIndex = r.client;
    record.day = day(r.date);
    record.amount = r.amount;
    record.direction = codeOf(DIRECTIONS, r.direction);
    record.type = codeOf(TXN_TYPES, r.type);
    record.assetClass = r.asset === undefined ? MISSING_CODE : codeOf(ASSET_CLASSES, r.asset);
    record.productRisk = r.risk ?? 0;
    record.isCny = r.foreign !== true;
    sink(record);
  }
  return record;
}

export function blankRecord(): TransactionRecord {
  return { clientIndex: 0, day: 0, amount: 0, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true };
}
