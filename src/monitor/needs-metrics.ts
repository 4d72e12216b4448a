import { precisionAtK, rocAuc } from './roc-auc.js';

export interface NeedMetrics {
  readonly need: string;
  readonly positives: number;
  readonly prevalence: number;
  /** Rank AUC of the propensity; NaN when the rows hold one class only. */
  readonly auc: number;
  /** Precision among the top decile by propensity (k = ceil(rows / 10)). */
  readonly precisionAtTopDecile: number;
  /** Decision threshold on the propensity (chosen on training rows). */
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Per-need quality on held-out rows: AUC, precision in the top decile (what an advisor calling the
 * top tenth of the book would see), and precision/recall/F1 at the model's threshold.
 *
 * @example
 * needsMetrics(proba, labels, ['education', 'growth'], [0.3, 0.4]);
 */
export function needsMetrics(proba: Float32Array, labels: Uint8Array, needs: readonly string[], thresholds: readonly number[]): NeedMetrics[] {
  const k = needs.length;
  const n = labels.length / k;
  return needs.map((need, j) => {
    const scores = new Float64Array(n);
    const y = new Uint8Array(n);
    let positives = 0, tp = 0, predicted = 0;
    for (let i = 0; i < n; i++) {
      scores[i] = proba[i * k + j]!;
      y[i] = labels[i * k + j]!;
      positives += y[i]!;
      const hit = scores[i]! >= thresholds[j]!;
      predicted += hit ? 1 : 0;
      tp += hit && y[i] ? 1 : 0;
    }
    const precision = predicted ? tp / predicted : 0;
    const recall = positives ? tp / positives : 0;
    return {
      need, positives, prevalence: n ? positives / n : 0, auc: rocAuc(scores, y),
      precisionAtTopDecile: precisionAtK(scores, y, Math.ceil(n / 10)), threshold: thresholds[j]!,
      precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    };
  });
}

/** Per need, the propensity threshold with the best F1 on the given rows (ties: the higher threshold). */
export function bestF1Thresholds(proba: Float32Array, labels: Uint8Array, k: number): number[] {
  const n = labels.length / k;
  return Array.from({ length: k }, (_, j) => {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => proba[b * k + j]! - proba[a * k + j]! || a - b);
    let positives = 0;
    for (let i = 0; i < n; i++) positives += labels[i * k + j]!;
    if (positives === 0) return 1;
    let tp = 0, best = 0, threshold = 1;
    for (let r = 0; r < n; r++) {
      const i = order[r]!;
      tp += labels[i * k + j]!;
      const next = order[r + 1];
      if (next !== undefined && proba[next * k + j] === proba[i * k + j]) continue;
      const f1 = (2 * tp) / (r + 1 + positives);
      if (f1 > best) { best = f1; threshold = proba[i * k + j]!; }
    }
    return threshold;
  });
}
