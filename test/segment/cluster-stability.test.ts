import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { bootstrapJaccard, stabilityVerdict } from '../../src/segment/bootstrap-jaccard.js';
import { restartStability } from '../../src/segment/restart-stability.js';
import { fitKMeans } from '../../src/segment/fit-kmeans.js';
import { blobs } from '../segment/blobs.js';

const COLS = 6;

/** Three tight blobs, and a box of uniform noise far from them that k-means must cut into four. */
function blobsAndNoise(seed: number): { data: Float64Array; rows: number; noiseFrom: number } {
  const b = blobs(3, 400, COLS, seed);
  const rng = new Rng(`${seed}/noise`);
  const noise = 1200;
  const data = new Float64Array((b.rows + noise) * COLS);
  data.set(b.data);
  for (let i = b.data.length; i < data.length; i++) data[i] = rng.uniform(30, 42);
  return { data, rows: b.rows + noise, noiseFrom: b.rows };
}

describe('bootstrap Jaccard per cluster', () => {
  it('marks the clusters cut out of uniform noise unreliable and the real blobs stable', () => {
    const { data, rows, noiseFrom } = blobsAndNoise(11);
    const fit = fitKMeans(data, rows, COLS, { k: 7 }, new Rng('fit'));
    const result = bootstrapJaccard(data, rows, COLS, fit.centroids, fit.k, { bootstraps: 20 }, new Rng('boot'));
    const noiseClusters = new Set(Array.from(fit.labels.subarray(noiseFrom)));
    const blobClusters = new Set(Array.from(fit.labels.subarray(0, noiseFrom)));
    expect(noiseClusters.size).toBe(4);
    expect(blobClusters.size).toBe(3);
    for (const c of result.clusters) {
      if (noiseClusters.has(c.cluster)) {
        expect({ c: c.cluster, verdict: c.verdict }).toStrictEqual({ c: c.cluster, verdict: 'unreliable' });
        expect(c.jaccard).toBeLessThan(0.6);
      } else {
        expect({ c: c.cluster, verdict: c.verdict }).toStrictEqual({ c: c.cluster, verdict: 'stable' });
        expect(c.jaccard).toBeGreaterThan(0.9);
      }
    }
    expect(result.bootstraps).toBe(20);
    expect(result.sampleSize).toBe(rows);
  });

  it('is deterministic for a seed and works on a subsample', () => {
    const b = blobs(4, 2000, COLS, 5);
    const fit = fitKMeans(b.data, b.rows, COLS, { k: 4 }, new Rng('fit'));
    const run = () => bootstrapJaccard(b.data, b.rows, COLS, fit.centroids, 4, { bootstraps: 5, sampleSize: 1000 }, new Rng('boot'));
    const first = run();
    expect(first.sampleSize).toBe(1000);
    expect(first).toStrictEqual(run());
    expect(first.clusters.every((c) => c.verdict === 'stable')).toBe(true);
  });

  it('bands a Jaccard into unreliable (< 0.6), watch and stable (≥ 0.75)', () => {
    expect([0.59, 0.6, 0.74, 0.75, 1, Number.NaN].map(stabilityVerdict)).toStrictEqual(['unreliable', 'watch', 'watch', 'stable', 'stable', 'unreliable']);
  });
});

describe('ARI across seeded restarts', () => {
  it('is 1 on well-separated blobs and well below 1 on uniform noise', () => {
    const b = blobs(4, 500, COLS, 3);
    const clear = restartStability(b.data, b.rows, COLS, 4, { restarts: 5 }, new Rng('r'));
    expect(clear.meanAri).toBeGreaterThan(0.99);
    expect(clear.restarts).toBe(5);
    const rng = new Rng('uniform');
    const noise = Float64Array.from({ length: 2000 * COLS }, () => rng.next());
    const vague = restartStability(noise, 2000, COLS, 4, { restarts: 5, sampleSize: 1500 }, new Rng('r'));
    expect(vague.sampleSize).toBe(1500);
    expect(vague.meanAri).toBeLessThan(0.8);
    expect(vague.minAri).toBeLessThanOrEqual(vague.meanAri);
  });
});
