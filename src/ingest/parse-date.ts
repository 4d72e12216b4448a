import type { DayNumber } from '../core/days.js';

/** Date layouts a mapping may name. Every layout also accepts a trailing time (see dayParser). */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYMMDD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY/MM/DD', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Parses a day from bytes; NaN when the text is not a real calendar day in the layout. */
export type DayParser = (buf: Uint8Array, start: number, end: number) => DayNumber;

/**
 * A parser for one date layout, working on bytes so the hot path makes no strings.
 * A time may follow the date after 'T' or a space (`2024-03-01 09:30:00`, `2024-03-01T09:30:00Z`,
 * offsets `+08:00`); the day is the calendar date as written, because a bank's export writes
 * local dates and a day boundary must not move with the machine's time zone.
 * `YYMMDD` puts a two-digit year in the century window (pivotYear - 99 … pivotYear).
 *
 * @example
 * dayParser('YYMMDD', 2024)(Buffer.from('850317'), 0, 6); // day number of 1985-03-17
 */
export function dayParser(format: DateFormat, pivotYear = 2049): DayParser {
  switch (format) {
    case 'YYYY-MM-DD': return (b, s, e) => fixedLayout(b, s, e, 0, 5, 8, 0x2d);
    case 'YYYY/MM/DD': return (b, s, e) => fixedLayout(b, s, e, 0, 5, 8, 0x2f);
    case 'YYYYMMDD': return (b, s, e) => fixedLayout(b, s, e, 0, 4, 6, -1);
    case 'YYMMDD': return (b, s, e) => twoDigitYear(b, s, e, pivotYear);
    case 'DD/MM/YYYY': return (b, s, e) => dayFirst(b, s, e, 0x2f, true);
    case 'DD.MM.YYYY': return (b, s, e) => dayFirst(b, s, e, 0x2e, true);
    case 'MM/DD/YYYY': return (b, s, e) => dayFirst(b, s, e, 0x2f, false);
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil), no Date objects. */
export function civilDay(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m]!) return false;
  return !(m === 2 && d === 29 && (y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0)));
}

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = b[at + k]! - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function trimStart(b: Uint8Array, s: number, e: number): number {
  while (s < e && b[s] === 0x20) s++;
  return s;
}

function trimEnd(b: Uint8Array, s: number, e: number): number {
  while (e > s && b[e - 1] === 0x20) e--;
  return e;
}

function finish(b: Uint8Array, i: number, e: number, y: number, m: number, d: number): DayNumber {
  if (y < 0 || m < 0 || d < 0 || !validDay(y, m, d)) return NaN;
  if (i < e && !timeSuffix(b, i, e)) return NaN;
  return monthStart(y, m) + d - 1;
}

// A file holds few distinct months, so their first days are cached (years 1900–2199) rather
// than recomputed for every row.
const FIRST_CACHED_YEAR = 1900;
const MONTH_STARTS = new Int32Array(300 * 12).fill(-0x80000000);

function monthStart(y: number, m: number): DayNumber {
  const k = (y - FIRST_CACHED_YEAR) * 12 + m - 1;
  if (k < 0 || k >= MONTH_STARTS.length) return civilDay(y, m, 1);
  let day = MONTH_STARTS[k]!;
  if (day === -0x80000000) day = MONTH_STARTS[k] = civilDay(y, m, 1);
  return day;
}

/** YYYY?MM?DD (sep < 0: none) with fixed offsets of year, month, day. */
function fixedLayout(b: Uint8Array, s0: number, e0: number, yAt: number, mAt: number, dAt: number, sep: number): DayNumber {
  const s = trimStart(b, s0, e0);
  const e = trimEnd(b, s, e0);
  const len = dAt + 2;
  if (e - s < len) return NaN;
  if (sep >= 0 && (b[s + 4] !== sep || b[s + 7] !== sep)) return NaN;
  return finish(b, s + len, e, digits(b, s + yAt, 4), digits(b, s + mAt, 2), digits(b, s + dAt, 2));
}

function twoDigitYear(b: Uint8Array, s0: number, e0: number, pivotYear: number): DayNumber {
  const s = trimStart(b, s0, e0);
  const e = trimEnd(b, s, e0);
  if (e - s < 6) return NaN;
  const yy = digits(b, s, 2);
  if (yy < 0) return NaN;
  let y = yy + 100 * Math.floor(pivotYear / 100);
  if (y > pivotYear) y -= 100;
  return finish(b, s + 6, e, y, digits(b, s + 2, 2), digits(b, s + 4, 2));
}

/** D/M/YYYY or M/D/YYYY with one- or two-digit day and month. */
function dayFirst(b: Uint8Array, s0: number, e0: number, sep: number, dayIsFirst: boolean): DayNumber {
  let i = trimStart(b, s0, e0);
  const e = trimEnd(b, i, e0);
  const parts = [0, 0];
  for (let p = 0; p < 2; p++) {
    let n = 0;
    let v = 0;
    while (i < e && n < 3) {
      const d = b[i]! - 0x30;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      n++;
      i++;
    }
    if (n === 0 || n > 2 || b[i] !== sep) return NaN;
    parts[p] = v;
    i++;
  }
  if (e - i < 4) return NaN;
  const y = digits(b, i, 4);
  const [first, second] = parts as [number, number];
  return finish(b, i + 4, e, y, dayIsFirst ? second : first, dayIsFirst ? first : second);
}

/** [T ]HH:MM[:SS[.fff]][Z|±HH[:MM]] — checked so a date-time column with junk is still a bad_date. */
function timeSuffix(b: Uint8Array, i: number, e: number): boolean {
  const c = b[i];
  if (c !== 0x54 && c !== 0x20) return false;
  i++;
  if (e - i < 5 || b[i + 2] !== 0x3a) return false;
  const hh = digits(b, i, 2);
  const mm = digits(b, i + 3, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return false;
  i += 5;
  if (i < e && b[i] === 0x3a) {
    const ss = digits(b, i + 1, 2);
    if (e - i < 3 || ss < 0 || ss > 60) return false;
    i += 3;
    if (i < e && (b[i] === 0x2e || b[i] === 0x2c)) {
      i++;
      const from = i;
      while (i < e && b[i]! >= 0x30 && b[i]! <= 0x39) i++;
      if (i === from) return false;
    }
  }
  if (i === e) return true;
  if (b[i] === 0x5a) return i + 1 === e;
  if (b[i] !== 0x2b && b[i] !== 0x2d) return false;
  const rest = e - i - 1;
  if (rest === 2) return digits(b, i + 1, 2) >= 0;
  if (rest === 4) return digits(b, i + 1, 4) >= 0;
  return rest === 5 && b[i + 3] === 0x3a && digits(b, i + 1, 2) >= 0 && digits(b, i + 4, 2) >= 0;
}
