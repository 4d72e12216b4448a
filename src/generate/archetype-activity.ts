import type { AssetClass } from '../core/contract.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../core/fx.js';
import { assertNever } from '../core/errors.js';
import type { ActivityKit } from './activity-kit.js';

type Mix = readonly (readonly [AssetClass, number])[];

/** Calls `fn` near `dayOfMonth` in the last month of each quarter (March, June, September, December). */
function quarterly(k: ActivityKit, dayOfMonth: number, fn: (day: number) => void): void {
  for (const start of k.cal.monthStarts) if (k.cal.month(start) % 3 === 0) fn(start + dayOfMonth - 1);
}

function pickAsset(k: ActivityKit, mix: Mix): AssetClass {
  return mix[k.rng.pickWeighted(mix.map((m) => m[1]))]![0];
}

/**
 * A client's everyday transactions over the window and the horizon, by archetype. Rates and sizes
 * are per client (drawn once) with realistic spread, but each archetype keeps a signature the
 * behaviour features see: trade count, asset mix, income rhythm, large periodic payments.
 *
 * @example
 * const kit = new ActivityKit(rng, calendar, profile);
 * archetypeActivity(kit); // kit.txns now holds the client's history
 */
export function archetypeActivity(k: ActivityKit): void {
  const { p } = k;
  if (p.income > 0) k.monthly(p.payDay, 1, (d) => k.emit(d, p.income * k.logNormal(1, 0.04), 'salary'));
  const name = p.archetype.name;
  switch (name) {
    case 'frequent_trader': return frequentTrader(k);
    case 'steady_holder': return steadyHolder(k);
    case 'conservative_saver': return conservativeSaver(k);
    case 'education_saver': return educationSaver(k);
    case 'retiree': return retiree(k);
    case 'uhnw_global_allocator': return uhnwGlobalAllocator(k);
    case 'young_professional': return youngProfessional(k);
    default: return assertNever(name, 'archetype');
  }
}

function frequentTrader(k: ActivityKit): void {
  const { p } = k;
  const mix: Mix = p.tolerance === 'aggressive'
    ? [['equity', 0.55], ['fund', 0.2], ['derivative', 0.25]]
    : [['equity', 0.55], ['fund', 0.38], ['derivative', 0.07]];
  const ticket = p.aum * 0.06;
  k.poisson(k.logNormal(3, 0.3), (d) => {
    const asset = pickAsset(k, mix);
    k.product(d, k.logNormal(ticket, 0.7), k.rng.bernoulli(0.5) ? 'buy' : 'sell', asset);
  });
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(p.aum * 0.004, 0.6), 'dividend', 'equity', 4));
  quarterly(k, 27, (d) => k.emit(d, k.logNormal(ticket * 0.02, 0.5), 'fee'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(p.aum * 0.08, 0.6), 'transfer_in'));
  k.poisson(0.3, (d) => k.emit(d, k.logNormal(5000, 0.8), 'card_spend'));
}

function steadyHolder(k: ActivityKit): void {
  const { p } = k;
  // A few hold no funds at all (bonds and wealth products only): they can still take up growth.
  const fundWeight = k.rng.bernoulli(0.15) ? 0 : 0.35;
  const mix: Mix = [['fund', fundWeight], ['bond', 0.35], ['wealth_product', 0.3]];
  const ticket = p.aum * 0.1;
  k.poisson(k.logNormal(0.5, 0.25), (d) => k.product(d, k.logNormal(ticket, 0.5), 'buy', pickAsset(k, mix)));
  k.poisson(0.08, (d) => k.product(d, k.logNormal(ticket, 0.5), 'sell', pickAsset(k, mix)));
  quarterly(k, 21, (d) => k.emit(d, k.logNormal(p.aum * 0.004, 0.3), 'interest'));
  if (fundWeight > 0) k.poisson(0.15, (d) => k.emit(d, k.logNormal(p.aum * 0.002, 0.5), 'dividend', 'fund', 3));
  k.poisson(0.15, (d) => k.emit(d, k.logNormal(p.aum * 0.05, 0.6), 'transfer_in'));
  k.poisson(0.3, (d) => k.emit(d, k.logNormal(10_000, 0.8), 'card_spend'));
}

function conservativeSaver(k: ActivityKit): void {
  const { p } = k;
  const mix: Mix = [['deposit', 0.45], ['money_market', 0.35], ['wealth_product', 0.2]];
  const ticket = Math.max(p.income * 0.6, p.aum * 0.04, 2000);
  k.poisson(k.logNormal(0.8, 0.25), (d) => k.product(d, k.logNormal(ticket, 0.5), 'buy', pickAsset(k, mix)));
  k.poisson(0.2, (d) => k.product(d, k.logNormal(ticket, 0.5), 'sell', k.rng.bernoulli(0.6) ? 'deposit' : 'wealth_product'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(ticket * 0.5, 0.6), 'deposit'));
  quarterly(k, 21, (d) => k.emit(d, k.logNormal(p.aum * 0.004, 0.2), 'interest'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(2000, 0.6), 'withdrawal'));
  k.poisson(0.3, (d) => k.emit(d, k.logNormal(5000, 0.7), 'card_spend'));
}

