import { ASSET_CLASSES, PRODUCT_RISKS, TXN_TYPES, type AssetClass } from '../core/contract.js';

/** Buy-mix groups of the asset classes, in the order of the share_* features. */
export const MIX_GROUPS = ['cash_deposit', 'fixed_income', 'fund', 'equity', 'insurance', 'alternative'] as const;

export type MixGroup = (typeof MIX_GROUPS)[number];

/** Which share_* feature a buy of each asset class counts towards. */
export const MIX_GROUP_BY_ASSET_CLASS: Readonly<Record<AssetClass, MixGroup>> = {
  cash: 'cash_deposit', deposit: 'cash_deposit',
  wealth_product: 'fixed_income', money_market: 'fixed_income', bond: 'fixed_income',
  fund: 'fund',
  equity: 'equity', derivative: 'equity',
  insurance: 'insurance',
  reit: 'alternative', trust: 'alternative', fx: 'alternative', alternative: 'alternative',
};

/** MIX_GROUP_BY_ASSET_CLASS by code, so the sink looks a group up without a string. */
export const MIX_GROUP_OF_ASSET_CLASS = Int8Array.from(
  ASSET_CLASSES.map((c) => MIX_GROUPS.indexOf(MIX_GROUP_BY_ASSET_CLASS[c])),
);

/** What a window month's flag bits record, one bitmask set per kind. */
export const FLAG_SALARY = 0;
export const FLAG_PENSION = 1;
export const FLAG_PERIODIC_OUTFLOW = 2;
const FLAG_KINDS = 3;

/** Offsets of the per-client sums inside a client's block. */
export const F = {
  count: 0, total: 1, credit: 2, debit: 3, lastDay: 4, firstDay: 5, income: 6, buyForeign: 7,
  tuition: 8, insurancePremium: 9, loanRepayment: 10, cardSpend: 11,
  /** Per transaction type t: count at byType + 2t, amount at byType + 2t + 1 (one cache line for both). */
  byType: 12,
  /** Buy amount per asset class code. */
  buyByClass: 12 + 2 * TXN_TYPES.length,
  /** Buy amount per product risk level: R1 at buyByRisk + 0 … R5 at + 4. */
  buyByRisk: 12 + 2 * TXN_TYPES.length + ASSET_CLASSES.length,
} as const;
const SCALARS = F.buyByRisk + PRODUCT_RISKS.length;

/**
 * Per-client running sums in one Float64Array, a fixed block per client, so memory is a few
 * hundred bytes per client whatever the number of transactions. One block per client rather
 * than one array per sum: transactions arrive in date order, i.e. random client order, and a
 * row then touches two or three cache lines (and one page) instead of one per sum: measured
 * about 2× faster at 200,000 clients in random order, where memory latency is the whole cost.
 *
 * Totals that are sums of these (buy amount, trades, buy amount by mix group or with a known risk)
 * are derived in computeFeatures rather than kept, so the sink writes less.
 *
 * A block is the sums at the offsets in `F`, then per window month its total amount and its
 * transaction count (interleaved, amount at monthOffset + 2m, count at + 2m + 1), then
 * the month flags: for each flag kind, `flagWords` 31-bit words with bit (m mod 31) of word
 * (m div 31) set when window month m saw that kind.
 */
export interface FeatureAccumulators {
  readonly clients: number;
  readonly months: number;
  /** Doubles per client block. */
  readonly stride: number;
  /** Offset of month 0's total amount in a block; its count follows it. */
  readonly monthOffset: number;
  /** Offset of the first flag word in a block. */
  readonly flagOffset: number;
  readonly flagWords: number;
  readonly values: Float64Array;
}

/** Bits per flag word: 31 keeps every word a positive small integer, exact in a double. */
export const FLAG_BITS = 31;

/**
 * Zeroed accumulators for `clients` clients over a window of `months` months.
 *
 * @example
 * const acc = createFeatureAccumulators(2, 12);
 * acc.stride; // 89: 62 sums, 12 month totals and counts, 3 flag words
 */
export function createFeatureAccumulators(clients: number, months: number): FeatureAccumulators {
  const flagWords = Math.ceil(months / FLAG_BITS);
  const stride = SCALARS + 2 * months + FLAG_KINDS * flagWords;
  const values = new Float64Array(clients * stride);
  for (let i = 0; i < clients; i++) {
    values[i * stride + F.lastDay] = -Infinity;
    values[i * stride + F.firstDay] = Infinity;
  }
  return { clients, months, stride, monthOffset: SCALARS, flagOffset: SCALARS + 2 * months, flagWords, values };
}
