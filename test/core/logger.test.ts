import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';

function sink(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  it('censors personal fields wherever a record slips into a log call', () => {
    const { stream, lines } = sink();
    const log = createLogger({ destination: stream });
    log.info({ client_id: 'C0000001', row: { client_id: 'C1', aum: 5e6 }, nested: { birth_date: '1980-01-01' }, count: 3 }, 'read');
    const [line] = lines();
    expect(line!.client_id).toBe('[redacted]');
    expect(line!.row).toBe('[redacted]');
    expect(line!.nested).toStrictEqual({ birth_date: '[redacted]' });
    expect(line!.count).toBe(3);
  });
});
