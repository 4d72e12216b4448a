import { ASSET_CLASSES, DIRECTIONS, MAX_AMOUNT_CNY, PRODUCT_RISKS, TXN_TYPES } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { formatDay } from '../core/days.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../core/fx.js';
import { MISSING_CODE, type ClientTable, type TransactionRecord } from '../core/records.js';
import { ByteCodeTable, type ByteKeyedCodes } from './byte-code-table.js';
import type { CodeRules } from './code-rules-schema.js';
import { ConditionTable } from './condition-table.js';
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
import { RowValueIds } from './row-value-ids.js';
import { UnmappedCodes } from './unmapped-codes.js';

type CodeFieldName = 'direction' | 'type' | 'asset_class' | 'product_risk' | 'currency';

/** Rules compiled for one coded field: the condition table and each case's code. */
interface CompiledRules {
  readonly when: ConditionTable;
  readonly then: Int32Array;
  /** Code when no case holds; -1: reject. */
  readonly otherwise: number;
  /** Unmapped-value handles, one per condition column. */
  readonly handles: readonly number[];
}

/** Everything needed to decide one coded field of a row. */
interface CodedField {
  readonly name: CodeFieldName;
  readonly src: FieldSource | undefined;
  readonly table: ByteCodeTable;
  /** Unmapped-value handles, one per source column. */
  readonly handles: readonly number[];
  readonly rules: CompiledRules | undefined;
}

/** Rule columns with at most this many value combinations get one precomputed answer per combination and table. */
const MAX_JOINT_RULE_IDS = 1 << 14;
const RECENT_SLOTS = 16;
const RECENT_BYTES = 64;

/** What a row's check came to besides a reject reason: left out by a skip rule. */
export const SKIPPED = 'skipped';

