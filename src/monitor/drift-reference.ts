import { z } from 'zod';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { countDrift, type DriftCounts, type PredictionCounts } from './drift-counts.js';
import { atomEdges, isolateConstant } from './training-constant.js';

export type { PredictionCounts } from './drift-counts.js';

/** Version 2 added per-bin sums, sums of squares and categorical client columns. */
export const DRIFT_REFERENCE_FORMAT = 'clientseg.drift-reference/2';

/**
 * What the model saw at training, kept as counts so later runs (and shards) compare against it
 * and add up exactly: per-feature histograms on edges fixed at the training quantiles with exact
 * per-bin sums, categorical client columns, and the counts of segments, predicted risk classes
 * and predicted needs. A feature constant at training, and a value held by a tenth of the
 * clients or more (a spike at 0), has a bin holding only that value (`atomEdges`).
 */
export interface DriftReference extends DriftCounts {
  readonly format: typeof DRIFT_REFERENCE_FORMAT;
}

/**
 * @example
 * const reference = buildDriftReference(matrix, predictions, { asset_tier: tiers }, 10);
 */
export function buildDriftReference(
  matrix: FeatureMatrix,
  predictions: PredictionCounts,
  categories: Readonly<Record<string, readonly string[]>> = {},
  bins = 10,
): DriftReference {
  const edges = matrix.names.map((name, j) => {
    const column: number[] = [];
    for (let i = 0; i < matrix.rows; i++) {
      const v = matrix.values[i * matrix.cols + j]!;
      if (Number.isFinite(v)) column.push(v);
    }
    return { name, edges: atomEdges(column, bins) };
  });
  const counts = countDrift(matrix, edges, categories, predictions);
  return { format: DRIFT_REFERENCE_FORMAT, ...counts, features: counts.features.map(isolateConstant) };
}

const tally = z.record(z.string(), z.number().int().nonnegative());
/** A run's counts as drift.json and the store keep them (`counts`), checked before they are added up. */
export const DriftCountsSchema = z.object({
  rows: z.number().int().nonnegative(),
  features: z.array(z.object({
    name: z.string(), edges: z.array(z.number()), counts: z.array(z.number().int().nonnegative()),
    sums: z.array(z.array(z.number())), sumSquares: z.array(z.number()), missing: z.number().int().nonnegative(),
  })),
  categories: z.record(z.string(), tally),
  segments: tally, risk: tally, needs: tally,
});
const DriftReferenceSchema = DriftCountsSchema.extend({ format: z.literal(DRIFT_REFERENCE_FORMAT) });

/**
 * The bundle's drift reference, or undefined when it is of another format (an older bundle).
 * Bundles trained before constants had a bin of their own get one here (exactly: see
 * `isolateConstant`), so their runs see a constant feature moving up as well as down.
 */
export function parseDriftReference(json: unknown): DriftReference | undefined {
  const parsed = DriftReferenceSchema.safeParse(json);
  return parsed.success ? { ...parsed.data, features: parsed.data.features.map(isolateConstant) } : undefined;
}
