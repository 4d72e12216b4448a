import type { CalibrationReport } from './classification-metrics.js';

/** An ECE above this is a visible miscalibration: a stated 80% that comes true 75% of the time. */
export const ECE_LIMIT = 0.05;

export interface CalibrationCheck {
  readonly ece: number;
  /**
   * The ECE a perfectly calibrated model would show on these rows by chance alone:
   * Σ (n_b / n) · √(2/π · c_b (1 − c_b) / n_b), the expected |accuracy − confidence| of a bin
   * of n_b rows at confidence c_b. Small test sets have a large floor.
   */
  readonly noiseFloor: number;
  /** ECE above both `ECE_LIMIT` and twice the noise floor. */
  readonly miscalibrated: boolean;
}

/**
 * Decides whether an ECE shows miscalibration or only the sampling noise of a small test set:
 * flagged when it exceeds `ECE_LIMIT` and twice what a calibrated model would show on these bins.
 *
 * @example
 * calibrationCheck(expectedCalibrationError(proba, y)).miscalibrated; // false for a calibrated model
 */
export function calibrationCheck(report: CalibrationReport): CalibrationCheck {
  const n = report.bins.reduce((s, b) => s + b.count, 0);
  let noiseFloor = 0;
  for (const b of report.bins) {
    if (b.count === 0) continue;
    noiseFloor += (b.count / n) * Math.sqrt(((2 / Math.PI) * b.confidence * (1 - b.confidence)) / b.count);
  }
  return { ece: report.ece, noiseFloor, miscalibrated: report.ece > ECE_LIMIT && report.ece > 2 * noiseFloor };
}
