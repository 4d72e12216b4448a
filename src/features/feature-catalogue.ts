import {
  ACTIVITY_FEATURES, ASSET_MIX_FEATURES, RISK_MIX_FEATURES, TYPE_AMOUNT_MIX_FEATURES, TYPE_MIX_FEATURES,
} from './generic-feature-catalogue.js';

/**
 * The version of the feature formulas. A model bundle records it and refuses features built
 * with another, so bump it whenever a name, a formula, a fallback or the window rule changes
 * (the catalogue test pins a fingerprint of the formulas to this value).
 */
export const FEATURE_CATALOGUE_VERSION = '2.0.0';

/**
 * Feature families: the hand-made behaviour signals, the generic per-type count and amount mixes,
 * the buy mix by asset class and by product risk level, month-by-month activity, and the profile.
 */
export const FEATURE_BLOCKS = ['behaviour', 'activity', 'type_mix', 'type_amount_mix', 'asset_mix', 'risk_mix', 'profile'] as const;
export type FeatureBlock = (typeof FEATURE_BLOCKS)[number];

/** One named feature, documented for data scientists (formula, unit) and advisors (labels). */
export interface FeatureDefinition {
  readonly name: string;
  /** Behaviour (what the client does) or profile (who the client is: age, AUM, dependants…). */
  readonly group: 'behaviour' | 'profile';
  /** The family a feature belongs to; segmentation balances blocks (see chooseSegmentColumns). */
  readonly block: FeatureBlock;
  readonly label: { readonly zh: string; readonly en: string };
  /** The exact formula over the window, including the fallback that keeps it finite. */
  readonly formula: string;
  readonly unit: string;
}

/**
 * Every feature the builder computes, in column order: the hand-made behaviour signals, then the
 * generic blocks (generic-feature-catalogue.ts), then the profile. "Window" is the feature window (see
 * `featureWindow`): W calendar months ending on the as-of date; "per month" divides by W.
 *
 * @example
 * const labels = Object.fromEntries(FEATURE_CATALOGUE.map((f) => [f.name, f.label.zh]));
 * labels.holding_days; // '平均持有期(天)'
 */
