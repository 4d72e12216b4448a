import { z } from 'zod';
import { ASSET_CLASSES, TXN_TYPES, codeOf } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable, TransactionSink } from '../core/records.js';
import { computeFeatures } from './compute-features.js';
import {
  F, FLAG_BITS, FLAG_PENSION, FLAG_PERIODIC_OUTFLOW, FLAG_SALARY, createFeatureAccumulators,
} from './feature-accumulators.js';
import { MAX_WINDOW_MONTHS, featureWindow, type FeatureWindow } from './feature-window.js';

export interface FeatureBuilderOptions {
  /** The as-of day: the window ends on it (inclusive); later transactions are ignored. */
  asOf: DayNumber;
  /** Window length in calendar months (1–120); default 12. See `featureWindow`. */
  windowMonths?: number;
}

/** Where the transactions handed to the sink fell relative to the window. */
export interface FeatureBuilderStats {
  inWindow: number;
  /** On or before the window's excluded start day. */
  beforeWindow: number;
  /** After the as-of day: the label horizon, not features. */
  afterAsOf: number;
}

export interface FeatureBuilder {
  /** Feed every accepted transaction here, in any order. Allocation-free; keeps no reference. */
  readonly sink: TransactionSink;
  readonly window: FeatureWindow;
  stats(): FeatureBuilderStats;
  /** The features of every client (rows in ClientTable order, columns in FEATURE_NAMES order). */
  finish(): FeatureMatrix;
}

const OptionsSchema = z.strictObject({
  asOf: z.number().int(),
  windowMonths: z.number().int().min(1).max(MAX_WINDOW_MONTHS).optional(),
});

const T = (name: (typeof TXN_TYPES)[number]): number => codeOf(TXN_TYPES, name);
const SALARY = T('salary');
const PENSION = T('pension');
const DIVIDEND = T('dividend');
const INTEREST = T('interest');
const BUY = T('buy');
const TUITION = T('tuition');
const INSURANCE_PREMIUM = T('insurance_premium');
const LOAN_REPAYMENT = T('loan_repayment');
const CARD_SPEND = T('card_spend');
const TYPE_COUNT = TXN_TYPES.length;

/**
 * A streaming feature builder: memory is fixed per client (8 × (62 + 2W + 3) bytes for a window of
 * W ≤ 31 months: 712 bytes at 12), so any number of transactions can pass through `sink`.
 *
 * @example
 * const builder = createFeatureBuilder(clients, { asOf: dayNumber(2024, 12, 31) });
 * await readTransactions(path, mapping, builder.sink); // ingest reuses one record per row
 * const matrix = builder.finish();
 */
export function createFeatureBuilder(clients: ClientTable, options: FeatureBuilderOptions): FeatureBuilder {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new PipelineError(
      'config_invalid',
      `Fix the feature options (asOf a day number, windowMonths a whole number 1–${MAX_WINDOW_MONTHS}): ${oneLine(z.prettifyError(parsed.error))}`,
      { issues: parsed.error.issues },
    );
  }
  const window = featureWindow(parsed.data.asOf, parsed.data.windowMonths ?? 12);
  const acc = createFeatureAccumulators(clients.size, window.months);
  const { values: v, stride, monthOffset, flagOffset, flagWords } = acc;
  const firstWindowDay = window.startExclusive + 1;
  const windowDays = window.days;
  const monthOfOffset = window.monthOfOffset;
  const salaryFlags = flagOffset + FLAG_SALARY * flagWords;
  const pensionFlags = flagOffset + FLAG_PENSION * flagWords;
  const periodicFlags = flagOffset + FLAG_PERIODIC_OUTFLOW * flagWords;
  let inWindow = 0;
  let beforeWindow = 0;
  let afterAsOf = 0;

  // The hot path: numbers read once from the reused record, sums in the client's own block.
  const sink: TransactionSink = (t) => {
    const day = t.day;
    const off = day - firstWindowDay;
    if (!(off >= 0 && off < windowDays)) {
      if (off >= windowDays) afterAsOf++;
      else beforeWindow++;
      return;
    }
    inWindow++;
    const b = t.clientIndex * stride;
    const amount = t.amount;
    const type = t.type;
    const month = monthOfOffset[off]!;
    const word = (month / FLAG_BITS) | 0;
    const bit = 1 << (month - word * FLAG_BITS);
    v[b + F.count]! += 1;
    v[b + F.total]! += amount;
    // Math.max/min keep this branch-free whatever order the rows come in.
    v[b + F.lastDay] = Math.max(v[b + F.lastDay]!, day);
    v[b + F.firstDay] = Math.min(v[b + F.firstDay]!, day);
    // Ingest only passes contract types; the guard keeps a stray code from landing on another sum.
    if (type >= 0 && type < TYPE_COUNT) {
      const typeAt = b + F.byType + 2 * type;
      v[typeAt]! += 1;
      v[typeAt + 1]! += amount;
    }
    const monthAt = b + monthOffset + 2 * month;
    v[monthAt]! += amount;
    v[monthAt + 1]! += 1;
    if (t.direction === 0) {
      v[b + F.credit]! += amount;
      if (type === SALARY) { v[b + F.income]! += amount; v[b + salaryFlags + word] = v[b + salaryFlags + word]! | bit; }
      else if (type === PENSION) { v[b + F.income]! += amount; v[b + pensionFlags + word] = v[b + pensionFlags + word]! | bit; }
      else if (type === DIVIDEND || type === INTEREST) v[b + F.income]! += amount;
    } else {
      v[b + F.debit]! += amount;
      if (type === TUITION || type === INSURANCE_PREMIUM || type === LOAN_REPAYMENT) {
        v[b + (type === TUITION ? F.tuition : type === INSURANCE_PREMIUM ? F.insurancePremium : F.loanRepayment)]! += amount;
        v[b + periodicFlags + word] = v[b + periodicFlags + word]! | bit;
      } else if (type === CARD_SPEND) v[b + F.cardSpend]! += amount;
    }
    if (type === BUY) {
      const ac = t.assetClass;
      if (ac >= 0 && ac < ASSET_CLASSES.length) v[b + F.buyByClass + ac]! += amount;
      if (!t.isCny) v[b + F.buyForeign]! += amount;
      const risk = t.productRisk;
      if (risk >= 1 && risk <= 5) v[b + F.buyByRisk + risk - 1]! += amount;
    }
  };

  return {
    sink,
    window,
    stats: () => ({ inWindow, beforeWindow, afterAsOf }),
    finish: () => computeFeatures(acc, clients, window),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*(→\s*)?/g, (_m, arrow?: string) => (arrow ? ' ' : '; ')).replaceAll('✖ ', '');
}
