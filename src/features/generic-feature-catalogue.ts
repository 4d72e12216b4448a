import { ASSET_CLASSES, PRODUCT_RISKS, TXN_TYPES, type AssetClass, type TxnType } from '../core/contract.js';

/** Display words for the contract's vocabularies, used to label the generic features. */
const TYPE_LABELS: Readonly<Record<TxnType, { zh: string; en: string }>> = {
  salary: { zh: '工资', en: 'salary' }, deposit: { zh: '存入', en: 'deposit' }, withdrawal: { zh: '取现', en: 'withdrawal' },
  transfer_in: { zh: '转入', en: 'transfer in' }, transfer_out: { zh: '转出', en: 'transfer out' },
  buy: { zh: '买入', en: 'buy' }, sell: { zh: '卖出', en: 'sell' }, dividend: { zh: '分红', en: 'dividend' },
  interest: { zh: '利息', en: 'interest' }, fee: { zh: '手续费', en: 'fee' }, loan_repayment: { zh: '贷款还款', en: 'loan repayment' },
  insurance_premium: { zh: '保费', en: 'insurance premium' }, tuition: { zh: '学费', en: 'tuition' },
  pension: { zh: '养老金', en: 'pension' }, card_spend: { zh: '刷卡消费', en: 'card spend' }, other: { zh: '其他', en: 'other' },
};

const ASSET_LABELS: Readonly<Record<AssetClass, { zh: string; en: string }>> = {
  cash: { zh: '现金', en: 'cash' }, deposit: { zh: '存款', en: 'deposits' }, wealth_product: { zh: '理财产品', en: 'wealth products' },
  money_market: { zh: '货币市场', en: 'money market' }, bond: { zh: '债券', en: 'bonds' }, fund: { zh: '基金', en: 'funds' },
  equity: { zh: '股票', en: 'equities' }, reit: { zh: '不动产信托', en: 'REITs' }, insurance: { zh: '保险', en: 'insurance' },
  trust: { zh: '信托', en: 'trusts' }, fx: { zh: '外汇', en: 'FX' }, derivative: { zh: '衍生品', en: 'derivatives' },
  alternative: { zh: '另类资产', en: 'alternatives' },
};

/** Per transaction type: its share of the client's window transactions (the peer's crosstab, normalised by row). */
export const TYPE_MIX_FEATURES = TXN_TYPES.map((t) => ({
  name: `type_share_${t}` as const, group: 'behaviour' as const, block: 'type_mix' as const,
  label: { zh: `${TYPE_LABELS[t].zh}笔数占比`, en: `Share of transactions: ${TYPE_LABELS[t].en}` },
  formula: `window ${t} transactions / window transactions; 0 when none`, unit: 'share 0–1',
}));

/** Per transaction type: its share of the client's window amount. */
export const TYPE_AMOUNT_MIX_FEATURES = TXN_TYPES.map((t) => ({
  name: `type_amount_share_${t}` as const, group: 'behaviour' as const, block: 'type_amount_mix' as const,
  label: { zh: `${TYPE_LABELS[t].zh}金额占比`, en: `Share of amount: ${TYPE_LABELS[t].en}` },
  formula: `window ${t} amount / window amount; 0 when none`, unit: 'share 0–1',
}));

/** Per asset class: its share of the buy amount with a known asset class. */
export const ASSET_MIX_FEATURES = ASSET_CLASSES.map((c) => ({
  name: `buy_share_${c}` as const, group: 'behaviour' as const, block: 'asset_mix' as const,
  label: { zh: `买入金额占比(${ASSET_LABELS[c].zh})`, en: `Share of buy amount in ${ASSET_LABELS[c].en}` },
  formula: `window buy amount in ${c} / window buy amount with a known asset class; 0 when none`, unit: 'share 0–1',
}));

/** Per product risk level: its share of the buy amount with a known product risk. */
export const RISK_MIX_FEATURES = PRODUCT_RISKS.map((r) => ({
  name: `buy_share_${r.toLowerCase() as Lowercase<typeof r>}` as const,
  group: 'behaviour' as const, block: 'risk_mix' as const,
  label: { zh: `买入金额占比(${r}产品)`, en: `Share of buy amount in ${r} products` },
  formula: `window buy amount in ${r} products / window buy amount with a known product risk; 0 when none`, unit: 'share 0–1',
}));

/**
 * Month-by-month activity beyond the per-month averages. The trends are least-squares slopes of the
 * W monthly values against the month index, times (W − 1) and divided by the monthly mean: the
 * fitted change from the first to the last window month as a multiple of an average month.
 */
export const ACTIVITY_FEATURES = [
  { name: 'active_month_share', group: 'behaviour', block: 'activity', label: { zh: '活跃月份占比', en: 'Share of active months' },
    formula: 'window months with at least one transaction / W', unit: 'share 0–1' },
  { name: 'txn_count_trend', group: 'behaviour', block: 'activity', label: { zh: '交易笔数趋势', en: 'Transaction count trend' },
    formula: 'slope × (W − 1) / mean of the W monthly transaction counts, slope = Σ (m − m̄)(c_m − c̄) / Σ (m − m̄)² over months m = 0…W−1; 0 when there are none or W = 1', unit: 'multiple of a mean month' },
  { name: 'flow_trend', group: 'behaviour', block: 'activity', label: { zh: '资金流量趋势', en: 'Monthly flow trend' },
    formula: 'as txn_count_trend, on the W monthly total amounts; 0 when there are none or W = 1', unit: 'multiple of a mean month' },
  { name: 'txn_count_volatility', group: 'behaviour', block: 'activity', label: { zh: '月度交易笔数波动率', en: 'Monthly count volatility' },
    formula: 'population standard deviation / mean of the W monthly transaction counts; 0 when there are none', unit: 'ratio' },
] as const;
