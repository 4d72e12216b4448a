import { selectValues } from '../classify/select-rows.js';
import type { Rng } from '../core/rng.js';
import { bootstrapInterval, type BootstrapInterval } from '../monitor/bootstrap-interval.js';
import { classificationMetrics } from '../monitor/classification-metrics.js';
import type { RiskIntervals } from '../report/training-report.js';


/**
 * Seeded percentile intervals (200 resamples of the held-out rows) of macro-F1 and, for two
 * classes, of the ROC AUC of the second class's probability.
 *
 * @example
 * const intervals = riskIntervals(yTest, predictedTest, probaTest, classes, rng.fork('risk'));
 */
export function riskIntervals(y: Int32Array, predicted: Int32Array, proba: Float32Array, classes: readonly string[], rng: Rng): RiskIntervals {
  const c = classes.length;
  const macroF1 = bootstrapInterval(y.length, (rows) =>
    classificationMetrics(Int32Array.from(rows, (r) => y[r]!), Int32Array.from(rows, (r) => predicted[r]!), classes).macroF1, rng.fork('macro-f1'));
  if (c !== 2) return { macroF1 };
  const auc = bootstrapInterval(y.length, resampledAuc(Float64Array.from(y, (_, r) => proba[r * 2 + 1]!), Uint8Array.from(y, (v) => (v === 1 ? 1 : 0))), rng.fork('roc-auc'));
  return { macroF1, rocAuc: auc };
}

/** riskIntervals on a trained classifier's held-out rows. */
export function heldOutRiskIntervals(
  risk: { readonly predicted: Int32Array; readonly proba: Float32Array; readonly testRows: Uint32Array },
  target: { readonly y: Int32Array; readonly classes: readonly string[] }, rng: Rng,
): RiskIntervals {
  const c = target.classes.length;
  return riskIntervals(selectValues(target.y, 1, risk.testRows), selectValues(risk.predicted, 1, risk.testRows), selectValues(risk.proba, c, risk.testRows), target.classes, rng);
}

/** Per need (columns of `labels`/`proba`, rows × needs), the interval of its held-out AUC. */
export function needAucIntervals(labels: Uint8Array, proba: Float32Array, needs: readonly string[], rng: Rng): (BootstrapInterval | null)[] {
  const k = needs.length;
  const n = k === 0 ? 0 : labels.length / k;
  return needs.map((need, j) => bootstrapInterval(n,
    resampledAuc(Float64Array.from({ length: n }, (_, r) => proba[r * k + j]!), Uint8Array.from({ length: n }, (_, r) => labels[r * k + j]!)), rng.fork(need)));
}

/**
 * The ROC AUC of a resample (row indices, repeats allowed) as a function, the rows sorted by
 * score once: a resample is the same rows with multiplicities, so its AUC is one weighted pass
 * (ties count a half, as in rocAuc) instead of a sort per resample — 200 resamples of 20,000
 * held-out rows per need would otherwise cost seconds.
 */
export function resampledAuc(scores: Float64Array, labels: Uint8Array): (rows: Uint32Array) => number {
  const order = Uint32Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  const weight = new Uint32Array(scores.length);
  return (rows) => {
    weight.fill(0);
    for (const r of rows) weight[r]! += 1;
    let negBelow = 0, pairs = 0, pos = 0, neg = 0;
    for (let i = 0; i < order.length;) {
      let j = i, groupPos = 0, groupNeg = 0;
      while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
        const w = weight[order[j]!]!;
        if (labels[order[j]!]) groupPos += w; else groupNeg += w;
        j++;
      }
      pairs += groupPos * (negBelow + groupNeg / 2);
      negBelow += groupNeg;
      pos += groupPos; neg += groupNeg;
      i = j;
    }
    return pos > 0 && neg > 0 ? pairs / (pos * neg) : Number.NaN;
  };
}
