import { describe, expect, it } from 'vitest';
import { isTimeZone, zonedTime } from '../../src/server/zoned-time.js';

describe('zonedTime', () => {
  it('shows an instant on the given clock, with its offset', () => {
    expect(zonedTime('2026-07-01T09:00:00.000Z', 'Asia/Shanghai')).toBe('2026-07-01 17:00 UTC+8');
    expect(zonedTime('2026-07-01T20:30:00.000Z', 'Asia/Shanghai')).toBe('2026-07-02 04:30 UTC+8');
    expect(zonedTime('2026-07-01T09:00:00.000Z', 'UTC')).toBe('2026-07-01 09:00 UTC');
    expect(zonedTime('2026-07-01T09:00:00.000Z', 'Europe/London')).toBe('2026-07-01 10:00 UTC+1');
    expect(zonedTime('2026-07-01T09:00:00.000Z', 'Asia/Kolkata')).toBe('2026-07-01 14:30 UTC+5:30');
  });

  it('knows real zones and refuses made-up ones', () => {
    expect([isTimeZone('Asia/Shanghai'), isTimeZone('UTC'), isTimeZone('Mars/Base'), isTimeZone('')]).toEqual([true, true, false, false]);
  });
});
