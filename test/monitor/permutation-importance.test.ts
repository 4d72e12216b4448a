import { describe, expect, it } from 'vitest';
import { fitLogisticBaseline } from '../../src/classify/fit-logistic-baseline.js';
import { Rng } from '../../src/index.js';
import { partialDependence } from '../../src/monitor/partial-dependence.js';
import { permutationImportance, type ProbaFn } from '../../src/monitor/permutation-importance.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** Two classes, p(second) = sigmoid(2·x0); columns 1 and 2 are ignored. */
const predict: ProbaFn = (values, rows) => {
  const out = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) { const p = sigmoid(2 * values[i * 3]!); out[i * 2] = 1 - p; out[i * 2 + 1] = p; }
  return out;
};

function data(n: number, seed: string) {
  const rng = new Rng(seed);
  const values = new Float64Array(n * 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) values[i * 3 + j] = rng.normal();
    y[i] = rng.bernoulli(sigmoid(2 * values[i * 3]! - values[i * 3 + 1]!)) ? 1 : 0;
  }
  return { values, y };
}

describe('permutation importance and partial dependence', () => {
  it('a column the model never reads has importance exactly 0; the one it reads raises log-loss; same seed, same figures', () => {
    const { values, y } = data(400, 'pi');
    const groups = [{ name: 'x0', columns: [0] }, { name: 'x1', columns: [1] }, { name: 'x2+', columns: [2] }];
    const a = permutationImportance(values, 400, 3, y, groups, predict, new Rng(1), 8);
    expect(a[1]).toStrictEqual({ name: 'x1', mean: 0, sd: 0, low: 0, high: 0 });
    expect(a[2]!.mean).toBe(0);
    expect(a[0]!.low).toBeGreaterThan(0.2);
    expect(a[0]!.high).toBeGreaterThan(a[0]!.mean);
    expect(permutationImportance(values, 400, 3, y, groups, predict, new Rng(1), 8)).toStrictEqual(a);
    expect(permutationImportance(values, 400, 3, y, groups, predict, new Rng(2), 8)[0]!.mean).not.toBe(a[0]!.mean);
  });

  it('partial dependence of a numeric column follows the model at its quantiles; a level group sets one indicator at a time', () => {
    const values = Float64Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? i / 3 - 5 : 0)); // x0 = −5 … 4, ten rows
    const pd = partialDependence(values, 10, 3, { name: 'x0', columns: [0] }, [], predict, 2);
    expect(pd.grid.map((g) => g.value)).toStrictEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4]);
    pd.grid.forEach((g, k) => expect(pd.mean[1]![k]).toBeCloseTo(sigmoid(2 * g.value), 6));
    const levels = partialDependence(values, 10, 3, { name: 'c', columns: [0, 1] }, ['a', 'b'], predict, 2);
    expect(levels.grid.map((g) => g.label)).toStrictEqual(['a', 'b', 'none']);
    expect(levels.mean[1]).toStrictEqual([sigmoid(2), 0.5, 0.5].map((p) => expect.closeTo(p, 6)));
  });

  it('the logistic baseline recovers the planted coefficients, the same twice', async () => {
    const { values, y } = data(3000, 'lr');
    const x = { names: ['x0', 'x1', 'x2'], rows: 3000, cols: 3, values };
    const lr = await fitLogisticBaseline(x, y, ['no', 'yes'], new Rng(5));
    const w = (j: number) => lr.weights[j * 2 + 1]! - lr.weights[j * 2]!;
    expect(w(0)).toBeCloseTo(2, 0);
    expect(w(1)).toBeCloseTo(-1, 0);
    expect(Math.abs(w(2))).toBeLessThan(0.15);
    expect(lr.threshold!.rule).toBe('f1');
    const again = await fitLogisticBaseline(x, y, ['no', 'yes'], new Rng(5));
    expect(again.weights).toStrictEqual(lr.weights);
    const p = lr.predictProba(x);
    expect(p[1]! + p[0]!).toBeCloseTo(1, 6);
    expect([...lr.classesFrom(p)].every((k, i) => k === (p[i * 2 + 1]! >= lr.threshold!.value ? 1 : 0))).toBe(true);
  });
});
