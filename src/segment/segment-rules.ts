/** One feature a domain segment is recognised by, and which way it points. */
export interface RuleTerm {
  readonly feature: string;
  /** +1: the segment has it high; -1: low. */
  readonly sign: 1 | -1;
}

/** A named behavioural segment from the domain, recognised from a centroid profile. */
export interface SegmentRule {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly description: { readonly zh: string; readonly en: string };
  readonly terms: readonly RuleTerm[];
}

const hi = (feature: string): RuleTerm => ({ feature, sign: 1 });
const lo = (feature: string): RuleTerm => ({ feature, sign: -1 });

/**
 * The domain's behavioural segments (DESIGN.md, "The segments"), each recognised by the standardised
 * centroid values of a few catalogue features.
 */
export const segmentRules: readonly SegmentRule[] = [
  {
    code: 'frequent_trader', zh: '频繁交易型', en: 'Frequent trader',
    description: { zh: '交易频繁、换手率高、持有期短。', en: 'Trades often, turns the portfolio over quickly and holds positions briefly.' },
    terms: [hi('trades_per_month'), hi('turnover_log1p'), lo('holding_days')],
  },
  {
    code: 'steady_holder', zh: '稳健持有型', en: 'Steady holder',
    description: { zh: '长期持有固收与基金产品，交易笔数少，收益以分红和利息入账。', en: 'Holds fixed income and funds for long periods, with few transactions; what it holds pays dividends and interest.' },
    // Income from holdings (dividend and interest shares of its transactions) tells holders apart
    // better than holding_days, which the cap at 3,650 days makes the same for every client who
    // never sells, and than trades_per_month, low for most clients who are not traders.
    terms: [lo('txn_per_month'), hi('share_fixed_income'), hi('type_share_dividend'), hi('type_share_interest')],
  },
  {
    code: 'conservative_saver', zh: '保守储蓄型', en: 'Conservative saver',
    description: { zh: '以存款和固收为主，产品风险低，收入稳定。', en: 'Keeps most assets in deposits and fixed income, in low-risk products, on a steady income.' },
    terms: [hi('share_cash_deposit'), hi('share_fixed_income'), lo('mean_product_risk'), hi('salary_regularity')],
  },
  {
    code: 'specific_needs_education', zh: '特定需求型(子女教育)', en: 'Specific-needs saver (education)',
    description: { zh: '学费、保费等定期大额支出规律，为子女教育等特定目标储蓄。', en: 'Makes regular large payments such as tuition and insurance premiums, saving for a goal such as a child\'s education.' },
    terms: [hi('tuition_share'), hi('insurance_premium_share'), hi('periodic_outflow_regularity')],
  },
  {
    code: 'retiree_pension', zh: '退休养老型', en: 'Retiree (pension income)',
    description: { zh: '养老金定期入账，处于退休阶段。', en: 'Receives a regular pension; in retirement.' },
    terms: [hi('pension_regularity')],
  },
  {
    code: 'global_allocator', zh: '全球配置型', en: 'Global allocator',
    description: { zh: '持有外币与另类资产，跨市场配置。', en: 'Holds foreign-currency and alternative assets, allocating across markets.' },
    terms: [hi('share_foreign'), hi('share_alternative')],
  },
  {
    code: 'young_spender', zh: '年轻消费型', en: 'Young professional / spender',
    description: { zh: '工资入账规律，刷卡消费多，资金流量较小。', en: 'Regular salary, spends much by card, with modest money flows.' },
    terms: [hi('card_spend_share'), hi('salary_regularity'), lo('log_monthly_flow')],
  },
];

/**
 * How well a standardised centroid fits a rule: the mean of sign × z over the rule's features that
 * are present (absent ones are skipped, since the catalogue may not have them), or undefined when
 * none is present.
 *
 * @example
 * ruleScore(segmentRules[4]!, new Map([['pension_regularity', 2]])); // 2
 */
export function ruleScore(rule: SegmentRule, zByName: ReadonlyMap<string, number>): number | undefined {
  let sum = 0;
  let n = 0;
  for (const t of rule.terms) {
    const z = zByName.get(t.feature);
    if (z === undefined) continue;
    sum += t.sign * z;
    n++;
  }
  return n > 0 ? sum / n : undefined;
}

/** Share of a rule's terms a centroid must meet to take the rule's name (rounded up: 2 of 3, 3 of 4). */
export const RULE_QUORUM = 2 / 3;

/**
 * Whether a standardised centroid meets most of a rule: at least ⌈2/3 × terms⌉ of its terms have
 * sign × z ≥ `bar`. A feature the model does not have (left out as constant, or not in this
 * catalogue) counts as unmet, so a name never rests on data that is not there.
 *
 * @example
 * ruleHolds(segmentRules[0]!, new Map([['trades_per_month', 2], ['turnover_log1p', 1], ['holding_days', 0]]), 0.5); // true: 2 of 3
 */
export function ruleHolds(rule: SegmentRule, zByName: ReadonlyMap<string, number>, bar: number): boolean {
  let met = 0;
  for (const t of rule.terms) {
    const z = zByName.get(t.feature);
    if (z !== undefined && t.sign * z >= bar) met++;
  }
  // The small epsilon keeps 2/3 × 3 from rounding up to 3 in floating point.
  return met > 0 && met >= Math.ceil(RULE_QUORUM * rule.terms.length - 1e-9);
}
