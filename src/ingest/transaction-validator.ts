import { ASSET_CLASSES, DIRECTIONS, MAX_AMOUNT_CNY, PRODUCT_RISKS, TXN_TYPES } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { formatDay } from '../core/days.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../core/fx.js';
import { MISSING_CODE, type ClientTable, type TransactionRecord } from '../core/records.js';
import { ByteCodeTable } from './byte-code-table.js';
import { FieldCursor } from './field-cursor.js';
import { HashIdSet, hashId } from './hash-id-set.js';
import { idBytesProblem } from './id-bytes-problem.js';
import type { DateSpec, TransactionsMapping } from './mapping-schema.js';
import { dayParser, type DayParser } from './parse-date.js';
import { parseNumberBytes } from './parse-number.js';
import type { ColumnPlan, FieldSource } from './plan-columns.js';
import type { RawRecord } from './raw-record.js';
import type { RejectReason } from './reject-reason.js';
import type { InputInfo } from './scan-input.js';

/**
 * The hot-path twin of TransactionSchema: the same rules, checked on bytes. Making strings of
 * every field and running the zod schema per row cost 3.4 s of CPU per million rows here (on a
 * loaded 2-core machine, before client lookup and duplicate checks), against a budget of 0.5 s
 * per million for parse + validate; this validator makes no string per row
 * (even client_id is looked up from its bytes; decoding it to a string for a Map lookup cost
 * 22% of the run time in a profile).
 * test/ingest/transaction-validator.test.ts checks the two agree.
 *
 * @example
 * const v = new TransactionValidator(info, plan, mapping.transactions, clients, asOf, 365);
 * const reason = v.check(row, txn); // undefined: txn holds the accepted row
 */
export class TransactionValidator {
  /** Explanation of the last rejection, for the rejects file. */
  detail = '';
  private ids: HashIdSet | undefined;
  // The txn_id bytes of the row being checked.
  private idBuf: Uint8Array = new Uint8Array(0);
  private idStart = 0;
  private idEnd = 0;
  private readonly lastClientBytes = new Uint8Array(256);
  private lastClientLength = -1;
  private lastClient = -1;
  private readonly at = new FieldCursor();
  private readonly src: Record<'txn_id' | 'client_id' | 'date' | 'amount' | 'direction' | 'type' | 'asset_class' | 'product_risk' | 'currency', FieldSource | undefined>;
  private readonly parseDay: DayParser;
  private readonly dateFormat: string;
  private readonly lastDay: DayNumber;
  private readonly tables: Record<'direction' | 'type' | 'asset_class' | 'product_risk' | 'currency', ByteCodeTable>;
  private readonly rates: number[];
  private readonly cnyIndex: number;
  private readonly defaultCurrency: number;
  private readonly defaultCurrencyName: string;
  /** client_id bytes → client index, so the hot path makes no string per row. */
  private readonly clientIds: ByteCodeTable;

  constructor(
    private readonly info: InputInfo, plan: ColumnPlan, mapping: TransactionsMapping | undefined,
    clients: Pick<ClientTable, 'indexById'>, asOf: DayNumber, horizonDays: number,
  ) {
    this.src = {
      txn_id: plan.txn_id, client_id: plan.client_id, date: plan.date, amount: plan.amount, direction: plan.direction,
      type: plan.type, asset_class: plan.asset_class, product_risk: plan.product_risk, currency: plan.currency,
    };
    const spec: DateSpec | undefined = mapping?.dates?.date;
    const dateCol = plan.date?.columns[0];
    const temporal = dateCol !== undefined && info.temporal[dateCol] === true;
    this.dateFormat = temporal || !spec ? 'YYYY-MM-DD' : typeof spec === 'string' ? spec : spec.format;
    const asOfYear = new Date(asOf * 86_400_000).getUTCFullYear();
    // Transactions may lie after as-of (the label horizon), so two-digit years centre on as-of.
    const pivot = typeof spec === 'object' && spec.pivotYear !== undefined ? spec.pivotYear : asOfYear + 50;
    this.parseDay = dayParser(this.dateFormat as Parameters<typeof dayParser>[0], pivot);
    this.lastDay = asOf + horizonDays;
    const codes = (mapping?.codes ?? {}) as Record<string, Record<string, string> | undefined>;
    const table = (field: string, vocabulary: readonly string[], offset = 0): ByteCodeTable => {
      const entries = new Map<string, number>(vocabulary.map((v, i) => [v, i + offset]));
      for (const [from, to] of Object.entries(codes[field] ?? {})) entries.set(from, vocabulary.indexOf(to) < 0 ? -1 : vocabulary.indexOf(to) + offset);
      return new ByteCodeTable(entries, info.decode);
    };
    const fx = { ...DEFAULT_FX_RATES_TO_CNY, ...(mapping?.fxRates ?? {}) };
    const currencies = Object.keys(fx);
    // Non-ASCII ids fall back to decoding + clients.indexById inside the table.
    this.clientIds = new ByteCodeTable(clients.indexById, info.decode);
    this.rates = currencies.map((c) => fx[c]!);
    this.cnyIndex = currencies.indexOf('CNY');
    this.defaultCurrencyName = mapping?.currency ?? 'CNY';
    this.defaultCurrency = currencies.indexOf(this.defaultCurrencyName);
    this.tables = {
      direction: table('direction', DIRECTIONS),
      type: table('type', TXN_TYPES),
      asset_class: table('asset_class', ASSET_CLASSES),
      product_risk: table('product_risk', PRODUCT_RISKS, 1),
      currency: table('currency', currencies),
    };
  }

