import type { FeatureGroup, ProbaFn } from './permutation-importance.js';

export interface PartialDependence {
  readonly name: string;
  /** One point per grid value: a feature's quantile (standardised) or a categorical level. */
  readonly grid: readonly { readonly label: string; readonly value: number }[];
  /** Mean predicted probability per grid point, per class: `mean[k][g]`. */
  readonly mean: readonly (readonly number[])[];
}

/** Quantiles the grid of a numeric feature is drawn at (distinct values only). */
const GRID_QUANTILES = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];

/**
 * Partial dependence: each row's group set to one grid value at a time, the mean predicted
 * probability of every class over the rows. A one-column group takes its own quantiles (5% to
 * 95%) on these rows; a group of indicators takes each of its levels in turn, and "none" (every
 * indicator 0: a pooled or unseen level).
 *
 * @example
 * partialDependence(values, rows, cols, { name: 'age', columns: [0] }, ['c', 'b', 'a'], predict).mean[2]; // p(a) along age
 */
export function partialDependence(
  values: ArrayLike<number>, rows: number, cols: number, group: FeatureGroup, levelLabels: readonly string[], predict: ProbaFn, classes: number,
): PartialDependence {
  const base = Float32Array.from({ length: rows * cols }, (_, i) => (Number.isFinite(values[i]!) ? values[i]! : 0));
  const settings: { label: string; value: number; set: (row: number) => void }[] = [];
  if (group.columns.length === 1) {
    const j = group.columns[0]!;
    const sorted = Float64Array.from({ length: rows }, (_, i) => base[i * cols + j]!).sort();
    const seen = new Set<number>();
    for (const q of GRID_QUANTILES) {
      const v = sorted[Math.min(rows - 1, Math.floor(q * rows))]!;
      if (rows === 0 || seen.has(v)) continue;
      seen.add(v);
      settings.push({ label: String(v), value: v, set: (i) => { base[i * cols + j] = v; } });
    }
  } else {
    const zero = (i: number) => { for (const j of group.columns) base[i * cols + j] = 0; };
    group.columns.forEach((j, k) => settings.push({ label: levelLabels[k] ?? String(k), value: k, set: (i) => { zero(i); base[i * cols + j] = 1; } }));
    settings.push({ label: 'none', value: group.columns.length, set: zero });
  }
  const mean = Array.from({ length: classes }, () => new Array<number>(settings.length).fill(0));
  const original = base.slice();
  settings.forEach((s, g) => {
    for (let i = 0; i < rows; i++) s.set(i);
    const p = predict(base, rows);
    base.set(original);
    for (let i = 0; i < rows; i++) for (let k = 0; k < classes; k++) mean[k]![g]! += p[i * classes + k]! / rows;
  });
  return { name: group.name, grid: settings.map((s) => ({ label: s.label, value: s.value })), mean };
}
