/** One class's row of the accuracy report. */
export interface ClassMetrics {
  readonly class: string;
  /** Rows whose true class this is. */
  readonly support: number;
  /** Rows predicted as this class. */
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassificationMetrics {
  readonly classes: readonly string[];
  /** Rows scored (rows with a true label of -1 are skipped). */
  readonly n: number;
  /** confusion[t][p]: rows of true class t predicted as p. */
  readonly confusion: number[][];
  readonly perClass: ClassMetrics[];
  readonly accuracy: number;
  /** Mean F1 over the classes that occur in the truth or the predictions. */
  readonly macroF1: number;
  /** Mean recall over the classes that occur in the truth. */
  readonly balancedAccuracy: number;
  /** Always predicting the most frequent true class (ties: the first in `classes`). */
  readonly baseline: { readonly class: string; readonly accuracy: number; readonly macroF1: number; readonly balancedAccuracy: number };
}

/**
 * Accuracy of class predictions against the truth, with the majority-class baseline a model must
 * beat. Labels are indices into `classes`; a true label of -1 (unlabelled) skips the row. A
 * precision or recall with a zero denominator is 0, as in scikit-learn's default.
 *
 * @example
 * classificationMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['low', 'high']).accuracy; // 0.75
 */
export function classificationMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: readonly string[]): ClassificationMetrics {
  if (yTrue.length !== yPred.length) throw new RangeError(`yTrue has ${yTrue.length} rows, yPred ${yPred.length}`);
  const c = classes.length;
  const confusion = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    if (t < 0) continue;
    const p = yPred[i]!;
    if (t >= c || p < 0 || p >= c) throw new RangeError(`label out of range at row ${i}: true ${t}, predicted ${p}`);
    confusion[t]![p]!++;
  }
  return metricsOfConfusion(confusion, classes);
}

/**
 * classificationMetrics from the confusion counts alone (confusion[t][p]: rows of true class t
 * predicted as p). Counts add, so confusions counted apart (shards of a run) and summed give the
 * metrics of all rows together.
 *
 * @example
 * metricsOfConfusion([[1, 1], [0, 2]], ['low', 'high']).accuracy; // 0.75
 */
export function metricsOfConfusion(confusion: number[][], classes: readonly string[]): ClassificationMetrics {
  const n = confusion.reduce((s, row) => s + row.reduce((a, v) => a + v, 0), 0);
  const support = confusion.map((row) => row.reduce((s, v) => s + v, 0));
  const predicted = classes.map((_, p) => confusion.reduce((s, row) => s + row[p]!, 0));
  const perClass = classes.map((name, k) => {
    const tp = confusion[k]![k]!;
    const precision = predicted[k]! > 0 ? tp / predicted[k]! : 0;
    const recall = support[k]! > 0 ? tp / support[k]! : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { class: name, support: support[k]!, predicted: predicted[k]!, precision, recall, f1 };
  });
  const seen = perClass.filter((m) => m.support > 0 || m.predicted > 0);
  const inTruth = perClass.filter((m) => m.support > 0);
  const correct = classes.reduce((s, _, k) => s + confusion[k]![k]!, 0);
  const major = support.reduce((best, v, k) => (v > support[best]! ? k : best), 0);
  const majorPrecision = n > 0 ? support[major]! / n : 0;
  const majorF1 = n > 0 ? (2 * majorPrecision) / (1 + majorPrecision) : 0;
  return {
    classes: [...classes],
    n,
    confusion,
    perClass,
    accuracy: n > 0 ? correct / n : 0,
    macroF1: mean(seen.map((m) => m.f1)),
    balancedAccuracy: mean(inTruth.map((m) => m.recall)),
    baseline: {
      class: classes[major] ?? '', accuracy: majorPrecision,
      macroF1: inTruth.length > 0 ? majorF1 / inTruth.length : 0,
      // Recall 1 on the majority class, 0 on the others.
      balancedAccuracy: inTruth.length > 0 ? 1 / inTruth.length : 0,
    },
  };
}

/**
 * Mean negative log-likelihood of the true classes under `probs` (n × C, row-major), with
 * probabilities clipped to [eps, 1] so one confident miss cannot make it infinite.
 *
 * @example
 * logLoss([0.8, 0.2, 0.4, 0.6], [0, 1]); // (−ln 0.8 − ln 0.6) / 2 ≈ 0.367
 */
export function logLoss(probs: ArrayLike<number>, yTrue: ArrayLike<number>, eps = 1e-15): number {
  const c = classCount(probs, yTrue);
  let total = 0;
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    if (t < 0) continue;
    total -= Math.log(Math.min(1, Math.max(eps, probs[i * c + t]!)));
    n++;
  }
  return n > 0 ? total / n : 0;
}

/** One bin of the reliability curve: mean confidence against observed accuracy. */
export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean top-class probability in the bin (0 when empty). */
  readonly confidence: number;
  /** Share of the bin's rows whose top class was right (0 when empty). */
  readonly accuracy: number;
}

export interface CalibrationReport {
  /** Σ (count_b / n) · |accuracy_b − confidence_b| over equal-width bins of the top-class probability. */
  readonly ece: number;
  readonly bins: ReliabilityBin[];
}

/**
 * Expected calibration error of the top-class probability (Guo et al. 2017) on `bins` equal-width
 * bins of [0, 1] (a confidence of exactly 1 goes in the last bin), with the reliability curve.
 *
 * @example
 * expectedCalibrationError([0.9, 0.1, 0.6, 0.4], [0, 1], 2).ece; // (0.1 + 0.6) / 2 = 0.35
 */
export function expectedCalibrationError(probs: ArrayLike<number>, yTrue: ArrayLike<number>, bins = 10): CalibrationReport {
  const c = classCount(probs, yTrue);
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    if (t < 0) continue;
    let best = 0;
    for (let k = 1; k < c; k++) if (probs[i * c + k]! > probs[i * c + best]!) best = k;
    const p = probs[i * c + best]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++; conf[b]! += p; if (best === t) hits[b]!++;
    n++;
  }
  let ece = 0;
  const curve = count.map((m, b) => {
    const confidence = m > 0 ? conf[b]! / m : 0;
    const accuracy = m > 0 ? hits[b]! / m : 0;
    if (n > 0) ece += (m / n) * Math.abs(accuracy - confidence);
    return { lower: b / bins, upper: (b + 1) / bins, count: m, confidence, accuracy };
  });
  return { ece, bins: curve };
}

function classCount(probs: ArrayLike<number>, yTrue: ArrayLike<number>): number {
  const c = yTrue.length > 0 ? probs.length / yTrue.length : 0;
  if (!Number.isInteger(c)) throw new RangeError(`probs has ${probs.length} values for ${yTrue.length} rows`);
  return c;
}

function mean(xs: readonly number[]): number {
  return xs.length > 0 ? xs.reduce((s, v) => s + v, 0) / xs.length : 0;
}
