import { calibrationCheck } from './calibration-check.js';
import { classificationMetrics, expectedCalibrationError, logLoss } from './classification-metrics.js';

/** The headline figures of a classifier on some labelled rows, with the majority baseline. */
export interface ClassifierSummary {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly balancedAccuracy: number;
  readonly logLoss: number;
  readonly ece: number;
  readonly miscalibrated: boolean;
  readonly baseline: { readonly class: string; readonly accuracy: number; readonly macroF1: number; readonly balancedAccuracy: number };
}

/**
 * Accuracy, macro-F1, balanced accuracy, log-loss and ECE of `proba` (n × C, row-major) against
 * `yTrue` (class indices, -1 skipped), the predicted class being the most probable one.
 *
 * @example
 * classifierSummary(Int32Array.of(0, 1), Float32Array.of(0.9, 0.1, 0.3, 0.7), ['a', 'b']).accuracy; // 1
 */
export function classifierSummary(yTrue: ArrayLike<number>, proba: ArrayLike<number>, classes: readonly string[]): ClassifierSummary {
  const c = classes.length;
  const rows: number[] = [];
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i]! >= 0) rows.push(i);
  const y = Int32Array.from(rows, (i) => yTrue[i]!);
  const p = new Float64Array(rows.length * c);
  const predicted = new Int32Array(rows.length);
  rows.forEach((i, r) => {
    let best = 0;
    for (let k = 0; k < c; k++) {
      p[r * c + k] = proba[i * c + k]!;
      if (proba[i * c + k]! > proba[i * c + best]!) best = k;
    }
    predicted[r] = best;
  });
  const m = classificationMetrics(y, predicted, classes);
  const calibration = calibrationCheck(expectedCalibrationError(p, y));
  return {
    n: m.n, accuracy: m.accuracy, macroF1: m.macroF1, balancedAccuracy: m.balancedAccuracy,
    logLoss: logLoss(p, y), ece: calibration.ece, miscalibrated: calibration.miscalibrated,
    baseline: m.baseline,
  };
}
