import { describe, expect, it } from 'vitest';
import { dayNumber, formatDay, isValidYmd, parseIsoDay, yearsBetween } from '../../src/core/days.js';

describe('day numbers', () => {
  it('counts days from 1970-01-01 and formats them back', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2000, 3, 1)).toBe(11017);
    expect(formatDay(11017)).toBe('2000-03-01');
    expect(parseIsoDay('2024-02-29')).toBe(dayNumber(2024, 2, 29));
  });

  it('refuses days that are not on the calendar', () => {
    expect(isValidYmd(2023, 2, 29)).toBe(false);
    expect(isValidYmd(2024, 2, 29)).toBe(true);
    expect(parseIsoDay('2023-02-30')).toBeUndefined();
    expect(parseIsoDay('2023-2-3')).toBeUndefined();
  });

  it('counts whole years exactly at birthdays', () => {
    expect(yearsBetween(dayNumber(1990, 6, 30), dayNumber(2026, 6, 29))).toBe(35);
    expect(yearsBetween(dayNumber(1990, 6, 30), dayNumber(2026, 6, 30))).toBe(36);
  });
});