function educationSaver(k: ActivityKit): void {
  const { p } = k;
  const fee = k.logNormal(20_000, 0.4);
  k.termStarts((d) => k.emit(d, fee * p.dependants * k.logNormal(1, 0.05), 'tuition'));
  const premium = k.logNormal(p.income * 0.1, 0.3);
  if (k.rng.bernoulli(0.6)) {
    const day = 1 + k.rng.int(28);
    k.monthly(day, 0, (d) => k.emit(d, premium, 'insurance_premium', 'insurance', 1));
  } else {
    // Yearly premiums fall on the policy anniversary, always inside a 12-month window.
    const m = k.rng.int(12);
    for (const start of k.cal.monthStarts) if (k.cal.month(start) === m + 1) k.emit(start + 9, premium * 12, 'insurance_premium', 'insurance', 1);
  }
  if (k.rng.bernoulli(0.55)) {
    const loan = k.logNormal(p.income * 0.3, 0.2);
    k.monthly(p.payDay, 0, (d) => k.emit(d + 2, loan, 'loan_repayment'));
  }
  const mix: Mix = [['wealth_product', 0.6], ['fund', 0.4]];
  k.poisson(0.3, (d) => k.product(d, k.logNormal(p.income * 0.5, 0.5), 'buy', pickAsset(k, mix)));
  k.poisson(0.4, (d) => k.emit(d, k.logNormal(8000, 0.7), 'card_spend'));
}

function retiree(k: ActivityKit): void {
  const { p } = k;
  const pension = k.logNormal(6000, 0.4);
  k.monthly(p.payDay, 1, (d) => k.emit(d, pension, 'pension'));
  quarterly(k, 21, (d) => k.emit(d, k.logNormal(p.aum * 0.006, 0.2), 'interest'));
  const mix: Mix = [['deposit', 0.5], ['bond', 0.35], ['wealth_product', 0.15]];
  const ticket = p.aum * 0.06;
  k.poisson(k.logNormal(0.6, 0.25), (d) => k.product(d, k.logNormal(ticket, 0.5), 'buy', pickAsset(k, mix)));
  k.poisson(0.2, (d) => k.product(d, k.logNormal(ticket, 0.5), 'sell', pickAsset(k, mix)));
  k.poisson(0.5, (d) => k.emit(d, k.logNormal(4000, 0.6), 'withdrawal'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(2500, 0.8), 'card_spend'));
}

function uhnwGlobalAllocator(k: ActivityKit): void {
  const { p } = k;
  // Suitability: a conservative client is not sold R4-R5 equities or alternatives.
  const mix: Mix = p.tolerance === 'conservative'
    ? [['fx', 0.35], ['trust', 0.15], ['bond', 0.35], ['fund', 0.15]]
    : [['fx', 0.3], ['trust', 0.15], ['alternative', 0.2], ['equity', 0.15], ['bond', 0.1], ['fund', 0.1]];
  const ticket = p.aum * 0.02;
  const foreign = (asset: AssetClass): string => {
    if (asset === 'trust') return 'CNY';
    if (asset === 'equity') return 'HKD';
    return k.rng.bernoulli(0.7) ? 'USD' : asset === 'alternative' ? 'CNY' : 'HKD';
  };
  const move = (d: number, type: 'buy' | 'sell'): void => {
    const asset = pickAsset(k, mix);
    const currency = foreign(asset);
    k.product(d, k.logNormal(ticket, 0.6) / DEFAULT_FX_RATES_TO_CNY[currency]!, type, asset, currency);
  };
  k.poisson(k.logNormal(1, 0.2), (d) => move(d, 'buy'));
  k.poisson(0.3, (d) => move(d, 'sell'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(p.aum * 0.03, 0.5), 'transfer_in'));
  k.poisson(0.2, (d) => k.emit(d, k.logNormal(p.aum * 0.03, 0.5), 'transfer_out'));
  k.poisson(0.3, (d) => k.emit(d, k.logNormal(p.aum * 0.001, 0.4) / DEFAULT_FX_RATES_TO_CNY.USD!, 'dividend', 'equity', 4, 'USD'));
  quarterly(k, 26, (d) => k.emit(d, k.logNormal(p.aum * 0.0005, 0.2), 'fee'));
  k.poisson(0.8, (d) => k.emit(d, k.logNormal(60_000, 0.8), 'card_spend'));
}

function youngProfessional(k: ActivityKit): void {
  const { p } = k;
  k.poisson(0.8, (d) => k.emit(d, k.logNormal(p.income * 0.45, 0.5), 'card_spend'));
  const rent = k.logNormal(p.income * 0.3, 0.2);
  k.monthly(1 + k.rng.int(5), 0, (d) => k.emit(d, rent, 'transfer_out'));
  if (k.rng.bernoulli(0.8)) k.poisson(0.8, (d) => k.product(d, k.logNormal(p.income * 0.2, 0.6), 'buy', 'fund'));
  if (k.rng.bernoulli(0.3)) {
    const loan = k.logNormal(p.income * 0.15, 0.2);
    k.monthly(p.payDay, 0, (d) => k.emit(d + 3, loan, 'loan_repayment'));
  }
  k.poisson(0.15, (d) => k.emit(d, k.logNormal(p.income * 0.5, 0.6), 'transfer_in'));
}
