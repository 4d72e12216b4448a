import { describe, expect, it } from 'vitest';
import { ASSET_CLASSES, TXN_TYPES, type AssetClass, type TxnType } from '../../src/core/contract.js';
import { formatDay } from '../../src/core/days.js';
import { Rng } from '../../src/core/rng.js';
import { createFeatureBuilder } from '../../src/features/create-feature-builder.js';
import { FEATURE_NAMES } from '../../src/features/feature-catalogue.js';
import { day, feed, makeClientTable, type ClientRow, type TxnRow } from './fixtures.js';

// An independent, deliberately naive reading of the catalogue's formulas: transactions kept as a
// list, dates compared as calendar fields. The streaming builder must agree with it on random data.

const CLIENTS = 40;
const TXNS = 4000;

function generate(rng: Rng): { clients: ClientRow[]; txns: TxnRow[] } {
  const clients: ClientRow[] = Array.from({ length: CLIENTS }, (_, i) => ({
    id: `C${i}`,
    birth: formatDay(day('1940-01-01') + rng.int(60 * 365)),
    aum: rng.bernoulli(0.1) ? 0 : Math.round(rng.logNormal(300_000, 1.5)),
    ...(rng.bernoulli(0.7) ? { dependants: rng.int(4) } : {}),
    ...(rng.bernoulli(0.6) ? { openedOn: formatDay(day('2010-01-01') + rng.int(16 * 365)) } : {}),
  }));
  const first = day('2023-06-01');
  const span = day('2025-03-31') - first + 1;
  const txns: TxnRow[] = Array.from({ length: TXNS }, () => {
    const type = rng.pick(TXN_TYPES);
    const trade = type === 'buy' || type === 'sell';
    return {
      client: rng.int(CLIENTS - 2), // the last two clients have no transactions
      date: formatDay(first + rng.int(span)),
      amount: Math.round(rng.logNormal(5_000, 1.2) * 100) / 100,
      direction: rng.bernoulli(0.5) ? 'credit' : 'debit',
      type,
      ...(trade && rng.bernoulli(0.8) ? { asset: rng.pick(ASSET_CLASSES) } : {}),
      ...(trade && rng.bernoulli(0.7) ? { risk: 1 + rng.int(5) } : {}),
      ...(rng.bernoulli(0.15) ? { foreign: true } : {}),
    };
  });
  return { clients, txns };
}

const ymd = (text: string): [number, number, number] => text.split('-').map(Number) as [number, number, number];

/** Window month of a date (0 = oldest), or -1 outside; asOf on day ≤ 28 or a month end. */
function bucketOf(date: string, asOf: string, months: number, monthEnd: boolean): number {
  const [y, m, d] = ymd(date);
  const [ay, am, ad] = ymd(asOf);
  const periodEnd = y * 12 + m + (!monthEnd && d > ad ? 1 : 0);
  const k = months - 1 - (ay * 12 + am - periodEnd);
  return k >= 0 && k < months ? k : -1;
}

