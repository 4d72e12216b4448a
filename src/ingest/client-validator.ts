import { MARITAL_STATUSES, MAX_AMOUNT_CNY } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { formatDay } from '../core/days.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../core/fx.js';
import { MISSING_CODE, MISSING_DAY } from '../core/records.js';
import type { ClientTableBuilder } from './client-table-builder.js';
import { ClientSchema, clearlyValidClient, type Client } from './client-schema.js';
import { FieldCursor } from './field-cursor.js';
import { idBytesProblem } from './id-bytes-problem.js';
import { FIELD_VOCABULARIES, type ClientsMapping, type DateSpec } from './mapping-schema.js';
import { dayParser, type DayParser } from './parse-date.js';
import { parseNumberBytes } from './parse-number.js';
import type { ColumnPlan, FieldSource } from './plan-columns.js';
import type { RawRecord } from './raw-record.js';
import type { RejectReason } from './reject-reason.js';
import type { InputInfo } from './scan-input.js';

/**
 * Turns one client row into a ClientTable entry or a reject reason. Text is parsed here (dates,
 * numbers, code maps); the contract's rules are then checked by ClientSchema, whose error
 * messages are reason codes. Clients grow with the client base, not with transactions, so zod
 * per row is affordable here.
 *
 * @example
 * const v = new ClientValidator(info, plan, mapping.clients, asOf);
 * const reason = v.accept(row, builder); // undefined when added
 */
export class ClientValidator {
  /** Explanation of the last rejection, for the rejects file. */
  detail = '';
  private readonly at = new FieldCursor();
  private readonly dates: Record<string, DayParser>;
  /** Rates to CNY for the money column (aum): the defaults with the mapping's fxRates over them. */
  private readonly rates: Readonly<Record<string, number>>;
  private readonly defaultCurrency: string;

  constructor(private readonly info: InputInfo, private readonly plan: ColumnPlan, private readonly mapping: ClientsMapping | undefined, private readonly asOf: DayNumber) {
    const pivot = new Date(asOf * 86_400_000).getUTCFullYear();
    const spec = (mapping?.dates ?? {}) as Record<string, DateSpec | undefined>;
    this.rates = { ...DEFAULT_FX_RATES_TO_CNY, ...(mapping?.fxRates ?? {}) };
    this.defaultCurrency = mapping?.currency ?? 'CNY';
    this.dates = {};
    for (const field of ['birth_date', 'risk_assessed_on', 'opened_on']) {
      const s = spec[field];
      const col = plan[field]?.columns[0];
      const temporal = col !== undefined && info.temporal[col] === true;
      const format = temporal || !s ? 'YYYY-MM-DD' : typeof s === 'string' ? s : s.format;
      const pivotYear = typeof s === 'object' && s.pivotYear !== undefined ? s.pivotYear : pivot;
      this.dates[field] = dayParser(format, pivotYear);
    }
  }

