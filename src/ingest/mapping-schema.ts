import { z } from 'zod';
import { CLIENT_COLUMNS } from '../core/contract.js';
import { AccountsSchema } from './accounts-mapping-schema.js';
import { CodeRulesSchema, SkipRuleSchema, checkRulesAgainstMapping } from './code-rules-schema.js';
import { FIELD_VOCABULARIES_BY_FIELD as FIELD_VOCABULARIES } from './field-vocabularies.js';
import { DATE_FORMATS } from './parse-date.js';
import { ENCODINGS } from './text-decoder.js';
import { TRANSACTION_FIELDS } from './transaction-fields.js';

export { FIELD_VOCABULARIES };

/** The clients file's fields: the contract's columns plus the currency of its money column (aum). */
export const CLIENT_FIELDS = [...CLIENT_COLUMNS, 'currency'] as const;
const CLIENT_DATE_FIELDS = ['birth_date', 'risk_assessed_on', 'opened_on'] as const;
const CLIENT_CODE_FIELDS = ['marital_status', 'declared_risk', 'currency'] as const;
const TXN_CODE_FIELDS = ['direction', 'type', 'asset_class', 'product_risk', 'currency'] as const;

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"');
const oneChar = z.string().length(1);

const DateSpecSchema = z.union([
  z.enum(DATE_FORMATS),
  z.strictObject({
    format: z.enum(DATE_FORMATS),
    /** Two-digit years fall in pivotYear-99 … pivotYear. */
    pivotYear: z.number().int().min(1900).max(2200).optional(),
  }),
]);
export type DateSpec = z.infer<typeof DateSpecSchema>;

function inputSchema<F extends readonly [string, ...string[]], D extends readonly [string, ...string[]], K extends readonly [string, ...string[]]>(
  fields: F, dateFields: D, codeFields: K,
) {
  return z.strictObject({
    /** 'csv' or 'parquet'; default from the extension (.csv/.txt → csv, .parquet → parquet). */
    format: z.enum(['csv', 'parquet']).optional(),
    /** CSV only; default 'utf8' (a BOM is detected and skipped). */
    encoding: z.enum(ENCODINGS).optional(),
    /** CSV only; default ','. */
    delimiter: oneChar.optional(),
    /** CSV only; default '"'. */
    quote: oneChar.optional(),
    /** CSV only; default '.'. */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** CSV only; default none. */
    thousandsSeparator: z.enum([',', '.', ' ', "'"]).optional(),
    /** Canonical field ← source column, or the first of several columns whose value is known. */
    columns: z.partialRecord(z.enum(fields), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).optional(),
    /** Per coded field: source value → contract value. Values already in the contract pass unchanged. */
    codes: z.partialRecord(z.enum(codeFields), z.record(z.string(), z.string())).optional(),
    /** Per date field: the layout; default 'YYYY-MM-DD'. */
    dates: z.partialRecord(z.enum(dateFields), DateSpecSchema).optional(),
    /** A fixed value for a field the export lacks, used for every row (the column is not read). */
    constants: z.partialRecord(z.enum(fields), z.string()).optional(),
    /** Currency of rows whose currency column is absent or empty; default 'CNY'. */
    currency: currencyCode.optional(),
    /** Rates to CNY, merged over DEFAULT_FX_RATES_TO_CNY. */
    fxRates: z.record(currencyCode, z.number().positive()).optional(),
  }).superRefine((m, ctx) => {
    const delimiter = m.delimiter ?? ',';
    const quote = m.quote ?? '"';
    if (delimiter === quote) ctx.addIssue({ code: 'custom', path: ['quote'], message: 'the quote must differ from the delimiter' });
    for (const [key, ch] of [['delimiter', delimiter], ['quote', quote]] as const) {
      const b = ch.charCodeAt(0);
      if (b === 0x0a || b === 0x0d || b > 0x7e) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a printable ASCII character (or tab)' });
      else if (m.encoding && m.encoding.startsWith('gb') && b >= 0x40) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'with GBK/GB18030 it must be below "@" (e.g. "," ";" or tab): GBK trail bytes reuse higher ASCII values' });
      }
    }
    if (m.thousandsSeparator && m.thousandsSeparator === (m.decimalSeparator ?? '.')) {
      ctx.addIssue({ code: 'custom', path: ['thousandsSeparator'], message: 'must differ from the decimal separator' });
    }
    // A number's separator that is also the field delimiter or the quote would cut every number in two.
    for (const key of ['decimalSeparator', 'thousandsSeparator'] as const) {
      const ch = m[key];
      if ((key === 'decimalSeparator' || ch !== undefined) && (ch ?? '.') === delimiter) {
        ctx.addIssue({ code: 'custom', path: [key], message: `must differ from the delimiter "${delimiter}": choose another delimiter (e.g. ";") or separator` });
      }
      if (ch !== undefined && ch === quote) ctx.addIssue({ code: 'custom', path: [key], message: 'must differ from the quote character' });
    }
    for (const [field, map] of Object.entries(m.codes ?? {}) as [string, Record<string, string>][]) {
      const vocabulary = FIELD_VOCABULARIES[field];
      for (const [from, to] of Object.entries(map)) {
        const ok = vocabulary ? vocabulary.includes(to) : /^[A-Z]{3}$/.test(to);
        if (!ok) {
          ctx.addIssue({
            code: 'custom', path: ['codes', field, from],
            message: `"${to}" is not a ${field} value; use one of: ${vocabulary ? vocabulary.join(', ') : 'an ISO 4217 code'}`,
          });
        }
      }
    }
  });
}

export const ClientsMappingSchema = inputSchema(CLIENT_FIELDS, CLIENT_DATE_FIELDS, CLIENT_CODE_FIELDS);
export const TransactionsMappingSchema = inputSchema(TRANSACTION_FIELDS, ['date'] as const, TXN_CODE_FIELDS).safeExtend({
  /** Per coded field: ordered rules over several source columns, first match wins (code-rules-schema.ts). */
  rules: z.partialRecord(z.enum(TXN_CODE_FIELDS), CodeRulesSchema).optional(),
  /** Rows left out by rule, each counted under its reason as `skipped`. */
  skip: z.array(SkipRuleSchema).max(100).optional(),
}).superRefine(checkRulesAgainstMapping);
/** The accounts file: account_id → client_id with a role (owner, co_holder). */
export const AccountsMappingSchema = AccountsSchema;

/**
 * The mapping file: how one bank's exports land on the data contract (docs/ingest.md has the
 * full reference). Strict: a misspelt key is an error, not a silently ignored option.
 *
 * @example
 * MappingSchema.parse({ transactions: { columns: { txn_id: 'LSH' }, dates: { date: 'YYYYMMDD' } } });
 */
export const MappingSchema = z.strictObject({
  /** Free text for people (which bank, which export). */
  description: z.string().optional(),
  clients: ClientsMappingSchema.optional(),
  transactions: TransactionsMappingSchema.optional(),
  accounts: AccountsMappingSchema.optional(),
});

export type Mapping = z.infer<typeof MappingSchema>;
export type ClientsMapping = z.infer<typeof ClientsMappingSchema>;
export type TransactionsMapping = z.infer<typeof TransactionsMappingSchema>;
export type AccountsMapping = z.infer<typeof AccountsMappingSchema>;
/** The part of a mapping that applies to one input file, either kind. */
export type InputMapping = ClientsMapping | TransactionsMapping;
