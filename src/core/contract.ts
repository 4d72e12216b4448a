/**
 * The vocabulary of the canonical data contract (DESIGN.md "Data contract"). Codes are array
 * indices, so hot paths store a small integer and reports look the name up here.
 */
export const TXN_TYPES = [
  'salary', 'deposit', 'withdrawal', 'transfer_in', 'transfer_out', 'buy', 'sell', 'dividend',
  'interest', 'fee', 'loan_repayment', 'insurance_premium', 'tuition', 'pension', 'card_spend', 'other',
] as const;
export type TxnType = (typeof TXN_TYPES)[number];

export const ASSET_CLASSES = [
  'cash', 'deposit', 'wealth_product', 'money_market', 'bond', 'fund', 'equity', 'reit',
  'insurance', 'trust', 'fx', 'derivative', 'alternative',
] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const DIRECTIONS = ['credit', 'debit'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

/** The three-level questionnaire vocabulary; C1–C5 is accepted where a bank uses it. */
export const RISK_LEVELS = ['conservative', 'balanced', 'aggressive'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const REGULATORY_RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;

export const PRODUCT_RISKS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type ProductRisk = (typeof PRODUCT_RISKS)[number];

export const NEEDS = [
  'education', 'retirement', 'protection', 'wealth_transfer', 'global_allocation', 'liquidity', 'growth',
] as const;
export type Need = (typeof NEEDS)[number];

export const CLIENT_COLUMNS = [
  'client_id', 'birth_date', 'aum', 'marital_status', 'dependants', 'declared_risk',
  'risk_assessed_on', 'advisor_id', 'opened_on',
] as const;
export const REQUIRED_CLIENT_COLUMNS = ['client_id', 'birth_date', 'aum'] as const;

export const TRANSACTION_COLUMNS = [
  'txn_id', 'client_id', 'date', 'amount', 'direction', 'type', 'asset_class', 'product_risk', 'currency',
] as const;
export const REQUIRED_TRANSACTION_COLUMNS = ['txn_id', 'client_id', 'date', 'amount', 'direction', 'type'] as const;

/**
 * The largest amount or AUM the contract accepts, in CNY after conversion: 10^15 (a thousand
 * trillion), far above any one client's money, yet small enough that sums and squares of
 * millions of such values stay finite in float64. A larger value, or one written as
 * `Infinity` or `1e309`, is rejected as `bad_amount` (CSV and Parquet alike).
 */
export const MAX_AMOUNT_CNY = 1e15;

/** Code of a vocabulary value, or -1 when the value is not in it. */
export function codeOf<T extends string>(vocabulary: readonly T[], value: string): number {
  return (vocabulary as readonly string[]).indexOf(value);
}
