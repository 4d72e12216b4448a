import { z } from 'zod';
import { ASSET_CLASSES, NEEDS, PRODUCT_RISKS, TXN_TYPES, type AssetClass, type ProductRisk, type TxnType } from './contract.js';

/**
 * A transaction that shows a client taking up a need: every field given must match. The default
 * rules are the bank-agnostic reading of the contract's types and asset classes; a bank whose
 * products serve needs differently replaces them (`needRules` in a params file, docs/params.md).
 */
export const NeedRuleSchema = z.strictObject({
  need: z.enum(NEEDS),
  /** Transaction types that count (at least one). */
  types: z.array(z.enum(TXN_TYPES)).min(1),
  /** When present, the transaction's asset class must be one of these. */
  assetClasses: z.array(z.enum(ASSET_CLASSES)).min(1).optional(),
  /** When present, the product's risk level (product_risk) must be one of these. */
  productRisks: z.array(z.enum(PRODUCT_RISKS)).min(1).optional(),
  /** 'cny': only CNY transactions count; 'foreign': only other currencies; absent: any currency. */
  currency: z.enum(['cny', 'foreign']).optional(),
});
export type NeedRule = z.infer<typeof NeedRuleSchema>;

/** Need rules as a list; an empty list would label nothing and is refused. */
export const NeedRulesSchema = z.array(NeedRuleSchema).min(1);

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
export function matchesNeedRule(
  rule: NeedRule, type: TxnType, assetClass: AssetClass | undefined, isCny: boolean, productRisk?: ProductRisk,
): boolean {
  if (!rule.types.includes(type)) return false;
  if (rule.assetClasses && (assetClass === undefined || !rule.assetClasses.includes(assetClass))) return false;
  if (rule.productRisks && (productRisk === undefined || !rule.productRisks.includes(productRisk))) return false;
  if (rule.currency === 'foreign' && isCny) return false;
  if (rule.currency === 'cny' && !isCny) return false;
  return true;
}
