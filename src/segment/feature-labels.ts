/** A feature's display name in both languages. */
export interface FeatureLabel {
  readonly zh: string;
  readonly en: string;
}

/**
 * Display names for the behaviour features that segment names and descriptions mention. The
 * feature catalogue owns the authoritative labels; pass them to `nameSegments` as `labels` to
 * override these. A feature missing from both is shown by its raw name.
 */
export const featureLabels: Readonly<Record<string, FeatureLabel>> = {
  trades_per_month: { zh: '月均交易笔数', en: 'trades per month' },
  turnover_log1p: { zh: '换手率', en: 'turnover' },
  holding_days: { zh: '平均持有期', en: 'holding period' },
  share_fund: { zh: '基金占比', en: 'fund share' },
  share_fixed_income: { zh: '固收占比', en: 'fixed-income share' },
  share_cash_deposit: { zh: '现金存款占比', en: 'cash and deposit share' },
  share_equity: { zh: '股票占比', en: 'equity share' },
  share_foreign: { zh: '外币资产占比', en: 'foreign-currency share' },
  share_alternative: { zh: '另类资产占比', en: 'alternatives share' },
  share_high_risk: { zh: '高风险产品占比', en: 'high-risk product share' },
  mean_product_risk: { zh: '平均产品风险', en: 'mean product risk' },
  salary_regularity: { zh: '工资入账规律性', en: 'salary regularity' },
  pension_regularity: { zh: '养老金入账规律性', en: 'pension regularity' },
  tuition_share: { zh: '学费支出占比', en: 'tuition share' },
  insurance_premium_share: { zh: '保费支出占比', en: 'insurance premium share' },
  periodic_outflow_regularity: { zh: '定期支出规律性', en: 'periodic outflow regularity' },
  card_spend_share: { zh: '刷卡消费占比', en: 'card spend share' },
  log_monthly_flow: { zh: '月均资金流量', en: 'monthly money flow' },
  balance_volatility: { zh: '余额波动', en: 'balance volatility' },
  recency_days: { zh: '距上次交易天数', en: 'days since last transaction' },
  age_years: { zh: '年龄', en: 'age' },
  tenure_years: { zh: '开户年限', en: 'tenure' },
};

/**
 * The label of `name`, from `overrides`, then the built-in table, then the raw name.
 *
 * @example
 * featureLabel('holding_days'); // { zh: '平均持有期', en: 'holding period' }
 */
export function featureLabel(name: string, overrides?: Readonly<Record<string, FeatureLabel>>): FeatureLabel {
  return overrides?.[name] ?? featureLabels[name] ?? { zh: name, en: name };
}
