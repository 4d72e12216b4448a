import type { AssetClass, Need, TxnType } from './contract.js';

/**
 * A transaction that shows a client taking up a need. The default rules are the bank-agnostic
 * reading of the contract's types and asset classes; a bank overrides them in config.
 */
export interface NeedRule {
  readonly need: Need;
  readonly types: readonly TxnType[];
  /** When present, the transaction's asset class must be one of these. */
  readonly assetClasses?: readonly AssetClass[];
  /** When true, only a transaction in a currency other than CNY counts. */
  readonly foreignCurrency?: boolean;
}

export const DEFAULT_NEED_RULES: readonly NeedRule[] = [
  { need: 'education', types: ['tuition'] },
  { need: 'retirement', types: ['buy'], assetClasses: ['insurance'] },
  { need: 'protection', types: ['insurance_premium'] },
  { need: 'wealth_transfer', types: ['buy'], assetClasses: ['trust'] },
  { need: 'global_allocation', types: ['buy'], assetClasses: ['fx'] },
  { need: 'liquidity', types: ['buy'], assetClasses: ['money_market'] },
  { need: 'growth', types: ['buy'], assetClasses: ['fund', 'equity'] },
];

/**
 * A need counts as taken up when a matching transaction falls in the horizon after the as-of
 * date and none fell in the feature window before it: a client already paying school fees has
 * not newly taken up education. The generator plants needs the same way.
 */
export function matchesNeedRule(rule: NeedRule, type: TxnType, assetClass: AssetClass | undefined, isCny: boolean): boolean {
  if (!rule.types.includes(type)) return false;
  if (rule.assetClasses && (assetClass === undefined || !rule.assetClasses.includes(assetClass))) return false;
  if (rule.foreignCurrency && isCny) return false;
  return true;
}
