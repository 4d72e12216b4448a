import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { driftGateFails, driftOfScore } from '../../src/jobs/drift-of-score.js';
import type { RunMonitoring } from '../../src/jobs/monitor-run.js';

describe('driftOfScore', () => {
  const asOf = parseIsoDay('2026-06-30')!;

  it('keeps the verdict and drift.json as the run\'s document', () => {
    const monitoring = { drift: { verdict: 'watch', features: [{ name: 'age', verdict: 'watch' }] }, counts: { rows: 3 } } as unknown as RunMonitoring;
    const drift = driftOfScore({ monitoring, modelVersion: 'abc' }, asOf);
    expect(drift?.verdict).toBe('watch');
    expect(drift?.document).toMatchObject({ verdict: 'watch', asOf: '2026-06-30', modelVersion: 'abc', features: [{ name: 'age' }], counts: { rows: 3 } });
  });

  it('is undefined when the scoring measured no drift', () => {
    expect(driftOfScore({ monitoring: undefined, modelVersion: 'abc' }, asOf)).toBeUndefined();
  });
});

describe('driftGateFails', () => {
  it('fails from the gate\'s level upwards', () => {
    expect(driftGateFails('alert', 'alert')).toBe(true);
    expect(driftGateFails('watch', 'alert')).toBe(false);
    expect(driftGateFails('watch', 'watch')).toBe(true);
    expect(driftGateFails('alert', 'watch')).toBe(true);
    expect(driftGateFails('ok', 'watch')).toBe(false);
    expect(driftGateFails('alert', 'never')).toBe(false);
    expect(driftGateFails(undefined, 'watch')).toBe(false);
  });
});
