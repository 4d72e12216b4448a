import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { kmeansPlusPlus } from '../../src/segment/kmeans-plus-plus.js';
import { blobs } from './blobs.js';

describe('kmeansPlusPlus', () => {
  it('never picks a point that coincides with a chosen centre while others remain', () => {
    // Whichever point starts, the only point with positive weight is the other value.
    for (let seed = 0; seed < 50; seed++) {
      const centres = kmeansPlusPlus(Float64Array.of(5, 5, 5, 9), 4, 1, 2, new Rng(seed));
      expect(Array.from(centres).sort()).toEqual([5, 9]);
    }
  });

  it('copes with all points identical by drawing uniformly', () => {
    expect(Array.from(kmeansPlusPlus(Float64Array.of(3, 3, 3), 3, 1, 3, new Rng(1)))).toEqual([3, 3, 3]);
  });

  it('puts one centre in each of 6 far-apart blobs for nearly every seed (plain k-means++ managed 14 of 20)', () => {
    const { data, labels, rows } = blobs(6, 200, 10, 21);
    let hits = 0;
    for (let seed = 0; seed < 20; seed++) {
      const centres = kmeansPlusPlus(data, rows, 10, 6, new Rng(seed));
      const seen = new Set<number>();
      for (let c = 0; c < 6; c++) {
        // Each centre is a data row; find which blob it came from.
        for (let i = 0; i < rows; i++) {
          if (data[i * 10] === centres[c * 10] && data[i * 10 + 1] === centres[c * 10 + 1]) { seen.add(labels[i]!); break; }
        }
      }
      if (seen.size === 6) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(19);
  });

  it('is deterministic per seed', () => {
    const { data, rows } = blobs(3, 50, 3, 1);
    expect(kmeansPlusPlus(data, rows, 3, 3, new Rng(8))).toStrictEqual(kmeansPlusPlus(data, rows, 3, 3, new Rng(8)));
  });
});