/** Ids a ByteCodeTable seeds as bytes, up to 1,024 characters (see its constructor and seed()). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface TransactionValidatorOptions {
  /** Account id → client index (readAccounts' clientOf): rows carry account_id and are attributed through it (orphan_account). */
  readonly accounts?: ByteKeyedCodes;
  /** Unmapped code values reject the row (unknown_code) instead of falling through to a later column or `otherwise`. */
  readonly strictCodes?: boolean;
  /**
   * Client id → client index as another validator's `clientKeys()`, adopted as they are (a
   * worker's copy from its message) instead of built from `clients.indexById`.
   */
  readonly clientKeys?: ByteKeyedCodes;
}

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
  // A small direct-mapped cache of recent keys (see clientIndex): RECENT_SLOTS ids of up to
  // RECENT_BYTES bytes, their lengths (-1: empty) and client indexes.
  private readonly recentBytes = new Uint8Array(RECENT_SLOTS * RECENT_BYTES);
  private readonly recentLength = new Int32Array(RECENT_SLOTS).fill(-1);
  private readonly recentClient = new Int32Array(RECENT_SLOTS);
  private readonly at = new FieldCursor();
  private readonly src: Record<'txn_id' | 'client_id' | 'date' | 'amount', FieldSource | undefined>;
  private readonly coded: Record<CodeFieldName, CodedField>;
  /** Unmapped code values met so far, per field, column and value. */
  readonly unmapped: UnmappedCodes;
  /** Skip rules' reasons, in mapping order; after a SKIPPED result, `skipIndex` says which. */
  readonly skipReasons: readonly string[];
  skipIndex = -1;
  private readonly skip: ConditionTable | undefined;
  /** The rule columns' value ids of the current row, shared by the skip and code rule tables. */
  private readonly rowIds: RowValueIds | undefined;
  private readonly strict: boolean;
  private readonly orphanReason: RejectReason;
  private readonly parseDay: DayParser;
  private readonly dateFormat: string;
  private readonly lastDay: DayNumber;
  private readonly rates: number[];
  private readonly cnyIndex: number;
  private readonly defaultCurrency: number;
  private readonly defaultCurrencyName: string;
  /** client_id bytes → client index, so the hot path makes no string per row. */
  private readonly clientIds: ByteCodeTable;
  /** What the table was made from: the key arrays it adopted or copied, or the ids by text. */
  private readonly clientKeysSource: ByteKeyedCodes | ReadonlyMap<string, number>;

  constructor(
    private readonly info: InputInfo, plan: ColumnPlan, mapping: TransactionsMapping | undefined,
    clients: Pick<ClientTable, 'indexById'>, asOf: DayNumber, horizonDays: number, options: TransactionValidatorOptions = {},
  ) {
    const byAccount = options.accounts !== undefined;
    this.src = { txn_id: plan.txn_id, client_id: byAccount ? plan.account_id : plan.client_id, date: plan.date, amount: plan.amount };
    this.orphanReason = byAccount ? 'orphan_account' : 'orphan_client';
    this.strict = options.strictCodes === true;
    this.unmapped = new UnmappedCodes(info.decode);
    const skipRules = mapping?.skip ?? [];
    this.skipReasons = skipRules.map((r) => r.reason);
    const ruleSets = (mapping?.rules ?? {}) as Partial<Record<CodeFieldName, CodeRules>>;
    const conditions = [...skipRules.map((r) => r.when), ...Object.values(ruleSets).flatMap((r) => (r ? r.cases.map((c) => c.when) : []))];
    this.rowIds = conditions.length > 0 ? new RowValueIds(conditions, info.header, info.decode, MAX_JOINT_RULE_IDS) : undefined;
    this.skip = skipRules.length > 0 ? new ConditionTable(skipRules.map((r) => r.when), info.header, 'skip', this.rowIds!) : undefined;
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
    // Non-ASCII ids fall back to decoding + clients.indexById inside the table. With accounts the
    // row's key is its account, which the table resolves straight to the account's client.
    const keys = options.accounts ?? options.clientKeys;
    this.clientIds = keys !== undefined
      ? new ByteCodeTable(keys.text, info.decode, keys.bytes, 0, options.clientKeys !== undefined)
      : new ByteCodeTable(clients.indexById, info.decode);
    this.clientKeysSource = keys ?? clients.indexById;
    this.rates = currencies.map((c) => fx[c]!);
    this.cnyIndex = currencies.indexOf('CNY');
    this.defaultCurrencyName = mapping?.currency ?? 'CNY';
    this.defaultCurrency = currencies.indexOf(this.defaultCurrencyName);
    const field = (name: CodeFieldName, vocabulary: readonly string[], offset = 0): CodedField => {
      const src = plan[name];
      const codeOf = (v: string): number => (vocabulary.indexOf(v) < 0 ? -1 : vocabulary.indexOf(v) + offset);
      const r = ruleSets[name];
      const when = r && new ConditionTable(r.cases.map((c) => c.when), info.header, `rules.${name}`, this.rowIds!);
      return {
        name, src, table: table(name, vocabulary, offset),
        handles: (src?.columns ?? []).map((col) => this.unmapped.column(name, info.header[col]!)),
        rules: r && when && {
          when, then: Int32Array.from(r.cases, (c) => codeOf(c.then)), otherwise: r.otherwise === 'reject' ? -1 : codeOf(r.otherwise),
          handles: when.columnNames.map((column) => this.unmapped.column(name, column)),
        },
      };
    };
    this.coded = {
      direction: field('direction', DIRECTIONS),
      type: field('type', TXN_TYPES),
      asset_class: field('asset_class', ASSET_CLASSES),
      product_risk: field('product_risk', PRODUCT_RISKS, 1),
      currency: field('currency', currencies),
    };
  }

  /**
   * The client-id table as arrays, for a worker's validator to adopt (`clientKeys` option): a
   * worker given the million id strings instead built a Map and a table of its own from them,
   * about 100 MiB a worker at a million clients.
   */
  clientKeys(): ByteKeyedCodes {
    const source = this.clientKeysSource;
    if (!(source instanceof Map)) return source as ByteKeyedCodes;
    // The table holds printable-ASCII spellings as bytes; the rest it finds by decoding, in text.
    const text = new Map<string, number>();
    for (const [id, index] of source as ReadonlyMap<string, number>) if (id.length > 1024 || !PRINTABLE_ASCII.test(id)) text.set(id, index);
    return { bytes: this.clientIds.state(), text };
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
  check(rec: RawRecord, out: TransactionRecord): RejectReason | typeof SKIPPED | undefined {
    const reason = this.checkFields(rec, out);
    if (reason !== undefined) return reason;
    if (!this.seenIds.add(this.idBuf, this.idStart, this.idEnd)) return this.reject('duplicate_id', this.duplicateDetail(rec));
    return undefined;
  }

  /**
   * Every check but the duplicate txn_id, which depends on the rows before this one: what a
   * worker thread can decide for a row on its own. Fills `out` when the row passes; SKIPPED when
   * a skip rule leaves the row out (`skipIndex` says which).
   */
  checkFields(rec: RawRecord, out: TransactionRecord): RejectReason | typeof SKIPPED | undefined {
    const { at, src, info, coded } = this;
    if (rec.malformed || rec.count !== info.header.length) {
      return this.reject('malformed_row', rec.malformed ? rec.malformedWhy || 'unclosed quote or text after a closing quote' : `expected ${info.header.length} fields, found ${rec.count}`);
    }
    this.rowIds?.nextRow();
    if (this.skip) {
      this.skipIndex = this.skip.match(rec);
      if (this.skipIndex >= 0) return SKIPPED;
    }
    // Each field is found once and its bytes kept; the cursor goes back to a field only to quote
    // it in a rejection, so the checks still report in the documented order.
    if (!at.source(rec, src.txn_id)) return this.reject('missing_value', 'txn_id is empty');
    this.idBuf = at.buf;
    this.idStart = at.start;
    this.idEnd = at.end;
    if (!at.source(rec, src.client_id)) return this.reject('missing_value', this.orphanReason === 'orphan_account' ? 'account_id is empty' : 'client_id is empty');
    const clientBuf = at.buf;
    const clientStart = at.start;
    const clientEnd = at.end;
    if (!at.source(rec, src.amount)) return this.reject('missing_value', 'amount is empty');
    let amount = parseNumberBytes(at.buf, at.start, at.end, info.numberFormat);
    // Rules are decided at the call site, so `code` stays small for the fields that have none
    // (with the rules inlined into it, the bank-export row cost 10% more than the contract row).
    const direction = coded.direction.rules ? this.ruleCode(rec, coded.direction.rules, true) : this.code(rec, coded.direction, true);
    if (direction === -2) return this.reject('missing_value', 'direction is empty');
    const type = coded.type.rules ? this.ruleCode(rec, coded.type.rules, true) : this.code(rec, coded.type, true);
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
    if (direction < 0) return this.unknownCode(rec, coded.direction, `is not one of ${DIRECTIONS.join(', ')}`);
    if (type < 0) return this.unknownCode(rec, coded.type, 'is not a contract transaction type');
    const assetClass = this.code(rec, coded.asset_class, true);
    if (assetClass === -1) return this.unknownCode(rec, coded.asset_class, 'is not a contract asset class');
    const productRisk = this.code(rec, coded.product_risk, true);
    if (productRisk === -1) return this.unknownCode(rec, coded.product_risk, 'is not R1-R5');
    let currency = this.code(rec, coded.currency, true);
    if (currency === -2) currency = this.defaultCurrency;
    if (currency < 0) {
      if (coded.currency.rules) return this.unknownCode(rec, coded.currency, 'has no rate to CNY');
      const name = at.source(rec, coded.currency.src) ? this.text() : this.defaultCurrencyName;
      return this.reject('unknown_currency', `currency "${name}" has no rate to CNY: add it to the mapping's fxRates`);
    }
    if (currency !== this.cnyIndex) {
      amount *= this.rates[currency]!;
      if (amount > MAX_AMOUNT_CNY) return this.reject('bad_amount', `amount is ${amount} CNY after conversion, above the accepted 1e15`);
    }
    if (day > this.lastDay) return this.reject('after_horizon', `date ${formatDay(day)} is after as-of + horizon (${formatDay(this.lastDay)})`);
    const client = this.clientIndex(clientBuf, clientStart, clientEnd);
    if (client < 0) {
      return this.reject(this.orphanReason, this.orphanReason === 'orphan_account'
        ? 'account_id is not in the accounts file, or none of its holders is an accepted client'
        : 'client_id is not among the accepted clients');
    }
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
   * Exports often list a client's transactions together, and an account-keyed one interleaves a
   * client's few accounts (C1-0, C1-1, …), so recent keys are checked before the table: a byte
   * compare instead of a hash probe. The slot comes from the key's last two bytes and length, so a
   * client's accounts (which differ at the end) sit in different slots; with one slot (the previous
   * key only), alternating accounts cost 30% more CPU per row.
   */
  private clientIndex(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const slot = len > 1 ? ((buf[end - 1]! + 7 * buf[end - 2]! + 31 * len) & (RECENT_SLOTS - 1)) : 0;
    const at = slot * RECENT_BYTES;
    const recent = this.recentBytes;
    if (len === this.recentLength[slot]) {
      let k = 0;
      while (k < len && recent[at + k] === buf[start + k]) k++;
      if (k === len) return this.recentClient[slot]!;
    }
    const client = this.clientIds.lookup(buf, start, end);
    if (client >= 0 && len <= RECENT_BYTES) {
      recent.set(buf.subarray(start, end), at);
      this.recentLength[slot] = len;
      this.recentClient[slot] = client;
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
   * Code of the field: from its rules, or from the first listed column whose value is known; -1
   * when values are present but none is known (the cursor is left on the first of them) or, with
   * strictCodes, when an unknown value came before the known one; -2 when the field is absent or
   * empty. With `count`, each unknown value met is counted in `unmapped`.
   */
  private code(rec: RawRecord, f: CodedField, count: boolean): number {
    if (f.rules) return this.ruleCode(rec, f.rules, count);
    const src = f.src;
    if (!src) return -2;
    const at = this.at;
    if (src.constant) return src.constant.length === 0 ? -2 : f.table.lookup(src.constant, 0, src.constant.length);
    const cols = src.columns;
    // The usual one-column source: the cursor already rests on the unknown value for the detail.
    if (cols.length === 1) {
      if (!at.column(rec, cols[0]!)) return -2;
      const code = f.table.lookup(at.buf, at.start, at.end);
      if (code < 0 && count) this.unmapped.count(f.handles[0]!, at.buf, at.start, at.end);
      return code;
    }
    let firstUnknown = -1;
    for (let k = 0; k < cols.length; k++) {
      if (!at.column(rec, cols[k]!)) continue;
      const code = f.table.lookup(at.buf, at.start, at.end);
      if (code >= 0 && (firstUnknown < 0 || !this.strict)) return code;
      if (code >= 0) break;
      if (count) this.unmapped.count(f.handles[k]!, at.buf, at.start, at.end);
      if (firstUnknown < 0) firstUnknown = cols[k]!;
    }
    if (firstUnknown < 0) return -2;
    at.column(rec, firstUnknown);
    return -1;
  }

  /** The first case that holds, else `otherwise`; values no case names are counted, and reject under strictCodes. */
  private ruleCode(rec: RawRecord, rules: CompiledRules, count: boolean): number {
    const { when } = rules;
    const r = when.match(rec);
    if (r >= 0) return rules.then[r]!;
    let other = false;
    for (let k = 0; k < when.columns.length; k++) {
      if (!when.otherValue(k)) continue;
      other = true;
      if (count) {
        this.at.column(rec, when.columns[k]!);
        this.unmapped.count(rules.handles[k]!, this.at.buf, this.at.start, this.at.end);
      }
    }
    return other && this.strict ? -1 : rules.otherwise;
  }

  /** An unknown_code reject with the values that decided it. */
  private unknownCode(rec: RawRecord, f: CodedField, why: string): RejectReason {
    if (!f.rules) {
      this.code(rec, f, false);
      return this.reject('unknown_code', `${f.name} "${this.text()}" ${why}`);
    }
    const { when } = f.rules;
    const values = when.columns.map((col, k) => {
      this.at.column(rec, col);
      return `${when.columnNames[k]} "${this.text()}"${when.otherValue(k) ? ' (unmapped)' : ''}`;
    });
    const r = when.match(rec);
    const rule = r >= 0 ? `case ${r + 1} gives a value that` : this.strict ? 'no case holds and a value is unmapped (strict codes); the value' : 'no case holds and otherwise is "reject"; the value';
    return this.reject('unknown_code', `rules.${f.name}: ${rule} ${why} (${values.join(', ')})`);
  }
}
