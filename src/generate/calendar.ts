import { dayNumber, formatDay, type DayNumber } from '../core/days.js';

/**
 * The days a generated history covers: the feature window (`windowStart`..`asOf`) and the label
 * horizon after it (`asOf`+1..`end`), with month starts and cached date strings so the hot loop
 * neither allocates Date objects nor formats a date twice.
 *
 * @example
 * const cal = createCalendar(dayNumber(2026, 6, 30), 12, 90);
 * cal.text(cal.asOf); // '2026-06-30'
 */
export interface Calendar {
  readonly windowStart: DayNumber;
  readonly asOf: DayNumber;
  readonly end: DayNumber;
  /** First day of every calendar month that overlaps windowStart..end, in order. */
  readonly monthStarts: readonly DayNumber[];
  text(day: DayNumber): string;
  /** Every date of windowStart..end as 10 ASCII bytes, in order: the writer copies from here. */
  readonly encoded: Buffer;
  /** Day of the given year-month-day, clamped to the month's last day (31 Feb → 28/29 Feb). */
  clampedDay(year: number, month: number, day: number): DayNumber;
  year(day: DayNumber): number;
  month(day: DayNumber): number;
}

const MS_PER_DAY = 86_400_000;

export function createCalendar(asOf: DayNumber, months: number, horizonDays: number): Calendar {
  const d = new Date(asOf * MS_PER_DAY);
  // The window is the `months` calendar months ending on asOf: 2025-07-01..2026-06-30 for 12.
  const windowStart = clampedDay(d.getUTCFullYear(), d.getUTCMonth() + 1 - months, d.getUTCDate()) + 1;
  const end = asOf + horizonDays;
  const first = new Date(windowStart * MS_PER_DAY);
  const monthStarts: DayNumber[] = [];
  for (let k = 0; ; k++) {
    const start = dayNumber(first.getUTCFullYear(), first.getUTCMonth() + 1 + k, 1);
    if (start > end) break;
    monthStarts.push(start);
  }
  const span = end - windowStart + 1;
  const texts: string[] = new Array<string>(span);
  const encoded = Buffer.alloc(span * 10);
  for (let i = 0; i < span; i++) {
    texts[i] = formatDay(windowStart + i);
    encoded.write(texts[i]!, i * 10, 'latin1');
  }
  return {
    windowStart, asOf, end, monthStarts, encoded,
    text: (day) => (day >= windowStart && day <= end ? texts[day - windowStart]! : formatDay(day)),
    clampedDay,
    year: (day) => new Date(day * MS_PER_DAY).getUTCFullYear(),
    month: (day) => new Date(day * MS_PER_DAY).getUTCMonth() + 1,
  };
}

function clampedDay(year: number, month: number, day: number): DayNumber {
  const firstOfMonth = dayNumber(year, month, 1);
  const lastOfMonth = dayNumber(year, month + 1, 1) - 1;
  return Math.min(firstOfMonth + day - 1, lastOfMonth);
}
