import { ASSET_CLASSES, PRODUCT_RISKS, TXN_TYPES, codeOf } from '../core/contract.js';
import { MISSING_DAY, type ClientTable } from '../core/records.js';
import { yearsBetween } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { FEATURE_NAMES, type FeatureName } from './feature-catalogue.js';
import {
  F, FLAG_PENSION, FLAG_PERIODIC_OUTFLOW, FLAG_SALARY, MIX_GROUPS, MIX_GROUP_OF_ASSET_CLASS, type FeatureAccumulators,
} from './feature-accumulators.js';
import type { FeatureWindow } from './feature-window.js';

/** Turnover is measured against at least this AUM so a near-empty account does not explode it. */
const TURNOVER_AUM_FLOOR = 1000;
/** Holding period cap (ten years), also the value for clients who never sell. */
const MAX_HOLDING_DAYS = 3650;
const DAYS_PER_YEAR = 365.25;

const COL = Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, j])) as Record<FeatureName, number>;
const SHARE_COLS = [
  COL.share_cash_deposit, COL.share_fixed_income, COL.share_fund, COL.share_equity, COL.share_insurance,
  COL.share_alternative,
];
const TYPE_SHARE_COLS = TXN_TYPES.map((t) => COL[`type_share_${t}`]);
const TYPE_AMOUNT_SHARE_COLS = TXN_TYPES.map((t) => COL[`type_amount_share_${t}`]);
const ASSET_SHARE_COLS = ASSET_CLASSES.map((c) => COL[`buy_share_${c}`]);
const RISK_SHARE_COLS = PRODUCT_RISKS.map((r) => COL[`buy_share_${r.toLowerCase() as Lowercase<typeof r>}`]);
const BUY = codeOf(TXN_TYPES, 'buy');
const SELL = codeOf(TXN_TYPES, 'sell');

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

/**
 * Turns accumulated sums into the catalogue's features, one row per client. Every formula has a
 * fallback, so a value that is not finite can only come from non-finite input; that is refused.
 *
 * @example
 * const matrix = computeFeatures(acc, clients, featureWindow(asOf, 12));
 * featureColumn(matrix, 'recency_days');
 */
export function computeFeatures(acc: FeatureAccumulators, clients: ClientTable, window: FeatureWindow): FeatureMatrix {
  const n = clients.size;
  const cols = FEATURE_NAMES.length;
  const W = window.months;
  const asOf = window.asOf;
  const values = new Float64Array(n * cols);
  const { values: v, stride, monthOffset, flagOffset, flagWords } = acc;
  const groupSums = new Float64Array(MIX_GROUPS.length);
  for (let i = 0; i < n; i++) {
    const o = i * cols;
    const b = i * stride;
    const set = (name: FeatureName, x: number): void => { values[o + COL[name]] = x; };
    const get = (field: number): number => v[b + field]!;
    const rawAum = clients.aum[i]!;
    const aum = Number.isFinite(rawAum) && rawAum > 0 ? rawAum : 0;
    const count = get(F.count);
    const total = get(F.total);
    const buy = get(F.byType + 2 * BUY + 1);
    const sell = get(F.byType + 2 * SELL + 1);
    const debit = get(F.debit);
    const credit = get(F.credit);
    let known = 0;
    for (let g = 0; g < MIX_GROUPS.length; g++) groupSums[g] = 0;
    for (let c = 0; c < ASSET_CLASSES.length; c++) {
      const x = get(F.buyByClass + c);
      known += x;
      groupSums[MIX_GROUP_OF_ASSET_CLASS[c]!]! += x;
    }
    let knownRisk = 0;
    let riskWeighted = 0;
    for (let r = 0; r < PRODUCT_RISKS.length; r++) {
      const x = get(F.buyByRisk + r);
      knownRisk += x;
      riskWeighted += x * (r + 1);
    }
    const highRisk = get(F.buyByRisk + 3) + get(F.buyByRisk + 4);
    const last = get(F.lastDay);

    set('recency_days', last === -Infinity ? window.days : asOf - last);
    set('txn_per_month', count / W);
    set('log_monthly_flow', Math.log10(1 + total / W));
    set('log_monthly_income', Math.log10(1 + get(F.income) / W));
    set('trades_per_month', (get(F.byType + 2 * BUY) + get(F.byType + 2 * SELL)) / W);
    set('turnover_log1p', Math.log1p(((buy + sell) * 12) / W / Math.max(aum, TURNOVER_AUM_FLOOR)));
    const annualSell = (sell * 12) / W;
    set('holding_days', annualSell > 0 ? Math.min(MAX_HOLDING_DAYS, (365 * aum) / annualSell) : MAX_HOLDING_DAYS);
    for (let g = 0; g < MIX_GROUPS.length; g++) values[o + SHARE_COLS[g]!] = ratio(groupSums[g]!, known);
    set('share_foreign', ratio(get(F.buyForeign), buy));
    set('share_high_risk', ratio(highRisk, knownRisk));
    set('mean_product_risk', ratio(riskWeighted, knownRisk));
    const monthsFlagged = (kind: number): number => {
      let count = 0;
      for (let w = 0; w < flagWords; w++) count += bitCount(get(flagOffset + kind * flagWords + w));
      return count;
    };
    set('salary_regularity', monthsFlagged(FLAG_SALARY) / W);
    set('pension_regularity', monthsFlagged(FLAG_PENSION) / W);
    set('tuition_share', ratio(get(F.tuition), debit));
    set('insurance_premium_share', ratio(get(F.insurancePremium), debit));
    set('loan_repayment_share', ratio(get(F.loanRepayment), debit));
    set('card_spend_share', ratio(get(F.cardSpend), debit));
    set('periodic_outflow_regularity', monthsFlagged(FLAG_PERIODIC_OUTFLOW) / W);
    set('flow_volatility', coefficientOfVariation(v, b + monthOffset, W));
    set('net_flow_ratio', ratio(credit - debit, credit + debit));

    let activeMonths = 0;
    for (let m = 0; m < W; m++) if (v[b + monthOffset + 2 * m + 1]! > 0) activeMonths++;
    set('active_month_share', activeMonths / W);
    set('txn_count_trend', relativeTrend(v, b + monthOffset + 1, W));
    set('flow_trend', relativeTrend(v, b + monthOffset, W));
    set('txn_count_volatility', coefficientOfVariation(v, b + monthOffset + 1, W));
    for (let t = 0; t < TXN_TYPES.length; t++) {
      values[o + TYPE_SHARE_COLS[t]!] = ratio(get(F.byType + 2 * t), count);
      values[o + TYPE_AMOUNT_SHARE_COLS[t]!] = ratio(get(F.byType + 2 * t + 1), total);
    }
    for (let c = 0; c < ASSET_CLASSES.length; c++) values[o + ASSET_SHARE_COLS[c]!] = ratio(get(F.buyByClass + c), known);
    for (let r = 0; r < PRODUCT_RISKS.length; r++) values[o + RISK_SHARE_COLS[r]!] = ratio(get(F.buyByRisk + r), knownRisk);

    set('age_years', Math.max(0, yearsBetween(clients.birthDay[i]!, asOf)));
    const opened = clients.openedOn[i]!;
    const first = get(F.firstDay);
    const since = opened !== MISSING_DAY ? opened : first !== Infinity ? first : asOf;
    set('tenure_years', Math.max(0, (asOf - since) / DAYS_PER_YEAR));
    set('log_aum', Math.log10(1 + aum));
    const dependants = clients.dependants[i]!;
    set('dependants', dependants > 0 ? dependants : 0);
  }
  assertFinite(values, cols, clients.ids);
  return { names: FEATURE_NAMES, clientIds: clients.ids, rows: n, cols, values };
}

