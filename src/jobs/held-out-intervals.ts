import { selectValues } from '../classify/select-rows.js';
import type { Rng } from '../core/rng.js';
import { bootstrapInterval, type BootstrapInterval } from '../monitor/bootstrap-interval.js';
import { metricsOfConfusion } from '../monitor/classification-metrics.js';
import type { RiskIntervals } from '../report/training-report.js';

/**
 * Intervals are drawn from at most this many rows, a seeded sample of them beyond: 200 resamples
 * of a million rows cost about a minute per figure here, while a sample's interval is only wider
 * (never narrower) than the whole set's, and at 50,000 rows already about ±0.005 for an AUC.
 */
export const MAX_INTERVAL_ROWS = 50_000;

/** All row indices below MAX_INTERVAL_ROWS, else a seeded sample of that many, in order. */
function intervalRows(n: number, rng: Rng): Uint32Array {
  if (n <= MAX_INTERVAL_ROWS) return Uint32Array.from({ length: n }, (_, i) => i);
  return rng.fork('rows').permutation(n).subarray(0, MAX_INTERVAL_ROWS).sort();
}

/**
 * Seeded percentile intervals (200 resamples of the held-out rows) of macro-F1 and, for two
 * classes, of the ROC AUC of the second class's probability.
 *
 * @example
 * const intervals = riskIntervals(yTest, predictedTest, probaTest, classes, rng.fork('risk'));
 */
export function riskIntervals(yAll: Int32Array, predictedAll: Int32Array, probaAll: Float32Array, classes: readonly string[], rng: Rng): RiskIntervals {
  const c = classes.length;
  const keep = intervalRows(yAll.length, rng);
  const y = selectValues(yAll, 1, keep), predicted = selectValues(predictedAll, 1, keep), proba = selectValues(probaAll, c, keep);
  // A resample's macro-F1 is a function of its confusion counts: count cells, not rows of objects.
  const cell = Int32Array.from(y, (t, r) => (t < 0 ? -1 : t * c + predicted[r]!));
  const counts = new Float64Array(c * c);
  const macroF1 = bootstrapInterval(y.length, (rows) => {
    counts.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const k = cell[rows[i]!]!;
      if (k >= 0) counts[k]! += 1;
    }
    return metricsOfConfusion(classes.map((_, t) => Array.from(counts.subarray(t * c, (t + 1) * c))), classes).macroF1;
  }, rng.fork('macro-f1'));
  if (c !== 2) return { macroF1 };
  const auc = aucInterval(Float64Array.from(y, (_, r) => proba[r * 2 + 1]!), Uint8Array.from(y, (v) => (v === 1 ? 1 : 0)), rng.fork('roc-auc'));
  return { macroF1, rocAuc: auc };
}

/**
 * riskIntervals on a trained classifier's held-out rows, from the measured fit (`measuredClass`,
 * `proba`), whose figures the report prints; never from the shipped model, which was refitted on
 * every labelled row, held-out ones included.
 */
export function heldOutRiskIntervals(
  risk: { readonly measuredClass: Int32Array; readonly proba: Float32Array; readonly testRows: Uint32Array },
  target: { readonly y: Int32Array; readonly classes: readonly string[] }, rng: Rng,
): RiskIntervals {
  const c = target.classes.length;
  return riskIntervals(selectValues(target.y, 1, risk.testRows), selectValues(risk.measuredClass, 1, risk.testRows), selectValues(risk.proba, c, risk.testRows), target.classes, rng);
}

/** Per need (columns of `labels`/`proba`, rows × needs), the interval of its held-out AUC. */
export function needAucIntervals(labels: Uint8Array, proba: Float32Array, needs: readonly string[], rng: Rng): (BootstrapInterval | null)[] {
  const k = needs.length;
  const n = k === 0 ? 0 : labels.length / k;
  return needs.map((need, j) => aucInterval(Float64Array.from({ length: n }, (_, r) => proba[r * k + j]!), Uint8Array.from({ length: n }, (_, r) => labels[r * k + j]!), rng.fork(need)));
}

/** The bootstrap 95% interval of the ROC AUC of `scores` against 0/1 `labels`. */
export function aucInterval(scores: Float64Array, labels: Uint8Array, rng: Rng): BootstrapInterval | null {
  const keep = intervalRows(scores.length, rng);
  return bootstrapInterval(keep.length, resampledAuc(Float64Array.from(keep, (i) => scores[i]!), Uint8Array.from(keep, (i) => labels[i]!)), rng);
}

/**
 * The ROC AUC of a resample (row indices, repeats allowed) as a function, the rows sorted by
 * score once: a resample is the same rows with multiplicities, so its AUC is one weighted pass
 * in score order (ties count a half, as in rocAuc) instead of a sort per resample. Labels and
 * tie groups are laid out in score order, so the pass reads memory in sequence: at 20,000 rows a
 * resample costs well under a millisecond.
 */
export function resampledAuc(scores: Float64Array, labels: ArrayLike<number>): (rows: Uint32Array) => number {
  const n = scores.length;
  const order = Uint32Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  const rank = new Uint32Array(n);
  const positive = new Uint8Array(n);
  const groupEnds: number[] = [];
  for (let i = 0; i < n; i++) {
    rank[order[i]!] = i;
    positive[i] = labels[order[i]!] ? 1 : 0;
    if (i + 1 === n || scores[order[i + 1]!] !== scores[order[i]!]) groupEnds.push(i + 1);
  }
  const ends = Uint32Array.from(groupEnds);
  const weight = new Uint32Array(n);
  return (rows) => {
    weight.fill(0);
    for (let r = 0; r < rows.length; r++) weight[rank[rows[r]!]!]! += 1;
    let negBelow = 0, pairs = 0, pos = 0, neg = 0, i = 0;
    for (let g = 0; g < ends.length; g++) {
      let groupPos = 0, groupNeg = 0;
      for (const end = ends[g]!; i < end; i++) {
        if (positive[i]) groupPos += weight[i]!; else groupNeg += weight[i]!;
      }
      pairs += groupPos * (negBelow + groupNeg / 2);
      negBelow += groupNeg;
      pos += groupPos; neg += groupNeg;
    }
    return pos > 0 && neg > 0 ? pairs / (pos * neg) : Number.NaN;
  };
}
