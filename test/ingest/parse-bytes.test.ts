import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { civilDay, dayParser } from '../../src/ingest/parse-date.js';
import { parseNumberBytes } from '../../src/ingest/parse-number.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const num = (s: string, decimal = '.', thousands = '') =>
  parseNumberBytes(b(s), 0, s.length, { decimal: decimal.charCodeAt(0), thousands: thousands ? thousands.charCodeAt(0) : -1 });
const day = (format: Parameters<typeof dayParser>[0], s: string, pivot?: number) => dayParser(format, pivot)(b(s), 0, s.length);

describe('parseNumberBytes', () => {
  it('parses plain decimals exactly like Number()', () => {
    for (const s of ['0', '12', '-3.5', '+7', '1234.56', '0.1', '.5', '5.', '123456789012.345', '99999999999999999.5', '1.5e3', '2E-2']) {
      expect(num(s)).toBe(Number(s));
    }
    expect(num('  42.25 ')).toBe(42.25);
  });
  it('honours decimal comma and thousands separators with three-digit groups', () => {
    expect(num('1.234,56', ',', '.')).toBe(1234.56);
    expect(num('1,234,567.5', '.', ',')).toBe(1234567.5);
    expect(num('1 234', '.', ' ')).toBe(1234);
    expect(num('12,34', ',', '.')).toBe(12.34);
    expect(num('1.23,4', ',', '.')).toBeNaN();
    expect(num('1,2345.0', '.', ',')).toBeNaN();
    expect(num('1,234.5', '.')).toBeNaN();
  });
  it('refuses text that is not a number', () => {
    for (const s of ['', ' ', 'abc', '1.2.3', '-', '12a', '0x10', 'Infinity', '1e']) expect(num(s)).toBeNaN();
  });
});

describe('dayParser', () => {
  it('agrees with Date.UTC across eras', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [2000, 2, 29], [1900, 3, 1], [2024, 12, 31], [1601, 1, 1]] as const) {
      expect(civilDay(y, m, d)).toBe(dayNumber(y, m, d));
    }
  });
  it('reads each layout, with optional time', () => {
    const d = dayNumber(2024, 3, 5);
    expect(day('YYYY-MM-DD', '2024-03-05')).toBe(d);
    expect(day('YYYY-MM-DD', '2024-03-05 23:59:59')).toBe(d);
    expect(day('YYYY-MM-DD', '2024-03-05T09:30:00.123+08:00')).toBe(d);
    expect(day('YYYY-MM-DD', '2024-03-05T09:30Z')).toBe(d);
    expect(day('YYYYMMDD', '20240305')).toBe(d);
    expect(day('YYYY/MM/DD', '2024/03/05')).toBe(d);
    expect(day('DD/MM/YYYY', '5/3/2024')).toBe(d);
    expect(day('DD/MM/YYYY', '05/03/2024')).toBe(d);
    expect(day('MM/DD/YYYY', '03/05/2024')).toBe(d);
    expect(day('DD.MM.YYYY', '05.03.2024')).toBe(d);
  });
  it('puts two-digit years in the window ending at the pivot year', () => {
    expect(day('YYMMDD', '240305', 2024)).toBe(d2(2024));
    expect(day('YYMMDD', '250305', 2024)).toBe(d2(1925));
    expect(day('YYMMDD', '850305', 2074)).toBe(d2(1985));
    expect(day('YYMMDD', '300305', 2074)).toBe(d2(2030));
    function d2(y: number) { return dayNumber(y, 3, 5); }
  });
  it('refuses impossible days and junk', () => {
    for (const s of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-3-5', '2024-03-05x', '2024-03-05 25:00', '24-03-05', '']) {
      expect(day('YYYY-MM-DD', s)).toBeNaN();
    }
    expect(day('YYYY-MM-DD', '2024-02-29')).toBe(dayNumber(2024, 2, 29));
    expect(day('YYYYMMDD', '2024030')).toBeNaN();
    expect(day('DD/MM/YYYY', '31/04/2024')).toBeNaN();
    expect(day('DD/MM/YYYY', '123/04/2024')).toBeNaN();
  });
});
