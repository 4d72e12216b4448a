import { MISSING_DAY } from '../core/records.js';
import { metricsOfConfusion, type ClassificationMetrics } from './classification-metrics.js';

export interface RealisedAccuracyInput {
  /** Declared risk per client as recorded (undefined when absent). */
  readonly declared: readonly (string | undefined)[];
  /** Assessment day per client, or MISSING_DAY. */
  readonly assessedOn: Int32Array;
  /** The model's predicted class per client. */
  readonly predicted: readonly string[];
  readonly classes: readonly string[];
  /** The model's training as-of day: answers on or before it may be what it learned from. */
  readonly trainedAsOf: number;
  /** This run's as-of day: later answers are from the future and not used. */
  readonly asOf: number;
}

export interface RealisedAccuracy {
  /** Clients with a fresh label in the model's classes. */
  readonly labelled: number;
  readonly metrics: ClassificationMetrics;
}

/**
 * Accuracy on labels the model cannot have seen: questionnaires assessed after its training
 * as-of date and no later than this run's. A label without an assessment date may be an old one,
 * so it does not count; nor does one outside the model's classes. Undefined when none is fresh.
 *
 * @example
 * const realised = realisedAccuracy({ declared, assessedOn, predicted, classes, trainedAsOf, asOf });
 * realised?.metrics.macroF1;
 */
export function realisedAccuracy(input: RealisedAccuracyInput): RealisedAccuracy | undefined {
  return realisedAccuracyOfConfusion(realisedConfusion(input), input.classes);
}

/**
 * The fresh labels' confusion counts (confusion[t][p], indices into `classes`), all zero when
 * none is fresh: additive, so shards of a run count theirs and the sum is the run's.
 */
export function realisedConfusion(input: RealisedAccuracyInput): number[][] {
  const index = new Map(input.classes.map((c, k) => [c, k]));
  const confusion = input.classes.map(() => new Array<number>(input.classes.length).fill(0));
  for (let i = 0; i < input.declared.length; i++) {
    const day = input.assessedOn[i]!;
    const label = input.declared[i];
    if (day === MISSING_DAY || day <= input.trainedAsOf || day > input.asOf || label === undefined) continue;
    const t = index.get(label), p = index.get(input.predicted[i]!);
    if (t === undefined || p === undefined) continue;
    confusion[t]![p]!++;
  }
  return confusion;
}

/** realisedAccuracy from confusion counts (one run's, or its shards' summed); undefined when they are all zero. */
export function realisedAccuracyOfConfusion(confusion: number[][], classes: readonly string[]): RealisedAccuracy | undefined {
  const metrics = metricsOfConfusion(confusion, classes);
  return metrics.n === 0 ? undefined : { labelled: metrics.n, metrics };
}