export const FEATURE_CATALOGUE = [
  { name: 'recency_days', group: 'behaviour', block: 'behaviour', label: { zh: '近期交易间隔(天)', en: 'Days since last transaction' },
    formula: 'as-of day − day of the last window transaction; the window length in days when there is none', unit: 'days' },
  { name: 'txn_per_month', group: 'behaviour', block: 'activity', label: { zh: '月均交易笔数', en: 'Transactions per month' },
    formula: 'window transactions / W; 0 when none', unit: 'transactions/month' },
  { name: 'log_monthly_flow', group: 'behaviour', block: 'activity', label: { zh: '月均资金流量(对数)', en: 'Monthly flow (log)' },
    formula: 'log10(1 + total amount of window transactions / W); 0 when none', unit: 'log10 CNY' },
  { name: 'log_monthly_income', group: 'behaviour', block: 'behaviour', label: { zh: '月均收入(对数)', en: 'Monthly income (log)' },
    formula: 'log10(1 + credits of type salary, pension, dividend or interest / W); 0 when none', unit: 'log10 CNY' },
  { name: 'trades_per_month', group: 'behaviour', block: 'behaviour', label: { zh: '月均买卖笔数', en: 'Trades per month' },
    formula: '(buy count + sell count) / W; 0 when none', unit: 'trades/month' },
  { name: 'turnover_log1p', group: 'behaviour', block: 'behaviour', label: { zh: '换手率(对数)', en: 'Turnover (log)' },
    formula: 'ln(1 + (buy amount + sell amount) × 12 / W / max(aum, 1000)); 0 when no trades', unit: 'ln(1 + turns/year)' },
  { name: 'holding_days', group: 'behaviour', block: 'behaviour', label: { zh: '平均持有期(天)', en: 'Average holding period (days)' },
    formula: 'inverse-turnover estimate 365 × aum / (sell amount × 12 / W), capped at 3650; 3650 when no sells', unit: 'days' },
  { name: 'share_cash_deposit', group: 'behaviour', block: 'behaviour', label: { zh: '现金及存款占比', en: 'Cash and deposit share' },
    formula: 'buy amount in cash, deposit / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_fixed_income', group: 'behaviour', block: 'behaviour', label: { zh: '固定收益类占比', en: 'Fixed-income share' },
    formula: 'buy amount in wealth_product, money_market, bond / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_fund', group: 'behaviour', block: 'behaviour', label: { zh: '基金占比', en: 'Fund share' },
    formula: 'buy amount in fund / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_equity', group: 'behaviour', block: 'behaviour', label: { zh: '权益及衍生品占比', en: 'Equity and derivatives share' },
    formula: 'buy amount in equity, derivative / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_insurance', group: 'behaviour', block: 'behaviour', label: { zh: '保险产品占比', en: 'Insurance share' },
    formula: 'buy amount in insurance / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_alternative', group: 'behaviour', block: 'behaviour', label: { zh: '另类投资占比', en: 'Alternatives share' },
    formula: 'buy amount in reit, trust, fx, alternative / buy amount with a known asset class; 0 when none', unit: 'share 0–1' },
  { name: 'share_foreign', group: 'behaviour', block: 'behaviour', label: { zh: '外币投资占比', en: 'Foreign-currency share' },
    formula: 'buy amount in a currency other than CNY / buy amount; 0 when no buys', unit: 'share 0–1' },
  { name: 'share_high_risk', group: 'behaviour', block: 'behaviour', label: { zh: '高风险产品占比', en: 'High-risk product share' },
    formula: 'buy amount in R4–R5 products / buy amount with a known product risk; 0 when none', unit: 'share 0–1' },
  { name: 'mean_product_risk', group: 'behaviour', block: 'behaviour', label: { zh: '平均产品风险等级', en: 'Mean product risk' },
    formula: 'amount-weighted mean of the product risk level (R1 = 1 … R5 = 5) over buys with a known product risk; 0 when none', unit: 'level 1–5' },
  { name: 'salary_regularity', group: 'behaviour', block: 'behaviour', label: { zh: '工资入账规律性', en: 'Salary regularity' },
    formula: 'window months with a salary credit / W', unit: 'share 0–1' },
  { name: 'pension_regularity', group: 'behaviour', block: 'behaviour', label: { zh: '养老金入账规律性', en: 'Pension regularity' },
    formula: 'window months with a pension credit / W', unit: 'share 0–1' },
  { name: 'tuition_share', group: 'behaviour', block: 'behaviour', label: { zh: '教育缴费支出占比', en: 'Tuition share of outflows' },
    formula: 'tuition debit amount / all debit amount; 0 when no debits', unit: 'share 0–1' },
  { name: 'insurance_premium_share', group: 'behaviour', block: 'behaviour', label: { zh: '保费支出占比', en: 'Insurance premium share of outflows' },
    formula: 'insurance_premium debit amount / all debit amount; 0 when no debits', unit: 'share 0–1' },
  { name: 'loan_repayment_share', group: 'behaviour', block: 'behaviour', label: { zh: '贷款还款支出占比', en: 'Loan repayment share of outflows' },
    formula: 'loan_repayment debit amount / all debit amount; 0 when no debits', unit: 'share 0–1' },
  { name: 'card_spend_share', group: 'behaviour', block: 'behaviour', label: { zh: '刷卡消费支出占比', en: 'Card spend share of outflows' },
    formula: 'card_spend debit amount / all debit amount; 0 when no debits', unit: 'share 0–1' },
  { name: 'periodic_outflow_regularity', group: 'behaviour', block: 'behaviour', label: { zh: '周期性支出规律性', en: 'Periodic outflow regularity' },
    formula: 'window months with a tuition, insurance_premium or loan_repayment debit / W', unit: 'share 0–1' },
  { name: 'flow_volatility', group: 'behaviour', block: 'activity', label: { zh: '月度资金流量波动率', en: 'Monthly flow volatility' },
    formula: 'population standard deviation / mean of the W monthly total amounts (coefficient of variation); 0 when the mean is 0', unit: 'ratio' },
  { name: 'net_flow_ratio', group: 'behaviour', block: 'behaviour', label: { zh: '资金净流入比率', en: 'Net flow ratio' },
    formula: '(credit amount − debit amount) / (credit amount + debit amount); 0 when none', unit: 'ratio −1–1' },
  ...ACTIVITY_FEATURES,
  ...TYPE_MIX_FEATURES,
  ...TYPE_AMOUNT_MIX_FEATURES,
  ...ASSET_MIX_FEATURES,
  ...RISK_MIX_FEATURES,
  { name: 'age_years', group: 'profile', block: 'profile', label: { zh: '年龄(岁)', en: 'Age (years)' },
    formula: 'whole years from birth_date to the as-of day (birthdays counted exactly); 0 when born after it', unit: 'years' },
  { name: 'tenure_years', group: 'profile', block: 'profile', label: { zh: '客户关系年限(年)', en: 'Tenure (years)' },
    formula: '(as-of day − opened_on) / 365.25; from the first window transaction when opened_on is missing; 0 when neither or when later than as-of', unit: 'years' },
  { name: 'log_aum', group: 'profile', block: 'profile', label: { zh: '管理资产规模(对数)', en: 'AUM (log)' },
    formula: 'log10(1 + aum); aum taken as 0 when missing', unit: 'log10 CNY' },
  { name: 'dependants', group: 'profile', block: 'profile', label: { zh: '受抚养人数', en: 'Dependants' },
    formula: 'dependants as declared; 0 when missing', unit: 'persons' },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURE_CATALOGUE)[number]['name'];

/** Feature names in column order, the header of every feature matrix the builder makes. */
export const FEATURE_NAMES: readonly FeatureName[] = FEATURE_CATALOGUE.map((f) => f.name);

/** Display labels by feature name, for reasons, segment names and reports. */
export const FEATURE_LABELS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> =
  Object.fromEntries(FEATURE_CATALOGUE.map((f) => [f.name, f.label]));

/** The block of each feature by name. */
export const FEATURE_BLOCK: Readonly<Record<string, FeatureBlock>> =
  Object.fromEntries(FEATURE_CATALOGUE.map((f) => [f.name, f.block]));
