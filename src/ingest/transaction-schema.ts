import { z } from 'zod';
import { ASSET_CLASSES, DIRECTIONS, MAX_AMOUNT_CNY, PRODUCT_RISKS, TXN_TYPES } from '../core/contract.js';

/**
 * A transaction row of the contract after its text is parsed (the day is a day number, the
 * amount is in CNY). The streaming reader enforces these same rules with a byte-level validator
 * (transaction-validator.ts) because running this schema per row is too slow for the hot path;
 * the tests check that both agree.
 *
 * @example
 * TransactionSchema.safeParse({ txn_id: 'T1', client_id: 'C1', day: 19800, amount: 0, direction: 'debit', type: 'fee', currency: 'CNY' });
 * // issue 'non_positive_amount'
 */
export const TransactionSchema = z.strictObject({
  txn_id: z.string().min(1, { error: 'missing_value' }),
  client_id: z.string().min(1, { error: 'missing_value' }),
  day: z.int({ error: 'bad_date' }),
  amount: z.number({ error: 'bad_amount' }).min(-MAX_AMOUNT_CNY, { error: 'bad_amount' }).positive({ error: 'non_positive_amount' }).max(MAX_AMOUNT_CNY, { error: 'bad_amount' }),
  direction: z.enum(DIRECTIONS, { error: 'unknown_code' }),
  type: z.enum(TXN_TYPES, { error: 'unknown_code' }),
  asset_class: z.enum(ASSET_CLASSES, { error: 'unknown_code' }).optional(),
  product_risk: z.enum(PRODUCT_RISKS, { error: 'unknown_code' }).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'unknown_currency' }),
});

export type Transaction = z.infer<typeof TransactionSchema>;