/**
 * Coefficient of variation (population sd / mean) of the W monthly values at start, start + 2, …
 * (totals and counts are interleaved per month); 0 when the mean is 0.
 */
function coefficientOfVariation(v: Float64Array, start: number, months: number): number {
  let sum = 0;
  for (let m = 0; m < months; m++) sum += v[start + 2 * m]!;
  const mean = sum / months;
  if (!(mean > 0)) return 0;
  let squares = 0;
  for (let m = 0; m < months; m++) {
    const d = v[start + 2 * m]! - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / months) / mean;
}

/**
 * Least-squares slope of the W monthly values (at start, start + 2, …) against the month index,
 * times (W − 1) / mean: the fitted change over the window in units of an average month. 0 when the
 * mean is 0 or W = 1, so it is always finite; it lies within ±6(W − 1)/(W + 1) (all activity in the
 * first or the last month: ±5.08 at W = 12).
 */
function relativeTrend(v: Float64Array, start: number, months: number): number {
  if (months < 2) return 0;
  let sum = 0;
  for (let m = 0; m < months; m++) sum += v[start + 2 * m]!;
  const mean = sum / months;
  if (!(mean > 0)) return 0;
  const mid = (months - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let m = 0; m < months; m++) {
    sxy += (m - mid) * (v[start + 2 * m]! - mean);
    sxx += (m - mid) * (m - mid);
  }
  return ((sxy / sxx) * (months - 1)) / mean;
}

function bitCount(word: number): number {
  let x = word >>> 0;
  let count = 0;
  while (x !== 0) { x &= x - 1; count++; }
  return count;
}

/**
 * Ingest keeps every amount within MAX_AMOUNT_CNY, so this should never fire; if it does, the
 * user learns which client and which feature, once, with the data exit code. The id goes in the
 * message for the user only: `details` may reach a log, and ids are personal data.
 */
function assertFinite(values: Float64Array, cols: number, clientIds: readonly string[]): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k]!)) {
      const row = Math.floor(k / cols);
      const feature = FEATURE_NAMES[k % cols]!;
      throw new PipelineError(
        'input_invalid',
        `feature ${feature} of client ${clientIds[row]} came out ${values[k]} (an input number of this client is out of range): check this client's amounts and dates in the inputs`,
        { row, feature, impersonalMessage: `feature ${feature} of the client on row ${row + 1} came out ${values[k]}: check that client's amounts and dates` },
      );
    }
  }
}