  /** Adds the row to the builder, or returns why not (and sets `detail`). */
  accept(rec: RawRecord, builder: ClientTableBuilder): RejectReason | undefined {
    const { plan, at, info } = this;
    if (rec.malformed || rec.count !== info.header.length) {
      return this.reject('malformed_row', rec.malformed ? rec.malformedWhy || 'unclosed quote or text after a closing quote' : `expected ${info.header.length} fields, found ${rec.count}`);
    }
    for (const field of ['client_id', 'birth_date', 'aum']) {
      if (!at.source(rec, plan[field])) return this.reject('missing_value', `${field} is empty`);
    }
    for (const field of ['client_id', 'advisor_id']) {
      if (!at.source(rec, plan[field])) continue;
      const problem = idBytesProblem(at.buf, at.start, at.end, info.encoding);
      if (problem !== undefined) return this.reject('bad_encoding', `${field} holds ${problem}`);
    }
    at.source(rec, plan.client_id);
    const id = at.text(info.decode);
    const birth = this.date(rec, 'birth_date') ?? NaN;
    if (Number.isNaN(birth)) return this.reject('bad_date', `birth_date "${this.text()}" is not a ${this.formatName('birth_date')} date`);
    if (birth > this.asOf) return this.reject('bad_date', `birth_date ${formatDay(birth)} is after the as-of date ${formatDay(this.asOf)}`);
    at.source(rec, plan.aum);
    const aum = parseNumberBytes(at.buf, at.start, at.end, info.numberFormat);
    if (Number.isNaN(aum)) return this.reject('bad_amount', `aum "${this.text()}" is not a number`);
    if (Math.abs(aum) > MAX_AMOUNT_CNY) return this.reject('bad_amount', `aum "${this.text()}" is outside the accepted range (at most 1e15)`);
    const optionalDays: Record<string, number | undefined> = {};
    for (const field of ['risk_assessed_on', 'opened_on']) {
      const day = this.date(rec, field);
      if (day !== undefined && Number.isNaN(day)) return this.reject('bad_date', `${field} "${this.text()}" is not a ${this.formatName(field)} date`);
      optionalDays[field] = day;
    }
    let dependants: number | undefined;
    if (at.source(rec, plan.dependants)) {
      dependants = parseNumberBytes(at.buf, at.start, at.end, info.numberFormat);
      if (Number.isNaN(dependants)) return this.reject('bad_amount', `dependants "${this.text()}" is not a number`);
    }
    const candidate = {
      client_id: id,
      birth_date: birth,
      aum,
      marital_status: this.code(rec, 'marital_status'),
      dependants,
      declared_risk: this.code(rec, 'declared_risk'),
      risk_assessed_on: optionalDays.risk_assessed_on,
      advisor_id: at.source(rec, plan.advisor_id) ? at.text(info.decode) : undefined,
      opened_on: optionalDays.opened_on,
    };
    if (!clearlyValidClient(candidate)) {
      const parsed = ClientSchema.safeParse(candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0]);
        return this.reject(issue.message as RejectReason, `${field} "${String(candidate[field as keyof typeof candidate])}" breaks the contract`);
      }
    }
    const currency = this.currency(rec);
    const rate = Object.hasOwn(this.rates, currency) ? this.rates[currency]! : undefined;
    if (rate === undefined) return this.reject('unknown_currency', `currency "${currency}" has no rate to CNY: add it to the mapping's clients.fxRates`);
    if (builder.has(id)) return this.reject('duplicate_id', 'client_id already taken by an earlier row');
    // Valid for the schema, so its enums are the contract's values.
    const c = candidate as Client;
    builder.add(
      c.client_id, c.birth_date, currency === 'CNY' ? c.aum : c.aum * rate,
      c.marital_status === undefined ? MISSING_CODE : MARITAL_STATUSES.indexOf(c.marital_status),
      c.dependants ?? MISSING_CODE, c.declared_risk, c.risk_assessed_on ?? MISSING_DAY, c.advisor_id, c.opened_on ?? MISSING_DAY,
    );
    return undefined;
  }

  /** The row's currency after the code map; the mapping's `currency` (default CNY) when the column is absent or empty. */
  private currency(rec: RawRecord): string {
    if (!this.at.source(rec, this.plan.currency)) return this.defaultCurrency;
    const raw = this.text();
    const codes = (this.mapping?.codes as Record<string, Record<string, string> | undefined> | undefined)?.currency;
    return codes && Object.hasOwn(codes, raw) ? codes[raw]! : raw;
  }

  private reject(reason: RejectReason, detail: string): RejectReason {
    this.detail = detail;
    return reason;
  }

  private text(): string {
    return this.at.text(this.info.decode);
  }

  private formatName(field: string): string {
    const s = (this.mapping?.dates as Record<string, DateSpec | undefined> | undefined)?.[field];
    return !s ? 'YYYY-MM-DD' : typeof s === 'string' ? s : s.format;
  }

  /** The field's day; undefined when it is absent or empty; NaN when it does not parse. */
  private date(rec: RawRecord, field: string): number | undefined {
    if (!this.at.source(rec, this.plan[field])) return undefined;
    return this.dates[field]!(this.at.buf, this.at.start, this.at.end);
  }

  /**
   * A coded value after the mapping: the first listed column whose value maps to (or already
   * is) a vocabulary value; otherwise the first non-empty value, which zod then rejects.
   */
  private code(rec: RawRecord, field: string): string | undefined {
    const src: FieldSource | undefined = this.plan[field];
    if (!src) return undefined;
    const codes = (this.mapping?.codes as Record<string, Record<string, string>> | undefined)?.[field];
    const vocabulary = FIELD_VOCABULARIES[field]!;
    let firstUnknown: string | undefined;
    const candidates = src.constant ? [-1] : src.columns;
    for (const col of candidates) {
      const present = col < 0 ? this.at.source(rec, src) : this.at.column(rec, col);
      if (!present) continue;
      const text = this.text();
      const mapped = codes && Object.hasOwn(codes, text) ? codes[text]! : text;
      if (vocabulary.includes(mapped)) return mapped;
      firstUnknown ??= mapped;
    }
    return firstUnknown;
  }
}
