import { NEEDS, type Need } from '../core/contract.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../core/fx.js';
import { DEFAULT_NEED_RULES, matchesNeedRule } from '../core/needs.js';
import type { ActivityKit, GeneratedTxn } from './activity-kit.js';

/** What a model can see before the as-of date that drives a client's chance to take up each need. */
interface WindowFacts {
  /** Bit i set when the window already shows NEEDS[i]. */
  readonly had: number;
  readonly salary: boolean;
  readonly pension: boolean;
  readonly loan: boolean;
  readonly cardShare: number;
}

function windowFacts(txns: readonly GeneratedTxn[], asOf: number): WindowFacts {
  let had = 0;
  let salary = false, pension = false, loan = false, card = 0, debits = 0;
  for (const t of txns) {
    if (t.day > asOf) continue;
    had |= needMask(t);
    if (t.type === 'salary') salary = true;
    else if (t.type === 'pension') pension = true;
    else if (t.type === 'loan_repayment') loan = true;
    if (t.type === 'card_spend') card += t.amount;
    if (t.type !== 'salary' && t.type !== 'pension' && t.currency === 'CNY') debits += t.amount;
  }
  return { had, salary, pension, loan, cardShare: debits > 0 ? card / debits : 0 };
}

const NEED_BIT = new Map(NEEDS.map((n, i) => [n, 1 << i]));

/** The needs whose default take-up rule this transaction matches, as bits over NEEDS. */
export function needMask(t: GeneratedTxn): number {
  let mask = 0;
  // Only buys and a few payment types can match; skipping the rest keeps the hot loop short.
  if (t.type === 'card_spend' || t.type === 'salary' || t.type === 'pension') return 0;
  for (const rule of DEFAULT_NEED_RULES) {
    if (matchesNeedRule(rule, t.type, t.assetClass, t.currency === 'CNY')) mask |= NEED_BIT.get(rule.need)!;
  }
  return mask;
}

export function needBit(need: Need): number {
  return NEED_BIT.get(need)!;
}

/**
 * Chance that a client newly takes up `need` in the horizon. Every input is observable before the
 * as-of date (age, family, AUM, income rhythm, spending), so a model trained on window features
 * can learn it; a client who already showed the need in the window is not eligible.
 */
export function needPropensity(k: ActivityKit, facts: WindowFacts, need: Need): number {
  const { age, marital, dependants, aum } = k.p;
  const family = marital === 'married' && dependants > 0;
  switch (need) {
    case 'education':
      if (family && age >= 28 && age <= 45) return 0.5;
      if (dependants > 0 && age <= 55) return 0.12;
      return 0.005;
    case 'retirement':
      if (facts.pension) return 0.01;
      if (age >= 50 && age <= 62) return 0.45;
      if (age >= 45 && age < 50) return 0.12;
      return 0.01;
    case 'protection':
      if (family && age < 50) return 0.45;
      if (facts.salary && age >= 25 && age < 50) return 0.08;
      return 0.01;
    case 'wealth_transfer':
      if (aum >= 100_000_000) return 0.55;
      if (aum >= 5_000_000 && age >= 50) return 0.45;
      if (aum >= 500_000 && age >= 55) return 0.22;
      if (aum >= 500_000 && age >= 45) return 0.06;
      return 0.002;
    case 'global_allocation':
      if (aum >= 100_000_000) return 0.55;
      if (aum >= 3_000_000) return 0.35;
      if (aum >= 500_000) return 0.1;
      return 0.004;
    case 'liquidity':
      return facts.loan || facts.cardShare > 0.25 ? 0.35 : 0.02;
    case 'growth':
      if (facts.salary && age < 40) return 0.5;
      if (facts.salary && age < 50) return 0.15;
      return 0.02;
  }
}

/**
 * Draws which needs the client takes up, removes horizon transactions that would count as a take-up
 * the client did not draw (so the default rule reproduces the truth exactly), and adds the planted
 * take-up transactions. Returns the needs taken up.
 *
 * @example
 * archetypeActivity(kit);
 * const needs = plantNeeds(kit); // e.g. ['education', 'protection']
 */
export function plantNeeds(k: ActivityKit): Need[] {
  const asOf = k.cal.asOf;
  const facts = windowFacts(k.txns, asOf);
  const planted: Need[] = [];
  for (const need of NEEDS) {
    const p = facts.had & needBit(need) ? 0 : needPropensity(k, facts, need);
    // Always draw, so one need's eligibility never shifts the stream for the next.
    if (k.rng.next() < p && k.cal.end > asOf && k.p.activeFrom <= k.cal.end) planted.push(need);
  }
  const kept = k.txns.filter((t) => t.day <= asOf || (needMask(t) & ~facts.had) === 0);
  k.txns.length = 0;
  k.txns.push(...kept);
  for (const need of planted) takeUp(k, need);
  return planted;
}

function horizonDay(k: ActivityKit): number {
  return k.cal.asOf + 1 + k.rng.int(k.cal.end - k.cal.asOf);
}

function takeUp(k: ActivityKit, need: Need): void {
  const { p, cal } = k;
  const spend = Math.max(p.income, 8000);
  switch (need) {
    case 'education': {
      // Fees fall due at the next term start when the horizon reaches one.
      const termStart = cal.monthStarts.find((s) => s > cal.asOf + 10 && s <= cal.end && [3, 9].includes(cal.month(s)));
      const day = termStart !== undefined ? termStart - 10 + k.rng.int(10) : horizonDay(k);
      k.emit(Math.max(day, cal.asOf + 1), k.logNormal(20_000, 0.4) * Math.max(1, p.dependants), 'tuition');
      return;
    }
    case 'retirement':
      k.emit(horizonDay(k), k.logNormal(Math.max(p.aum * 0.08, 50_000), 0.4), 'buy', 'insurance', 1);
      return;
    case 'protection': {
      const first = horizonDay(k);
      const premium = k.logNormal(spend * 0.08, 0.3);
      for (let d = first; d <= cal.end; d += 30) k.emit(d, premium, 'insurance_premium', 'insurance', 1);
      return;
    }
    case 'wealth_transfer':
      k.product(horizonDay(k), k.logNormal(Math.max(p.aum * 0.1, 1_000_000), 0.3), 'buy', 'trust');
      return;
    case 'global_allocation': {
      const amount = k.logNormal(Math.max(p.aum * 0.05, 50_000), 0.4) / DEFAULT_FX_RATES_TO_CNY.USD!;
      k.product(horizonDay(k), amount, 'buy', 'fx', 'USD');
      return;
    }
    case 'liquidity': {
      const n = 1 + k.rng.int(2);
      for (let i = 0; i < n; i++) k.product(horizonDay(k), k.logNormal(spend * 0.5, 0.5), 'buy', 'money_market');
      return;
    }
    case 'growth': {
      const n = 1 + k.rng.int(3);
      // Equities are R4+, never sold to a conservative client.
      const equity = p.tolerance === 'conservative' ? 0 : 0.2;
      for (let i = 0; i < n; i++) k.product(horizonDay(k), k.logNormal(spend * 0.3, 0.5), 'buy', k.rng.bernoulli(equity) ? 'equity' : 'fund');
      return;
    }
  }
}
