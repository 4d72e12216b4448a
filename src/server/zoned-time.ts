/** The app's default time zone: the bank's advisors work in China Standard Time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether the runtime knows this IANA zone (e.g. `Asia/Shanghai`, `Europe/London`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * An ISO 8601 instant as people read it in `zone`: `YYYY-MM-DD HH:mm` and the offset, so a time
 * is never shown without saying which clock it is on.
 *
 * @example
 * zonedTime('2026-07-01T09:00:00.000Z', 'Asia/Shanghai'); // '2026-07-01 17:00 UTC+8'
 */
export function zonedTime(iso: string, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  // ICU writes GMT+8 (and GMT or GMT+0 for zero); UTC+8 is how the offset is usually written.
  const offset = (parts.timeZoneName ?? '').replace(/^GMT(\+0)?$/, 'UTC').replace(/^GMT/, 'UTC');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`;
}
