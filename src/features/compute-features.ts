import { MISSING_DAY, type ClientTable } from '../core/records.js';
import { yearsBetween } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { FEATURE_NAMES, type FeatureName } from './feature-catalogue.js';
import {
  F, FLAG_PENSION, FLAG_PERIODIC_OUTFLOW, FLAG_SALARY, MIX_GROUPS, type FeatureAccumulators,
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
  for (let i = 0; i < n; i++) {
    const o = i * cols;
    const b = i * stride;
    const set = (name: FeatureName, x: number): void => { values[o + COL[name]] = x; };
    const get = (field: number): number => v[b + field]!;
    const rawAum = clients.aum[i]!;
    const aum = Number.isFinite(rawAum) && rawAum > 0 ? rawAum : 0;
    const buy = get(F.buy);
    const sell = get(F.sell);
    const debit = get(F.debit);
    const credit = get(F.credit);
    const known = get(F.buyKnownClass);
    const knownRisk = get(F.buyKnownRisk);
    const last = get(F.lastDay);

    set('recency_days', last === -Infinity ? window.days : asOf - last);
    set('txn_per_month', get(F.count) / W);
    set('log_monthly_flow', Math.log10(1 + get(F.total) / W));
    set('log_monthly_income', Math.log10(1 + get(F.income) / W));
    set('trades_per_month', get(F.trades) / W);
    set('turnover_log1p', Math.log1p(((buy + sell) * 12) / W / Math.max(aum, TURNOVER_AUM_FLOOR)));
    const annualSell = (sell * 12) / W;
    set('holding_days', annualSell > 0 ? Math.min(MAX_HOLDING_DAYS, (365 * aum) / annualSell) : MAX_HOLDING_DAYS);
    for (let g = 0; g < MIX_GROUPS.length; g++) values[o + SHARE_COLS[g]!] = ratio(get(F.buyByGroup + g), known);
    set('share_foreign', ratio(get(F.buyForeign), buy));
    set('share_high_risk', ratio(get(F.buyHighRisk), knownRisk));
    set('mean_product_risk', ratio(get(F.buyRiskWeighted), knownRisk));
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
    set('flow_volatility', flowVolatility(v, b + monthOffset, W));
    set('net_flow_ratio', ratio(credit - debit, credit + debit));

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

/** Coefficient of variation of the monthly totals (population sd / mean); 0 when the mean is 0. */
function flowVolatility(v: Float64Array, start: number, months: number): number {
  let sum = 0;
  for (let m = 0; m < months; m++) sum += v[start + m]!;
  const mean = sum / months;
  if (!(mean > 0)) return 0;
  let squares = 0;
  for (let m = 0; m < months; m++) {
    const d = v[start + m]! - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / months) / mean;
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
