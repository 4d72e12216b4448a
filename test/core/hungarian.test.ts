import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { hungarian } from '../../src/core/hungarian.js';

const total = (cost: number[][], a: number[]) => a.reduce((s, col, row) => s + (col >= 0 ? cost[row]![col]! : 0), 0);

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0]!.length;
  let best = Infinity;
  const used = new Array<boolean>(m).fill(false);
  const rec = (row: number, acc: number, assigned: number) => {
    if (row === n) {
      if (assigned === Math.min(n, m)) best = Math.min(best, acc);
      return;
    }
    if (n > m) rec(row + 1, acc, assigned); // this row may go unassigned
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      rec(row + 1, acc + cost[row]![j]!, assigned + 1);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return best;
}

describe('hungarian', () => {
  it('solves a 3×3 with the known optimum', () => {
    const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    expect(hungarian(cost)).toEqual([1, 0, 2]);
    expect(total(cost, hungarian(cost))).toBe(5);
  });

  it('solves a 4×4 with the known optimum', () => {
    const cost = [[82, 83, 69, 92], [77, 37, 49, 92], [11, 69, 5, 86], [8, 9, 98, 23]];
    expect(hungarian(cost)).toEqual([2, 1, 0, 3]);
    expect(total(cost, hungarian(cost))).toBe(140);
  });

  it('maximises when given negated scores', () => {
    expect(hungarian([[-1, -5], [-4, -2]])).toEqual([1, 0]);
  });

  it('handles more columns than rows, and more rows than columns', () => {
    expect(hungarian([[5, 1, 9], [1, 8, 9]])).toEqual([1, 0]);
    expect(hungarian([[5, 1], [1, 8], [0, 0]])).toEqual([1, -1, 0]);
    expect(hungarian([])).toEqual([]);
    expect(hungarian([[], []])).toEqual([-1, -1]);
  });

  it('agrees with brute force on random square and rectangular matrices', () => {
    const rng = new Rng('hungarian');
    for (let t = 0; t < 60; t++) {
      const n = 1 + rng.int(6);
      const m = 1 + rng.int(6);
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => rng.int(20) - 5));
      const a = hungarian(cost);
      const cols = a.filter((c) => c >= 0);
      expect(new Set(cols).size).toBe(cols.length);
      expect(cols).toHaveLength(Math.min(n, m));
      expect(total(cost, a)).toBe(bruteForce(cost));
    }
  });

  it('throws input_invalid on ragged or non-finite costs', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    expect(() => hungarian([[1, Infinity], [3, 4]])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
