import type { AssetClass, RiskLevel, TxnType } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import type { Rng } from '../core/rng.js';
import type { Calendar } from './calendar.js';
import type { ClientProfile } from './client-profile.js';

/** One generated transaction; `amount` is in `currency` and unscaled. */
export interface GeneratedTxn {
  day: DayNumber;
  amount: number;
  type: TxnType;
  assetClass: AssetClass | undefined;
  /** 1–5 for R1–R5, 0 when the transaction carries no product. */
  risk: number;
  currency: string;
}

/** Money into the client's cash; every other type is a debit. */
const CREDIT_TYPES: ReadonlySet<TxnType> = new Set<TxnType>([
  'salary', 'deposit', 'transfer_in', 'sell', 'dividend', 'interest', 'pension',
]);

export function directionOf(type: TxnType): 'credit' | 'debit' {
  return CREDIT_TYPES.has(type) ? 'credit' : 'debit';
}

// Weights over R1..R5 per asset class for a conservative, balanced and aggressive client: what a
// suitability-checked bank would actually sell each of them.
const RISK_TABLE: Partial<Record<AssetClass, readonly [readonly number[], readonly number[], readonly number[]]>> = {
  deposit: [[1], [1], [1]],
  money_market: [[1], [1], [1]],
  cash: [[1], [1], [1]],
  insurance: [[1], [1], [0.7, 0.3]],
  wealth_product: [[0.6, 0.4], [0.1, 0.5, 0.4], [0, 0.3, 0.5, 0.2]],
  bond: [[0.2, 0.8], [0, 0.6, 0.4], [0, 0.2, 0.5, 0.3]],
  fund: [[0, 0.7, 0.3], [0, 0.1, 0.6, 0.3], [0, 0, 0.2, 0.55, 0.25]],
  equity: [[0, 0, 0, 1], [0, 0, 0, 0.9, 0.1], [0, 0, 0, 0.6, 0.4]],
  derivative: [[0, 0, 0, 0, 1], [0, 0, 0, 0, 1], [0, 0, 0, 0, 1]],
  trust: [[0, 0, 1], [0, 0, 0.7, 0.3], [0, 0, 0.3, 0.7]],
  fx: [[0, 1], [0, 0.5, 0.5], [0, 0.2, 0.6, 0.2]],
  alternative: [[0, 0, 0, 1], [0, 0, 0, 0.8, 0.2], [0, 0, 0, 0.4, 0.6]],
  reit: [[0, 0, 1], [0, 0, 1], [0, 0, 0.6, 0.4]],
};

export function productRisk(rng: Rng, asset: AssetClass, tolerance: RiskLevel): number {
  const row = RISK_TABLE[asset];
  if (!row) return 1;
  const t = tolerance === 'conservative' ? 0 : tolerance === 'balanced' ? 1 : 2;
  return 1 + rng.pickWeighted(row[t]!);
}

/**
 * Emits one client's transactions into a reusable list: the rhythms (monthly on a pay day,
 * Poisson streams, term starts) every archetype is built from.
 */
export class ActivityKit {
  readonly txns: GeneratedTxn[] = [];
  constructor(readonly rng: Rng, readonly cal: Calendar, readonly p: ClientProfile) {}

  emit(day: DayNumber, amount: number, type: TxnType, assetClass?: AssetClass, risk = 0, currency = 'CNY'): void {
    if (day < this.p.activeFrom || day > this.cal.end) return;
    this.txns.push({ day, amount: Math.max(0.01, amount), type, assetClass, risk, currency });
  }

  /** A product transaction whose risk level follows the client's tolerance. */
  product(day: DayNumber, amount: number, type: TxnType, asset: AssetClass, currency = 'CNY'): void {
    this.emit(day, amount, type, asset, productRisk(this.rng, asset, this.p.tolerance), currency);
  }

  /** Calls `fn` once a month near `dayOfMonth`, jittered by up to ±`jitter` days. */
  monthly(dayOfMonth: number, jitter: number, fn: (day: DayNumber) => void): void {
    for (const start of this.cal.monthStarts) {
      const j = jitter > 0 ? this.rng.int(2 * jitter + 1) - jitter : 0;
      fn(start + dayOfMonth - 1 + j);
    }
  }

  /** Calls `fn` on days drawn as a Poisson stream of `perMonth` events over the active period. */
  poisson(perMonth: number, fn: (day: DayNumber) => void): void {
    const span = this.cal.end - this.p.activeFrom + 1;
    const n = this.rng.poisson((perMonth * span) / 30.44);
    for (let i = 0; i < n; i++) fn(this.p.activeFrom + this.rng.int(span));
  }

  /** Calls `fn` at each school term start (1 March, 1 September) in the period, a few days jittered. */
  termStarts(fn: (day: DayNumber) => void): void {
    for (const start of this.cal.monthStarts) {
      const m = this.cal.month(start);
      if (m === 3 || m === 9) fn(start - 10 + this.rng.int(14));
    }
  }

  logNormal(median: number, sigma: number): number {
    return this.rng.logNormal(median, sigma);
  }
}