function reference(c: ClientRow, txns: TxnRow[], asOf: string, W: number, monthEnd: boolean): Record<string, number> {
  const inWin = txns.filter((t) => bucketOf(t.date, asOf, W, monthEnd) >= 0);
  const sum = (xs: TxnRow[]): number => xs.reduce((s, t) => s + t.amount, 0);
  const of = (...types: TxnType[]) => (t: TxnRow): boolean => types.includes(t.type);
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
  const credits = inWin.filter((t) => t.direction === 'credit');
  const debits = inWin.filter((t) => t.direction === 'debit');
  const buys = inWin.filter(of('buy'));
  const sells = inWin.filter(of('sell'));
  const classified = buys.filter((t) => t.asset !== undefined);
  const inClasses = (...cs: AssetClass[]): number => ratio(sum(classified.filter((t) => cs.includes(t.asset!))), sum(classified));
  const risked = buys.filter((t) => t.risk !== undefined);
  const monthsWith = (pred: (t: TxnRow) => boolean): number =>
    new Set(inWin.filter(pred).map((t) => bucketOf(t.date, asOf, W, monthEnd))).size / W;
  const monthly = Array.from({ length: W }, (_, k) => sum(inWin.filter((t) => bucketOf(t.date, asOf, W, monthEnd) === k)));
  const counts = Array.from({ length: W }, (_, k) => inWin.filter((t) => bucketOf(t.date, asOf, W, monthEnd) === k).length);
  const cvOf = (xs: number[]): number => {
    const mean = xs.reduce((a, b) => a + b, 0) / W;
    return mean > 0 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / W) / mean : 0;
  };
  // Ordinary least squares of the monthly values on the month index, scaled to the window and the mean.
  const trend = (ys: number[]): number => {
    const mean = ys.reduce((a, b) => a + b, 0) / W;
    if (W < 2 || mean <= 0) return 0;
    const xs = ys.map((_, m) => m);
    const mx = xs.reduce((a, b) => a + b, 0) / W;
    const slope = xs.reduce((s, x, m) => s + (x - mx) * (ys[m]! - mean), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    return (slope * (W - 1)) / mean;
  };
  const cv = cvOf(monthly);
  const [ay, am, ad] = ymd(asOf);
  const start = new Date(Date.UTC(ay, monthEnd ? am - W : am - 1 - W, monthEnd ? 0 : ad)).toISOString().slice(0, 10);
  const windowDays = day(asOf) - day(start);
  const days = inWin.map((t) => day(t.date));
  const [by, bm, bd] = ymd(c.birth);
  const age = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
  const since = c.openedOn !== undefined ? day(c.openedOn) : days.length ? Math.min(...days) : day(asOf);
  const annualSell = (sum(sells) * 12) / W;
  return {
    recency_days: days.length ? day(asOf) - Math.max(...days) : windowDays,
    txn_per_month: inWin.length / W,
    log_monthly_flow: Math.log10(1 + sum(inWin) / W),
    log_monthly_income: Math.log10(1 + sum(credits.filter(of('salary', 'pension', 'dividend', 'interest'))) / W),
    trades_per_month: (buys.length + sells.length) / W,
    turnover_log1p: Math.log(1 + ((sum(buys) + sum(sells)) * 12) / W / Math.max(c.aum, 1000)),
    holding_days: annualSell > 0 ? Math.min(3650, (365 * c.aum) / annualSell) : 3650,
    share_cash_deposit: inClasses('cash', 'deposit'),
    share_fixed_income: inClasses('wealth_product', 'money_market', 'bond'),
    share_fund: inClasses('fund'),
    share_equity: inClasses('equity', 'derivative'),
    share_insurance: inClasses('insurance'),
    share_alternative: inClasses('reit', 'trust', 'fx', 'alternative'),
    share_foreign: ratio(sum(buys.filter((t) => t.foreign === true)), sum(buys)),
    share_high_risk: ratio(sum(risked.filter((t) => t.risk! >= 4)), sum(risked)),
    mean_product_risk: ratio(risked.reduce((s, t) => s + t.amount * t.risk!, 0), sum(risked)),
    salary_regularity: monthsWith((t) => t.type === 'salary' && t.direction === 'credit'),
    pension_regularity: monthsWith((t) => t.type === 'pension' && t.direction === 'credit'),
    tuition_share: ratio(sum(debits.filter(of('tuition'))), sum(debits)),
    insurance_premium_share: ratio(sum(debits.filter(of('insurance_premium'))), sum(debits)),
    loan_repayment_share: ratio(sum(debits.filter(of('loan_repayment'))), sum(debits)),
    card_spend_share: ratio(sum(debits.filter(of('card_spend'))), sum(debits)),
    periodic_outflow_regularity: monthsWith((t) => t.direction === 'debit' && of('tuition', 'insurance_premium', 'loan_repayment')(t)),
    flow_volatility: cv,
    net_flow_ratio: ratio(sum(credits) - sum(debits), sum(credits) + sum(debits)),
    age_years: Math.max(0, age),
    tenure_years: Math.max(0, (day(asOf) - since) / 365.25),
    log_aum: Math.log10(1 + c.aum),
    dependants: c.dependants ?? 0,
    active_month_share: new Set(inWin.map((t) => bucketOf(t.date, asOf, W, monthEnd))).size / W,
    txn_count_trend: trend(counts),
    flow_trend: trend(monthly),
    txn_count_volatility: cvOf(counts),
    ...Object.fromEntries(TXN_TYPES.map((t) => [`type_share_${t}`, ratio(inWin.filter(of(t)).length, inWin.length)])),
    ...Object.fromEntries(TXN_TYPES.map((t) => [`type_amount_share_${t}`, ratio(sum(inWin.filter(of(t))), sum(inWin))])),
    ...Object.fromEntries(ASSET_CLASSES.map((a) => [`buy_share_${a}`, inClasses(a)])),
    ...Object.fromEntries([1, 2, 3, 4, 5].map((r) => [`buy_share_r${r}`, ratio(sum(risked.filter((t) => t.risk === r)), sum(risked))])),
  };
}

describe('the streaming builder against a naive reference on random data', () => {
  const { clients, txns } = generate(new Rng('reference-features'));
  const table = makeClientTable(clients);

  it.each([
    ['a month-end as-of, 12 months', '2024-12-31', 12, true],
    ['a leap-month-end as-of, 3 months', '2024-02-29', 3, true],
    ['a mid-month as-of, 6 months', '2024-09-15', 6, false],
    ['a 36-month window (two flag words per kind)', '2025-03-31', 36, true],
  ] as const)('agrees on every feature of every client for %s', (_what, asOf, W, monthEnd) => {
    const builder = createFeatureBuilder(table, { asOf: day(asOf), windowMonths: W });
    feed(builder.sink, txns);
    const m = builder.finish();
    const inWindow = txns.filter((t) => bucketOf(t.date, asOf, W, monthEnd) >= 0).length;
    expect(builder.stats().inWindow).toBe(inWindow);
    expect(inWindow).toBeGreaterThan(300);
    let compared = 0;
    clients.forEach((c, i) => {
      const expected = reference(c, txns.filter((t) => t.client === i), asOf, W, monthEnd);
      if (i === 0) expect(Object.keys(expected).sort()).toEqual([...FEATURE_NAMES].sort());
      FEATURE_NAMES.forEach((name, j) => {
        const got = m.values[i * m.cols + j]!;
        const want = expected[name]!;
        // Sums run in a different order, so allow rounding at the 1e-9 relative level.
        if (Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) {
          expect.fail(`${name} of client ${i}: builder ${got}, reference ${want}`);
        }
        compared++;
      });
    });
    expect(compared).toBe(CLIENTS * FEATURE_NAMES.length);
  });
});
