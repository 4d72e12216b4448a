import { describe, expect, it } from 'vitest';
import { driftGateFails, driftOfScore } from '../../src/jobs/drift-of-score.js';

describe('driftOfScore', () => {
  it('takes the drift a scoring result carries, verdict and document', () => {
    const drift = { verdict: 'watch', features: [{ name: 'aum', psi: 0.14 }] };
    expect(driftOfScore({ profiles: [], drift })).toEqual({ verdict: 'watch', document: drift });
  });
  it('is undefined when scoring computed no drift or an unknown verdict', () => {
    expect(driftOfScore({ profiles: [] })).toBeUndefined();
    expect(driftOfScore({ drift: null })).toBeUndefined();
    expect(driftOfScore({ drift: { verdict: 'fine' } })).toBeUndefined();
  });
});

describe('driftGateFails', () => {
  it('fails at or above the configured verdict, never for never or no verdict', () => {
    expect(driftGateFails('alert', 'alert')).toBe(true);
    expect(driftGateFails('watch', 'alert')).toBe(false);
    expect(driftGateFails('watch', 'watch')).toBe(true);
    expect(driftGateFails('alert', 'watch')).toBe(true);
    expect(driftGateFails('ok', 'watch')).toBe(false);
    expect(driftGateFails('alert', 'never')).toBe(false);
    expect(driftGateFails(undefined, 'watch')).toBe(false);
  });
});
