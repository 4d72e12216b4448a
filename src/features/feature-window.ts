import { dayNumber, type DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';

/** Longest window the builder accepts: ten years of monthly buckets. */
export const MAX_WINDOW_MONTHS = 120;

/**
 * The feature window: the `months` calendar months that end on the as-of day, i.e. the days d
 * with `startExclusive < d <= asOf`, where `startExclusive` is the as-of day moved back `months`
 * months. Month k (0 = oldest) is the days `monthEnd[k-1] < d <= monthEnd[k]`.
 *
 * Moving back a month keeps the day of month, clamped to the target month's length, except that
 * a month-end as-of day maps to month ends: as-of 2024-04-30 gives buckets March 1–31 and April
 * 1–30, not (03-30, 04-30]. So with the usual month-end as-of every bucket is a calendar month.
 */
export interface FeatureWindow {
  readonly asOf: DayNumber;
  readonly months: number;
  /** The last day before the window (not in it). */
  readonly startExclusive: DayNumber;
  /** Window length in days: asOf − startExclusive. */
  readonly days: number;
  /** Last day of each window month, oldest first; the last entry is asOf. */
  readonly monthEnds: Int32Array;
  /** Window month of day `startExclusive + 1 + offset`, for offset in [0, days). */
  readonly monthOfOffset: Uint8Array;
}

/**
 * Computes the window of `months` calendar months ending on `asOf`.
 *
 * @example
 * const w = featureWindow(dayNumber(2024, 12, 31), 12);
 * formatDay(w.startExclusive + 1); // '2024-01-01'
 * w.days; // 366
 */
export function featureWindow(asOf: DayNumber, months: number): FeatureWindow {
  if (!Number.isSafeInteger(asOf)) {
    throw new PipelineError('config_invalid', 'The as-of date is not a day: pass it as YYYY-MM-DD.', { asOf });
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_WINDOW_MONTHS) {
    throw new PipelineError(
      'config_invalid',
      `The feature window must be a whole number of months from 1 to ${MAX_WINDOW_MONTHS}: fix windowMonths.`,
      { windowMonths: months },
    );
  }
  const monthEnds = new Int32Array(months);
  for (let k = 0; k < months; k++) monthEnds[k] = addMonths(asOf, k + 1 - months);
  const startExclusive = addMonths(asOf, -months);
  const days = asOf - startExclusive;
  const monthOfOffset = new Uint8Array(days);
  let month = 0;
  for (let off = 0; off < days; off++) {
    while (startExclusive + 1 + off > monthEnds[month]!) month++;
    monthOfOffset[off] = month;
  }
  return { asOf, months, startExclusive, days, monthEnds, monthOfOffset };
}

/** `day` moved by `delta` months with the end-of-month rule described on FeatureWindow. */
export function addMonths(day: DayNumber, delta: number): DayNumber {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dom = d.getUTCDate();
  const target = m + delta;
  const ty = y + Math.floor(target / 12);
  const tm = ((target % 12) + 12) % 12;
  const targetLength = daysInMonth(ty, tm);
  const isMonthEnd = dom === daysInMonth(y, m);
  return dayNumber(ty, tm + 1, isMonthEnd ? targetLength : Math.min(dom, targetLength));
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}
