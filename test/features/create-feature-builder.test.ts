import { describe, expect, it } from 'vitest';
import { featureColumn, type FeatureMatrix } from '../../src/core/feature-matrix.js';
import { createFeatureBuilder } from '../../src/features/create-feature-builder.js';
import { FEATURE_NAMES, type FeatureName } from '../../src/features/feature-catalogue.js';
import { day, feed, makeClientTable, type TxnRow } from './fixtures.js';

// As-of 2024-12-31 with the default 12 months: the window is 2024-01-01 … 2024-12-31 (366 days)
// and each window month is a calendar month.
const asOf = day('2024-12-31');

const clients = makeClientTable([
  { id: 'A', birth: '1980-06-15', aum: 100_000, dependants: 2, openedOn: '2020-12-31' },
  { id: 'B', birth: '1960-12-31', aum: 0 },
  { id: 'C', birth: '2000-01-01', aum: 500 },
]);

const A = 0;
const B = 1;
const txns: TxnRow[] = [
  { client: A, date: '2023-12-31', amount: 99_999, direction: 'credit', type: 'salary' }, // first excluded day
  { client: A, date: '2024-01-01', amount: 1_000, direction: 'credit', type: 'dividend' }, // first window day
  { client: A, date: '2024-01-15', amount: 10_000, direction: 'credit', type: 'salary' },
  { client: A, date: '2024-02-15', amount: 10_000, direction: 'credit', type: 'salary' },
  { client: A, date: '2024-03-10', amount: 60_000, direction: 'debit', type: 'buy', asset: 'fund', risk: 3 },
  { client: A, date: '2024-03-20', amount: 30_000, direction: 'debit', type: 'buy', asset: 'equity', risk: 5, foreign: true },
  { client: A, date: '2024-06-01', amount: 10_000, direction: 'debit', type: 'buy' }, // no class, no risk
  { client: A, date: '2024-06-30', amount: 40_000, direction: 'credit', type: 'sell', asset: 'fund' },
  { client: A, date: '2024-07-05', amount: 20_000, direction: 'debit', type: 'tuition' },
  { client: A, date: '2024-08-05', amount: 5_000, direction: 'debit', type: 'insurance_premium' },
  { client: A, date: '2024-12-31', amount: 5_000, direction: 'debit', type: 'card_spend' }, // the as-of day counts
  { client: A, date: '2025-01-01', amount: 99_999, direction: 'debit', type: 'buy', asset: 'trust', risk: 5 }, // label horizon
  { client: B, date: '2024-10-01', amount: 6_000, direction: 'credit', type: 'sell', asset: 'bond' },
  { client: B, date: '2024-11-30', amount: 3_000, direction: 'credit', type: 'pension' },
  { client: B, date: '2024-12-01', amount: 3_000, direction: 'credit', type: 'pension' },
  { client: B, date: '2024-12-15', amount: 3_000, direction: 'debit', type: 'loan_repayment' },
];

function build(rows: readonly TxnRow[]): FeatureMatrix {
  const builder = createFeatureBuilder(clients, { asOf });
  feed(builder.sink, rows);
  return builder.finish();
}

function row(m: FeatureMatrix, r: number): Record<FeatureName, number> {
  return Object.fromEntries(m.names.map((n, j) => [n, m.values[r * m.cols + j]])) as Record<FeatureName, number>;
}

