import type { Rng } from '../core/rng.js';
import { logLoss } from './classification-metrics.js';

/** Class probabilities (rows × classes, row-major) for row-major feature values. */
export type ProbaFn = (values: Float32Array, rows: number) => Float32Array;

/** Columns that are permuted together: a feature, or every indicator of one categorical column. */
export interface FeatureGroup {
  readonly name: string;
  readonly columns: readonly number[];
}

export interface FeatureImportance {
  readonly name: string;
  /** Mean rise in log-loss when the group's values are shuffled across rows (0: the model ignores it). */
  readonly mean: number;
  readonly sd: number;
  /** mean ± 1.96 sd over the repeats; each repeat is a bootstrap resample with its own shuffle. */
  readonly low: number;
  readonly high: number;
}

/**
 * Permutation importance: how much the log-loss on labelled rows rises when one group's values
 * are shuffled across the rows, breaking its link to the label. Each repeat draws a bootstrap
 * resample of the rows and one shuffle per group, and compares with the unshuffled loss on the same
 * resample, so the spread over repeats covers both the shuffle and the choice of rows. Log-loss,
 * not a thresholded score: it is smooth and means the same for two classes or more.
 *
 * @example
 * permutationImportance(values, rows, cols, y, [{ name: 'age', columns: [0] }], predict, rng.fork('importance'), 10);
 */
export function permutationImportance(
  values: ArrayLike<number>, rows: number, cols: number, y: ArrayLike<number>, groups: readonly FeatureGroup[],
  predict: ProbaFn, rng: Rng, repeats = 10,
): FeatureImportance[] {
  const rises = groups.map(() => new Float64Array(repeats));
  const sample = new Float32Array(rows * cols);
  const ySample = new Int32Array(rows);
  for (let r = 0; r < repeats; r++) {
    const draw = rng.fork(`repeat-${r}`);
    for (let i = 0; i < rows; i++) {
      const from = draw.int(rows);
      ySample[i] = y[from]!;
      for (let j = 0; j < cols; j++) { const v = values[from * cols + j]!; sample[i * cols + j] = Number.isFinite(v) ? v : 0; }
    }
    const base = logLoss(predict(sample, rows), ySample);
    groups.forEach((g, gi) => {
      const order = draw.permutation(rows);
      const saved = g.columns.map((j) => Float32Array.from({ length: rows }, (_, i) => sample[i * cols + j]!));
      g.columns.forEach((j, k) => { for (let i = 0; i < rows; i++) sample[i * cols + j] = saved[k]![order[i]!]!; });
      rises[gi]![r] = logLoss(predict(sample, rows), ySample) - base;
      g.columns.forEach((j, k) => { for (let i = 0; i < rows; i++) sample[i * cols + j] = saved[k]![i]!; });
    });
  }
  return groups.map((g, gi) => {
    const v = rises[gi]!;
    const mean = v.reduce((s, x) => s + x, 0) / repeats;
    const sd = repeats > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (repeats - 1)) : 0;
    return { name: g.name, mean, sd, low: mean - 1.96 * sd, high: mean + 1.96 * sd };
  });
}