  /**
   * Duplicate detection over every accepted txn_id. Made on first use: worker threads that only
   * run `checkFields` never pay for it (it is sized for the whole file).
   */
  get seenIds(): HashIdSet {
    // Sized for ~1 row per 48 bytes so a large file does not rehash ten times on the way.
    this.ids ??= new HashIdSet(Math.min(this.info.sizeBytes / 48, 1 << 26));
    return this.ids;
  }

  /** Fills `out` from the row, or returns why the row is rejected (and sets `detail`). */
  check(rec: RawRecord, out: TransactionRecord): RejectReason | undefined {
    const reason = this.checkFields(rec, out);
    if (reason !== undefined) return reason;
    if (!this.seenIds.add(this.idBuf, this.idStart, this.idEnd)) return this.reject('duplicate_id', this.duplicateDetail(rec));
    return undefined;
  }

  /**
   * Every check but the duplicate txn_id, which depends on the rows before this one: what a
   * worker thread can decide for a row on its own. Fills `out` when the row passes.
   */
  checkFields(rec: RawRecord, out: TransactionRecord): RejectReason | undefined {
    const { at, src, info, tables } = this;
    if (rec.malformed || rec.count !== info.header.length) {
      return this.reject('malformed_row', rec.malformed ? rec.malformedWhy || 'unclosed quote or text after a closing quote' : `expected ${info.header.length} fields, found ${rec.count}`);
    }
    // Each field is found once and its bytes kept; the cursor goes back to a field only to quote
    // it in a rejection, so the checks still report in the documented order.
    if (!at.source(rec, src.txn_id)) return this.reject('missing_value', 'txn_id is empty');
    this.idBuf = at.buf;
    this.idStart = at.start;
    this.idEnd = at.end;
    if (!at.source(rec, src.client_id)) return this.reject('missing_value', 'client_id is empty');
    const clientBuf = at.buf;
    const clientStart = at.start;
    const clientEnd = at.end;
    if (!at.source(rec, src.amount)) return this.reject('missing_value', 'amount is empty');
    let amount = parseNumberBytes(at.buf, at.start, at.end, info.numberFormat);
    const direction = this.code(rec, src.direction, tables.direction);
    if (direction === -2) return this.reject('missing_value', 'direction is empty');
    const type = this.code(rec, src.type, tables.type);
    if (type === -2) return this.reject('missing_value', 'type is empty');
    if (!at.source(rec, src.date)) return this.reject('missing_value', 'date is empty');
    const idProblem = idBytesProblem(this.idBuf, this.idStart, this.idEnd, info.encoding);
    if (idProblem !== undefined) return this.reject('bad_encoding', `txn_id holds ${idProblem}`);
    const clientProblem = idBytesProblem(clientBuf, clientStart, clientEnd, info.encoding);
    if (clientProblem !== undefined) return this.reject('bad_encoding', `client_id holds ${clientProblem}`);
    const day = this.parseDay(at.buf, at.start, at.end);
    if (day !== day) return this.reject('bad_date', `date "${this.text()}" is not a ${this.dateFormat} date`);
    if (amount !== amount) {
      at.source(rec, src.amount);
      return this.reject('bad_amount', `amount "${this.text()}" is not a number`);
    }
    if (amount > MAX_AMOUNT_CNY || amount < -MAX_AMOUNT_CNY) {
      at.source(rec, src.amount);
      return this.reject('bad_amount', `amount "${this.text()}" is outside the accepted range (at most 1e15 in absolute value)`);
    }
    if (amount <= 0) return this.reject('non_positive_amount', `amount ${amount} is not > 0`);
    if (direction < 0) {
      this.code(rec, src.direction, tables.direction);
      return this.reject('unknown_code', `direction "${this.text()}" is not one of ${DIRECTIONS.join(', ')}`);
    }
    if (type < 0) {
      this.code(rec, src.type, tables.type);
      return this.reject('unknown_code', `type "${this.text()}" is not a contract transaction type`);
    }
    const assetClass = this.code(rec, src.asset_class, tables.asset_class);
    if (assetClass === -1) return this.reject('unknown_code', `asset_class "${this.text()}" is not a contract asset class`);
    const productRisk = this.code(rec, src.product_risk, tables.product_risk);
    if (productRisk === -1) return this.reject('unknown_code', `product_risk "${this.text()}" is not R1-R5`);
    let currency = this.code(rec, src.currency, tables.currency);
    if (currency === -2) currency = this.defaultCurrency;
    if (currency < 0) {
      const name = at.source(rec, src.currency) ? this.text() : this.defaultCurrencyName;
      return this.reject('unknown_currency', `currency "${name}" has no rate to CNY: add it to the mapping's fxRates`);
    }
    if (currency !== this.cnyIndex) {
      amount *= this.rates[currency]!;
      if (amount > MAX_AMOUNT_CNY) return this.reject('bad_amount', `amount is ${amount} CNY after conversion, above the accepted 1e15`);
    }
    if (day > this.lastDay) return this.reject('after_horizon', `date ${formatDay(day)} is after as-of + horizon (${formatDay(this.lastDay)})`);
    const client = this.clientIndex(clientBuf, clientStart, clientEnd);
    if (client < 0) return this.reject('orphan_client', 'client_id is not among the accepted clients');
    out.clientIndex = client;
    out.day = day;
    out.amount = amount;
    out.direction = direction;
    out.type = type;
    out.assetClass = assetClass === -2 ? MISSING_CODE : assetClass;
    out.productRisk = productRisk === -2 ? 0 : productRisk;
    out.isCny = currency === this.cnyIndex;
    return undefined;
  }