describe('createFeatureBuilder', () => {
  const matrix = build(txns);

  it('lays the matrix out as clients × catalogue features', () => {
    expect(matrix.names).toEqual(FEATURE_NAMES);
    expect(matrix.clientIds).toEqual(['A', 'B', 'C']);
    expect([matrix.rows, matrix.cols, matrix.values.length]).toEqual([3, 83, 249]);
  });

  it('computes every feature of an active trading client (A)', () => {
    // Window months: Jan 11 000, Feb 10 000, Mar 90 000, Jun 50 000, Jul 20 000, Aug 5 000, Dec 5 000.
    const monthly = [11_000, 10_000, 90_000, 0, 0, 50_000, 20_000, 5_000, 0, 0, 0, 5_000];
    const mean = 191_000 / 12;
    const sd = Math.sqrt(monthly.reduce((s, x) => s + (x - mean) ** 2, 0) / 12);
    expect(row(matrix, A)).toMatchObject({
      recency_days: 0,
      txn_per_month: 10 / 12,
      log_monthly_flow: Math.log10(1 + 191_000 / 12),
      log_monthly_income: Math.log10(1 + 21_000 / 12),
      trades_per_month: 4 / 12,
      turnover_log1p: Math.log1p(140_000 / 100_000),
      holding_days: 912.5, // 365 × 100 000 / 40 000
      share_cash_deposit: 0,
      share_fixed_income: 0,
      share_fund: 60_000 / 90_000,
      share_equity: 30_000 / 90_000,
      share_insurance: 0,
      share_alternative: 0,
      share_foreign: 0.3,
      share_high_risk: 30_000 / 90_000,
      mean_product_risk: (60_000 * 3 + 30_000 * 5) / 90_000,
      salary_regularity: 2 / 12,
      pension_regularity: 0,
      tuition_share: 20_000 / 130_000,
      insurance_premium_share: 5_000 / 130_000,
      loan_repayment_share: 0,
      card_spend_share: 5_000 / 130_000,
      periodic_outflow_regularity: 2 / 12,
      flow_volatility: sd / mean,
      net_flow_ratio: (61_000 - 130_000) / 191_000,
      age_years: 44,
      tenure_years: 4, // 1461 days from opened_on
      log_aum: Math.log10(100_001),
      dependants: 2,
    });
  });

  it('computes the generic blocks of client A (type, amount, asset and risk mixes; monthly activity)', () => {
    const r = row(matrix, A);
    const nonZero = (prefix: string): Record<string, number> =>
      Object.fromEntries(Object.entries(r).filter(([n, x]) => n.startsWith(prefix) && x !== 0));
    // 10 window transactions worth 191 000.
    expect(nonZero('type_share_')).toStrictEqual({
      type_share_salary: 2 / 10, type_share_buy: 3 / 10, type_share_sell: 1 / 10, type_share_dividend: 1 / 10,
      type_share_insurance_premium: 1 / 10, type_share_tuition: 1 / 10, type_share_card_spend: 1 / 10,
    });
    expect(nonZero('type_amount_share_')).toStrictEqual({
      type_amount_share_salary: 20_000 / 191_000, type_amount_share_buy: 100_000 / 191_000, type_amount_share_sell: 40_000 / 191_000,
      type_amount_share_dividend: 1_000 / 191_000, type_amount_share_insurance_premium: 5_000 / 191_000,
      type_amount_share_tuition: 20_000 / 191_000, type_amount_share_card_spend: 5_000 / 191_000,
    });
    // The unclassified, unrated 10 000 buy is in neither mix's denominator.
    expect(nonZero('buy_share_')).toStrictEqual({
      buy_share_fund: 60_000 / 90_000, buy_share_equity: 30_000 / 90_000, buy_share_r3: 60_000 / 90_000, buy_share_r5: 30_000 / 90_000,
    });
    // Monthly counts Jan 2, Feb 1, Mar 2, Jun 2, Jul 1, Aug 1, Dec 1: Σ (m − 5.5) c_m = −16, Σ (m − 5.5)² = 143.
    expect(r.active_month_share).toBe(7 / 12);
    expect(r.txn_count_trend).toBeCloseTo(((-16 / 143) * 11) / (10 / 12), 12);
    // Monthly amounts as in the previous test: Σ (m − 5.5) x_m = −400 500.
    expect(r.flow_trend).toBeCloseTo(((-400_500 / 143) * 11) / (191_000 / 12), 12);
    // Σ c² = 16, mean 10/12.
    expect(r.txn_count_volatility).toBeCloseTo(Math.sqrt((16 - 12 * (10 / 12) ** 2) / 12) / (10 / 12), 12);
  });

  it('computes every feature of a retiree with no AUM and no opened_on (B)', () => {
    // Oct 6 000, Nov 3 000, Dec 6 000; mean 1 250.
    const squares = 2 * 4_750 ** 2 + 1_750 ** 2 + 9 * 1_250 ** 2;
    expect(row(matrix, B)).toMatchObject({
      recency_days: 16,
      txn_per_month: 4 / 12,
      log_monthly_flow: Math.log10(1 + 15_000 / 12),
      log_monthly_income: Math.log10(1 + 6_000 / 12),
      trades_per_month: 1 / 12,
      turnover_log1p: Math.log1p(6_000 / 1_000), // AUM floored at 1 000
      holding_days: 0, // sells with no AUM left
      share_cash_deposit: 0,
      share_fixed_income: 0,
      share_fund: 0,
      share_equity: 0,
      share_insurance: 0,
      share_alternative: 0,
      share_foreign: 0,
      share_high_risk: 0,
      mean_product_risk: 0,
      salary_regularity: 0,
      pension_regularity: 2 / 12,
      tuition_share: 0,
      insurance_premium_share: 0,
      loan_repayment_share: 1,
      card_spend_share: 0,
      periodic_outflow_regularity: 1 / 12,
      flow_volatility: Math.sqrt(squares / 12) / 1_250,
      net_flow_ratio: 0.6,
      age_years: 64, // birthday on the as-of day counts
      tenure_years: 91 / 365.25, // from the first window transaction, 2024-10-01
      log_aum: 0,
      dependants: 0,
    });
  });

  it('gives a client with no transactions the documented fallbacks (C)', () => {
    const fallbacks = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0]));
    expect(row(matrix, 2)).toStrictEqual({
      ...fallbacks,
      recency_days: 366,
      holding_days: 3650,
      age_years: 24,
      log_aum: Math.log10(501),
    });
  });

  it('gives a matrix of finite numbers only', () => {
    expect(matrix.values.every(Number.isFinite)).toBe(true);
  });

  it('counts where transactions fell relative to the window', () => {
    const builder = createFeatureBuilder(clients, { asOf });
    feed(builder.sink, txns);
    expect(builder.stats()).toEqual({ inWindow: 14, beforeWindow: 1, afterAsOf: 1 });
  });

  it('keeps no reference to the reused record and does not depend on order', () => {
    const builder = createFeatureBuilder(clients, { asOf });
    const record = feed(builder.sink, [...txns].reverse());
    Object.assign(record, { clientIndex: A, day: asOf, amount: 1e9, type: 5, assetClass: 0, productRisk: 5 });
    expect(builder.finish()).toStrictEqual(matrix);
  });

  it('uses the window length: a 1-month window sees December only', () => {
    const builder = createFeatureBuilder(clients, { asOf, windowMonths: 1 });
    feed(builder.sink, txns);
    const m = builder.finish();
    expect(builder.stats()).toEqual({ inWindow: 3, beforeWindow: 12, afterAsOf: 1 });
    expect(Array.from(featureColumn(m, 'recency_days'))).toEqual([0, 16, 31]);
    expect(Array.from(featureColumn(m, 'txn_per_month'))).toEqual([1, 2, 0]);
    expect(Array.from(featureColumn(m, 'pension_regularity'))).toEqual([0, 1, 0]);
    // B's opened_on is missing and its first transaction in this window is 2024-12-01.
    expect(Array.from(featureColumn(m, 'tenure_years'))).toEqual([4, 30 / 365.25, 0]);
  });

  it('caps the holding period at ten years and floors tenure at zero', () => {
    const rich = makeClientTable([{ id: 'R', birth: '1990-01-01', aum: 10_000_000, openedOn: '2025-03-01' }]);
    const builder = createFeatureBuilder(rich, { asOf });
    feed(builder.sink, [{ client: 0, date: '2024-05-05', amount: 1_000, direction: 'credit', type: 'sell' }]);
    const m = builder.finish();
    expect(featureColumn(m, 'holding_days')[0]).toBe(3650);
    expect(featureColumn(m, 'tenure_years')[0]).toBe(0);
    expect(featureColumn(m, 'age_years')[0]).toBe(34);
  });
});

