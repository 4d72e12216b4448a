import { REQUIRED_TRANSACTION_COLUMNS, TRANSACTION_COLUMNS } from '../core/contract.js';
import type { TransactionsMapping } from './mapping-schema.js';

/**
 * The fields a transactions file may map: the contract's columns plus `account_id`, which
 * stands in for `client_id` when an accounts file links accounts to clients.
 */
export const TRANSACTION_FIELDS = [...TRANSACTION_COLUMNS, 'account_id'] as const;

/**
 * The fields a transactions file must provide: account_id instead of client_id when accounts
 * link rows to clients; a field decided by rules names its own columns, so needs none.
 *
 * @example
 * transactionRequiredFields(undefined, true); // ['txn_id', 'account_id', 'date', 'amount', 'direction', 'type']
 */
export function transactionRequiredFields(mapping: TransactionsMapping | undefined, byAccount: boolean): string[] {
  const ruled = new Set(Object.keys(mapping?.rules ?? {}));
  return REQUIRED_TRANSACTION_COLUMNS.map((f) => (f === 'client_id' && byAccount ? 'account_id' : f)).filter((f) => !ruled.has(f));
}
