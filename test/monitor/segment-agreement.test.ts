import { describe, expect, it } from 'vitest';
import { segmentAgreement } from '../../src/monitor/segment-agreement.js';

describe('segmentAgreement', () => {
  it('counts nobody as changed when the segments are only renumbered', () => {
    const r = segmentAgreement(Int32Array.of(0, 0, 1, 1, 2), Int32Array.of(7, 7, 3, 3, 5));
    expect(r.ari).toBe(1);
    expect(r.changed).toBe(0);
    expect(r.matches).toStrictEqual([{ a: 0, b: 7, shared: 2 }, { a: 1, b: 3, shared: 2 }, { a: 2, b: 5, shared: 1 }]);
  });

  it('counts the clients outside the matched pairs, and those of a segment left without a match', () => {
    // A: 0 0 0 0 1 1 1 2 2 ; B: 9 9 9 4 4 4 4 4 9 → 0↔9 (3 shared), 1↔4 (3 shared), 2 unmatched (B has 2 segments)
    const r = segmentAgreement(Int32Array.of(0, 0, 0, 0, 1, 1, 1, 2, 2), Int32Array.of(9, 9, 9, 4, 4, 4, 4, 4, 9));
    expect(r.counts).toStrictEqual([[1, 3], [3, 0], [1, 1]]);
    expect(r.matches.find((m) => m.a === 2)!.b).toBeNull();
    expect(r.changed).toBe(3);
    expect(r.changedShare).toBeCloseTo(3 / 9, 12);
    expect(r.ari).toBeLessThan(1);
  });
});
