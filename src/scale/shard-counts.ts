import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { RowCounts } from '../core/records.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import type { DriftReference } from '../monitor/drift-reference.js';
import { predictionCounts } from '../monitor/drift-reference.js';
import { histogram } from '../monitor/histogram.js';

export const DRIFT_COUNTS_FORMAT = 'clientseg.drift-counts/1';

/**
 * A run's (or a shard's) data in the drift reference's terms: per-feature histograms on the
 * reference's fixed edges and counts of segments, risk classes and needs. Every number is a count,
 * so shards add up to exactly what one machine counts over the whole client base.
 */
export interface DriftCounts extends Omit<DriftReference, 'format'> {
  readonly format: typeof DRIFT_COUNTS_FORMAT;
}

/** What one shard reports: how its rows were accounted for, how many clients it scored, its drift counts. */
export interface ShardCounts {
  readonly clients: RowCounts;
  readonly transactions: RowCounts;
  readonly scored: number;
  readonly drift: DriftCounts;
}

export interface DriftCountsModel {
  readonly driftReference: DriftReference;
  readonly risk: { readonly classes: readonly string[] };
  readonly needs: { readonly needs: readonly string[] };
  readonly needThresholds: readonly number[];
}

/**
 * Counts a scored client base on the model's drift reference: features binned on the reference
 * edges, predicted segments and risk classes, and needs at the model's thresholds (as training
 * counted them for the reference).
 *
 * @example
 * const counts = driftCountsOf(model, matrix, profiles);
 */
export function driftCountsOf(model: DriftCountsModel, matrix: FeatureMatrix, profiles: readonly ClientProfile[]): DriftCounts {
  const features = model.driftReference.features.map((f) => {
    const j = matrix.names.indexOf(f.name);
    const column = new Float64Array(matrix.rows);
    if (j >= 0) for (let i = 0; i < matrix.rows; i++) column[i] = matrix.values[i * matrix.cols + j]!;
    return { name: f.name, ...histogram(f.edges, j >= 0 ? column : []) };
  });
  const classes = model.risk.classes;
  const needNames = model.needs.needs;
  const k = needNames.length;
  const segmentIds = new Int32Array(profiles.length);
  const riskClass = new Int32Array(profiles.length);
  const needs = new Uint8Array(profiles.length * k);
  profiles.forEach((p, i) => {
    segmentIds[i] = p.behaviourSegment;
    riskClass[i] = classes.indexOf(p.riskSegment);
    for (let j = 0; j < k; j++) needs[i * k + j] = p.needPropensities[j]! >= model.needThresholds[j]! ? 1 : 0;
  });
  return {
    format: DRIFT_COUNTS_FORMAT, rows: profiles.length, features,
    ...predictionCounts({ segmentIds, riskClass, riskClasses: classes, needs, needNames }),
  };
}
