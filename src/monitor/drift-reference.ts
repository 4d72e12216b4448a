import type { FeatureMatrix } from '../core/feature-matrix.js';
import { histogram, quantileEdges, type Histogram } from './histogram.js';

export const DRIFT_REFERENCE_FORMAT = 'clientseg.drift-reference/1';

/**
 * What the model saw at training, kept as counts so later runs (and shards) compare against it
 * and add up exactly: per-feature histograms on edges fixed at the training quantiles, and the
 * counts of segments, predicted risk classes and predicted needs.
 */
export interface DriftReference {
  readonly format: typeof DRIFT_REFERENCE_FORMAT;
  readonly rows: number;
  readonly features: readonly ({ readonly name: string } & Histogram)[];
  readonly segments: Readonly<Record<string, number>>;
  readonly risk: Readonly<Record<string, number>>;
  readonly needs: Readonly<Record<string, number>>;
}

export interface PredictionCounts {
  readonly segmentIds: Int32Array;
  readonly riskClass: Int32Array;
  readonly riskClasses: readonly string[];
  /** Multi-hot predicted needs, row-major rows × needs. */
  readonly needs: Uint8Array;
  readonly needNames: readonly string[];
}

/**
 * @example
 * const reference = buildDriftReference(matrix, predictions, 10);
 */
export function buildDriftReference(matrix: FeatureMatrix, predictions: PredictionCounts, bins = 10): DriftReference {
  const features = matrix.names.map((name, j) => {
    const column = new Float64Array(matrix.rows);
    for (let i = 0; i < matrix.rows; i++) column[i] = matrix.values[i * matrix.cols + j]!;
    return { name, ...histogram(quantileEdges(column, bins), column) };
  });
  return { format: DRIFT_REFERENCE_FORMAT, rows: matrix.rows, features, ...predictionCounts(predictions) };
}

/** Counts of segments, risk classes and needs, by name; additive across shards and runs. */
export function predictionCounts(p: PredictionCounts): Pick<DriftReference, 'segments' | 'risk' | 'needs'> {
  const segments: Record<string, number> = {};
  for (const id of p.segmentIds) segments[id] = (segments[id] ?? 0) + 1;
  const risk: Record<string, number> = Object.fromEntries(p.riskClasses.map((c) => [c, 0]));
  for (const c of p.riskClass) risk[p.riskClasses[c]!]! += 1;
  const k = p.needNames.length;
  const needs: Record<string, number> = Object.fromEntries(p.needNames.map((n) => [n, 0]));
  for (let i = 0; i < p.needs.length; i++) if (p.needs[i]) needs[p.needNames[i % k]!]! += 1;
  return { segments, risk, needs };
}
