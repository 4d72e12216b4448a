import { parseIsoDay, type DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';

const MS_PER_DAY = 86_400_000;

/**
 * The as-of day of a pipeline run: a fixed date, today (UTC), or today minus N days (a retrain
 * needs its labels' horizon behind it).
 *
 * @example
 * resolveAsOf('today-90d', new Date('2026-09-28T01:00:00Z')); // 2026-06-30
 */
export function resolveAsOf(rule: string, now: Date): DayNumber {
  const relative = /^today(?:-(\d+)d)?$/.exec(rule);
  if (relative) return Math.floor(now.getTime() / MS_PER_DAY) - Number(relative[1] ?? 0);
  const day = parseIsoDay(rule);
  if (day === undefined) throw new PipelineError('config_invalid', `as-of ${rule} is not a calendar date`);
  return day;
}
