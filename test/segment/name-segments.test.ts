import { describe, expect, it } from 'vitest';
import { nameSegments } from '../../src/segment/name-segments.js';
import { ruleHolds, segmentRules } from '../../src/segment/segment-rules.js';
import { FEATURE_LABELS } from '../../src/features/feature-catalogue.js';

const labels = FEATURE_LABELS;

const names = [
  'trades_per_month', 'turnover_log1p', 'holding_days', 'share_fund', 'share_fixed_income', 'share_cash_deposit',
  'mean_product_risk', 'salary_regularity', 'pension_regularity', 'share_foreign', 'share_alternative',
  'tuition_share', 'insurance_premium_share', 'periodic_outflow_regularity', 'card_spend_share', 'log_monthly_flow',
  'txn_per_month', 'type_share_dividend', 'type_share_interest',
];

/** Centroids from sparse profiles: every unnamed feature is 0. */
function centroids(profiles: Record<string, number>[], featureNames = names): Float64Array {
  const out = new Float64Array(profiles.length * featureNames.length);
  profiles.forEach((p, s) => {
    for (const [name, z] of Object.entries(p)) out[s * featureNames.length + featureNames.indexOf(name)] = z;
  });
  return out;
}

describe('nameSegments', () => {
  it('names each domain profile, and the fallbacks after their features', () => {
    const result = nameSegments(centroids([
      { trades_per_month: 2, turnover_log1p: 1.5, holding_days: -1 },
      { pension_regularity: 2, trades_per_month: -0.4 },
      { share_foreign: 1.5, share_alternative: 1 },
      { txn_per_month: -1.2, share_fixed_income: 0.9, type_share_dividend: 1.2, type_share_interest: 0.4 },
      { share_cash_deposit: 1.4, share_fixed_income: 0.9, mean_product_risk: -1.1, salary_regularity: 0.3 },
      { tuition_share: 2.1, insurance_premium_share: 1.2, periodic_outflow_regularity: 0.9 },
      { card_spend_share: 1.3, salary_regularity: 0.9, log_monthly_flow: -0.8 },
      { trades_per_month: 1, turnover_log1p: 0.8 },
      { holding_days: 0.1, share_fund: -0.1 },
    ]), names, { labels });
    expect(result.map((r) => r.zh)).toEqual([
      '频繁交易型', '退休养老型', '全球配置型', '稳健持有型', '保守储蓄型', '特定需求型(子女教育)', '年轻消费型',
      '高 月均买卖笔数 · 高 换手率(对数)', '均衡普通型',
    ]);
    expect(result[7]).toMatchObject({ code: 'profile_trades_per_month_high_turnover_log1p_high', en: 'high trades per month · high turnover (log)', score: null });
    expect(result[0]).toMatchObject({ code: 'frequent_trader', en: 'Frequent trader', score: 1.5 });
    expect(result[0]!.topFeatures).toEqual([
      { name: 'trades_per_month', z: 2 }, { name: 'turnover_log1p', z: 1.5 }, { name: 'holding_days', z: -1 },
    ]);
    expect(result[0]!.description.zh).toBe('交易频繁、换手率高、持有期短。最显著特征：月均买卖笔数 +2.0σ、换手率(对数) +1.5σ、平均持有期(天) -1.0σ。');
    expect(result[0]!.description.en).toBe('Trades often, turns the portfolio over quickly and holds positions briefly. Most distinctive: trades per month +2.0 sd, turnover (log) +1.5 sd, average holding period (days) -1.0 sd.');
    expect(result[8]!.code).toBe('average_profile');
  });

  it('gives a domain name only when most of its rule holds, however strong one term is', () => {
    // Trades at +4 sd give the trader rule a mean score of 1.4, yet only 1 of its 3 terms reaches 0.5.
    const [one, two] = nameSegments(centroids([
      { trades_per_month: 4, turnover_log1p: 0.2, holding_days: 0 },
      { trades_per_month: 1.2, turnover_log1p: 0.9, holding_days: 0 },
    ]), names, { labels });
    expect(one).toMatchObject({ code: 'profile_trades_per_month_high', score: null });
    expect(two).toMatchObject({ code: 'frequent_trader' });
  });

  it('ruleHolds asks for ⌈2/3⌉ of the terms at sign × z ≥ the bar, absent features counting as unmet', () => {
    const trader = segmentRules.find((r) => r.code === 'frequent_trader')!;
    const holder = segmentRules.find((r) => r.code === 'steady_holder')!;
    const z = (entries: Record<string, number>) => new Map(Object.entries(entries));
    expect(ruleHolds(trader, z({ trades_per_month: 0.5, turnover_log1p: 0.5, holding_days: 0 }), 0.5)).toBe(true);
    expect(ruleHolds(trader, z({ trades_per_month: 0.5, turnover_log1p: 0.49, holding_days: 0.5 }), 0.5)).toBe(false);
    expect(ruleHolds(trader, z({ trades_per_month: 3, holding_days: -3 }), 0.5)).toBe(true);
    expect(ruleHolds(trader, z({ trades_per_month: 3 }), 0.5)).toBe(false);
    // Four terms need three.
    expect(ruleHolds(holder, z({ txn_per_month: -1, share_fixed_income: 1, type_share_dividend: 0, type_share_interest: 0 }), 0.5)).toBe(false);
    expect(ruleHolds(holder, z({ txn_per_month: -1, share_fixed_income: 1, type_share_dividend: 0.5, type_share_interest: 0 }), 0.5)).toBe(true);
  });

  it('describes a non-matching profile as high/low of its two most distinctive features', () => {
    const [r] = nameSegments(centroids([{ turnover_log1p: 1.9, holding_days: -1.4, share_fund: 0.2 }]), names, { rules: [], labels });
    expect(r).toMatchObject({ zh: '高 换手率(对数) · 低 平均持有期(天)', en: 'high turnover (log) · low average holding period (days)', code: 'profile_turnover_log1p_high_holding_days_low' });
  });

  it('never gives a domain name twice, and maximises the total fit', () => {
    // Greedy would give segment 0 global allocator (its best, 2.1) and leave segment 1 unnamed;
    // the matching gives 0 frequent trader and 1 global allocator.
    const result = nameSegments(centroids([
      { trades_per_month: 2, turnover_log1p: 2, holding_days: -2, share_foreign: 2.1, share_alternative: 2.1 },
      { share_foreign: 1, share_alternative: 1 },
    ]), names);
    expect(result.map((r) => r.code)).toEqual(['frequent_trader', 'global_allocator']);
  });

  it('with more segments than domain names, names each domain at most once and keeps codes unique', () => {
    const profiles = Array.from({ length: 12 }, (_, s) => ({ trades_per_month: 1 + s * 0.1, turnover_log1p: 1 + s * 0.1, pension_regularity: s % 2 }));
    const result = nameSegments(centroids(profiles), names);
    const domain = result.filter((r) => r.score !== null).map((r) => r.code);
    expect(new Set(domain).size).toBe(domain.length);
    expect(new Set(result.map((r) => r.code)).size).toBe(12);
    expect(new Set(result.map((r) => r.zh)).size).toBe(12);
    // The strongest trader profile gets the name.
    expect(result[11]!.code).toBe('frequent_trader');
  });

  it('tolerates a catalogue without some of the rules\' features and unknown features', () => {
    const few = ['pension_regularity', 'age_band_code'];
    const result = nameSegments(centroids([{ pension_regularity: 1.5 }, { age_band_code: -2 }], few), few);
    expect(result[0]!.code).toBe('retiree_pension');
    expect(result[1]).toMatchObject({ zh: '低 age_band_code', en: 'low age_band_code', code: 'profile_age_band_code_low' });
  });

  it('takes labels from the caller and shows a feature without one by its name', () => {
    const [r] = nameSegments(centroids([{ turnover_log1p: 2, holding_days: -1 }]), names, {
      rules: [], labels: { turnover_log1p: { zh: '周转率', en: 'churn' } },
    });
    expect(r!.zh).toBe('高 周转率 · 低 holding_days');
    expect(r!.en).toBe('high churn · low holding_days');
  });

  it('reads a one-hot level as one phrase, "more <level>", never as low', () => {
    const table = ['income', 'has_pension=no', 'has_pension=yes'];
    // The segment holds "yes" far more than average (so "no" far less) and has low income.
    const [r] = nameSegments(Float64Array.of(-0.8, -2, 2), table, { rules: [], levels: new Set(['has_pension=no', 'has_pension=yes']) });
    expect(r!.zh).toBe('has_pension=yes 多 · 低 income');
    expect(r!.en).toBe('more has_pension=yes · low income');
    expect(r!.code).toBe('profile_has_pension=yes_income_low');
    expect(r!.topFeatures.map((t) => t.name)).not.toContain('has_pension=no');
  });

  it('requires a score of at least minScore', () => {
    const weak = centroids([{ pension_regularity: 0.4 }]);
    expect(nameSegments(weak, names)[0]!.score).toBeNull();
    expect(nameSegments(weak, names, { minScore: 0.3 })[0]!.code).toBe('retiree_pension');
  });

  it('has seven distinct domain segments', () => {
    expect(new Set(segmentRules.map((r) => r.zh)).size).toBe(7);
  });

  it('throws input_invalid when centroids do not fit the names', () => {
    expect(() => nameSegments(Float64Array.of(1, 2, 3), ['a', 'b'])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