  /** Writes the `hashId` pair of the txn_id of the row that `checkFields` just passed to `out[at]`, `out[at + 1]`. */
  hashTxnId(out: Uint32Array, at: number): void {
    hashId(this.idBuf, this.idStart, this.idEnd, out, at);
  }

  /** The rejects-file detail of a row whose txn_id an earlier accepted row already took. */
  duplicateDetail(rec: RawRecord): string {
    this.at.source(rec, this.src.txn_id);
    return `txn_id "${this.text()}" already taken by an earlier row`;
  }

  /**
   * Exports often list a client's transactions together (statements per account), so the
   * previous row's client is checked before the table: a byte compare instead of a hash probe.
   */
  private clientIndex(buf: Uint8Array, start: number, end: number): number {
    const last = this.lastClientBytes;
    const len = end - start;
    if (len === this.lastClientLength) {
      let k = 0;
      while (k < len && last[k] === buf[start + k]) k++;
      if (k === len) return this.lastClient;
    }
    const client = this.clientIds.lookup(buf, start, end);
    if (client >= 0 && len <= last.length) {
      last.set(buf.subarray(start, end));
      this.lastClientLength = len;
      this.lastClient = client;
    }
    return client;
  }

  private reject(reason: RejectReason, detail: string): RejectReason {
    this.detail = detail;
    return reason;
  }

  private text(): string {
    return this.at.text(this.info.decode);
  }

  /**
   * Code of the first listed column whose value is known; -1 when values are present but none is
   * known (the cursor is left on the first of them), -2 when the field is absent or empty.
   */
  private code(rec: RawRecord, src: FieldSource | undefined, table: ByteCodeTable): number {
    if (!src) return -2;
    const at = this.at;
    if (src.constant) return src.constant.length === 0 ? -2 : table.lookup(src.constant, 0, src.constant.length);
    const cols = src.columns;
    // The usual one-column source: the cursor already rests on the unknown value for the detail.
    if (cols.length === 1) return at.column(rec, cols[0]!) ? table.lookup(at.buf, at.start, at.end) : -2;
    let firstUnknown = -1;
    for (let k = 0; k < cols.length; k++) {
      if (!at.column(rec, cols[k]!)) continue;
      const code = table.lookup(at.buf, at.start, at.end);
      if (code >= 0) return code;
      if (firstUnknown < 0) firstUnknown = cols[k]!;
    }
    if (firstUnknown < 0) return -2;
    at.column(rec, firstUnknown);
    return -1;
  }
}
