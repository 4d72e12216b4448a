import { z } from 'zod';
import { ENCODINGS } from './text-decoder.js';

/** The columns of the accounts file (a disposition table): which client holds which account, how. */
export const ACCOUNT_COLUMNS = ['account_id', 'client_id', 'role'] as const;
export const ACCOUNT_ROLES = ['owner', 'co_holder'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

const oneChar = z.string().length(1);

/**
 * The `accounts` section of a mapping: how the bank's account → client table maps onto
 * `account_id, client_id, role`. Only keys that mean something for that file: it holds no dates,
 * amounts or currencies.
 *
 * @example
 * AccountsSchema.parse({ delimiter: ';', columns: { account_id: 'account_id', role: 'type' }, codes: { role: { OWNER: 'owner', DISPONENT: 'co_holder' } } });
 */
export const AccountsSchema = z.strictObject({
  format: z.enum(['csv', 'parquet']).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  delimiter: oneChar.optional(),
  quote: oneChar.optional(),
  /** Field ← source column (one column each). */
  columns: z.partialRecord(z.enum(ACCOUNT_COLUMNS), z.string().min(1)).optional(),
  /** Source role value → owner / co_holder. */
  codes: z.strictObject({ role: z.record(z.string(), z.enum(ACCOUNT_ROLES)) }).optional(),
  /** A fixed role for every row (e.g. an export that lists owners only). */
  constants: z.strictObject({ role: z.enum(ACCOUNT_ROLES) }).optional(),
}).superRefine((m, ctx) => {
  if ((m.delimiter ?? ',') === (m.quote ?? '"')) ctx.addIssue({ code: 'custom', path: ['quote'], message: 'the quote must differ from the delimiter' });
  if (m.constants?.role && m.columns?.role) ctx.addIssue({ code: 'custom', path: ['constants', 'role'], message: 'role comes from columns.role or constants.role, not both' });
});
