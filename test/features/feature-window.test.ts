import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/core/days.js';
import { addMonths, featureWindow } from '../../src/features/feature-window.js';
import { day } from './fixtures.js';

const ends = (asOf: string, months: number): string[] => Array.from(featureWindow(day(asOf), months).monthEnds, formatDay);

describe('featureWindow', () => {
  it('covers the 12 calendar months of a year for a year-end as-of', () => {
    const w = featureWindow(day('2024-12-31'), 12);
    expect(formatDay(w.startExclusive)).toBe('2023-12-31');
    expect(w.days).toBe(366);
    expect(ends('2024-12-31', 12)).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30',
      '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30', '2024-12-31',
    ]);
    const monthOf = (d: string): number => w.monthOfOffset[day(d) - w.startExclusive - 1]!;
    expect([monthOf('2024-01-01'), monthOf('2024-01-31'), monthOf('2024-02-01'), monthOf('2024-12-31')]).toEqual([0, 0, 1, 11]);
  });

  it('keeps month ends on month ends, so buckets stay calendar months', () => {
    expect(ends('2024-04-30', 2)).toEqual(['2024-03-31', '2024-04-30']);
    expect(formatDay(featureWindow(day('2024-04-30'), 2).startExclusive)).toBe('2024-02-29');
    expect(formatDay(featureWindow(day('2024-02-29'), 12).startExclusive)).toBe('2023-02-28');
    expect(formatDay(featureWindow(day('2023-02-28'), 1).startExclusive)).toBe('2023-01-31');
  });

  it('keeps the day of month mid-month, clamped to shorter months', () => {
    const w = featureWindow(day('2024-03-15'), 1);
    expect([formatDay(w.startExclusive), w.days]).toEqual(['2024-02-15', 29]);
    expect(ends('2024-05-30', 3)).toEqual(['2024-03-30', '2024-04-30', '2024-05-30']);
    expect(formatDay(featureWindow(day('2024-05-30'), 3).startExclusive)).toBe('2024-02-29');
  });

  it('moves across year boundaries both ways', () => {
    expect(formatDay(addMonths(day('2024-01-15'), -13))).toBe('2022-12-15');
    expect(formatDay(addMonths(day('2023-11-30'), 3))).toBe('2024-02-29');
  });

  it.each([0, -1, 2.5, 121, Number.NaN])('refuses a window of %s months with config_invalid', (months) => {
    expect(() => featureWindow(day('2024-12-31'), months)).toThrowError(expect.objectContaining({ code: 'config_invalid' }));
  });

  it('refuses an as-of that is not a day number with config_invalid', () => {
    expect(() => featureWindow(Number.NaN, 12)).toThrowError(expect.objectContaining({ code: 'config_invalid' }));
  });
});
