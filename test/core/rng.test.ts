import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number | string) => { const r = new Rng(seed); return Array.from({ length: 5 }, () => r.nextUint32()); };
    expect(draw(42)).toStrictEqual(draw(42));
    expect(draw(42)).toStrictEqual(draw('42'));
    expect(draw(42)).not.toStrictEqual(draw(43));
  });

  it('forks independent named streams that do not depend on draws made before', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    b.next(); b.next();
    expect(a.fork('kmeans').next()).toBe(b.fork('kmeans').next());
    expect(a.fork('kmeans').next()).not.toBe(a.fork('split').next());
  });

  it('draws uniforms in [0, 1) with the right mean and normals with the right moments', () => {
    const r = new Rng(1);
    let sum = 0, sumN = 0, sumN2 = 0, min = 1, max = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      min = Math.min(min, u); max = Math.max(max, u);
      sum += u;
      const z = r.normal();
      sumN += z; sumN2 += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });

  it('picks by weight and shuffles into a permutation', () => {
    const r = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.pickWeighted([1, 0, 2])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(1.8);
    expect(counts[2]! / counts[0]!).toBeLessThan(2.2);
    expect([...r.permutation(10)].sort((x, y) => x - y)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.shuffled(['a', 'b', 'c']).sort()).toStrictEqual(['a', 'b', 'c']);
  });

  it('draws Poisson counts with the requested mean', () => {
    const r = new Rng(5);
    let total = 0;
    for (let i = 0; i < 20_000; i++) total += r.poisson(3);
    expect(total / 20_000).toBeCloseTo(3, 1);
  });
});