describe('createFeatureBuilder errors', () => {
  it.each([
    ['a zero-month window', { asOf, windowMonths: 0 }],
    ['a fractional window', { asOf, windowMonths: 1.5 }],
    ['a window over ten years', { asOf, windowMonths: 121 }],
    ['a fractional as-of day', { asOf: asOf + 0.5 }],
    ['a misspelt option', { asOf, windowMonth: 6 }],
  ])('refuses %s with config_invalid', (_what, options) => {
    expect(() => createFeatureBuilder(clients, options as never)).toThrowError(expect.objectContaining({ code: 'config_invalid' }));
  });

  it('refuses non-finite input with input_invalid: the message names the client and feature for the user, the details (which reach logs) only the row', () => {
    const builder = createFeatureBuilder(clients, { asOf });
    feed(builder.sink, [{ client: B, date: '2024-05-01', amount: Infinity, direction: 'credit', type: 'other' }]);
    let error: unknown;
    try { builder.finish(); } catch (err) { error = err; }
    expect(error).toMatchObject({
      code: 'input_invalid',
      message: `feature log_monthly_flow of client ${clients.ids[B]} came out Infinity (an input number of this client is out of range): check this client's amounts and dates in the inputs`,
      details: { row: 1, feature: 'log_monthly_flow', impersonalMessage: 'feature log_monthly_flow of the client on row 2 came out Infinity: check that client\'s amounts and dates' },
    });
    expect(JSON.stringify((error as { details: unknown }).details)).not.toContain(clients.ids[B]!);
  });
});
