import { PipelineError } from '../core/errors.js';
import { hungarian } from '../core/hungarian.js';

export interface AlignOptions {
  /**
   * A new cluster whose centroid is farther than this (Euclidean, in z-space) from its matched
   * previous centroid is treated as new and does not inherit the id. Default Infinity (always inherit).
   */
  maxDistance?: number;
  /**
   * The previous model's own segment ids by centroid index, when they were aligned in turn and so
   * are not 0..k-1. Default: the index is the id.
   */
  previousIds?: ArrayLike<number>;
}

/**
 * Stable segment ids across retraining: `ids[newIndex]` is the id of the previous model's cluster
 * matched to it by a minimum total squared-distance assignment (Hungarian). New clusters left
 * unmatched (the new k is larger, or beyond `maxDistance`) get the next free ids, one past the
 * largest previous id and up, in order of their new index: a previous id never passes to a
 * different cluster. When the new k is smaller some previous ids go unused, so ids need not be
 * 0..k-1: store them with the centroids. Both inputs are row-major `k × cols` in the same z-space.
 *
 * @example
 * alignToPrevious(Float64Array.of(10, 0), Float64Array.of(0, 10), 1); // Int32Array [1, 0]
 */
export function alignToPrevious(
  newCentroids: Float64Array,
  previousCentroids: Float64Array,
  cols: number,
  options: AlignOptions = {},
): Int32Array {
  const maxDistance = options.maxDistance ?? Infinity;
  if (!Number.isInteger(cols) || cols < 1 || newCentroids.length % cols !== 0 || previousCentroids.length % cols !== 0) {
    throw new PipelineError('model_incompatible', `centroids of ${newCentroids.length} and ${previousCentroids.length} values do not both split into rows of ${cols} features; align models built on the same features`, { newLength: newCentroids.length, previousLength: previousCentroids.length, cols });
  }
  if (!(maxDistance >= 0)) {
    throw new PipelineError('config_invalid', `maxDistance must be ≥ 0, got ${maxDistance}`, { maxDistance });
  }
  const kNew = newCentroids.length / cols;
  const kPrev = previousCentroids.length / cols;
  const cost: number[][] = [];
  for (let a = 0; a < kNew; a++) {
    const row: number[] = [];
    for (let b = 0; b < kPrev; b++) {
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const t = newCentroids[a * cols + j]! - previousCentroids[b * cols + j]!;
        d += t * t;
      }
      row.push(d);
    }
    cost.push(row);
  }
  const prevIds = options.previousIds ?? Int32Array.from({ length: kPrev }, (_, i) => i);
  if (prevIds.length !== kPrev) {
    throw new PipelineError('model_incompatible', `got ${prevIds.length} previous ids for ${kPrev} previous centroids; pass one id per centroid`, { ids: prevIds.length, kPrev });
  }
  const match = kPrev > 0 ? hungarian(cost) : new Array<number>(kNew).fill(-1);
  const ids = new Int32Array(kNew).fill(-1);
  for (let a = 0; a < kNew; a++) {
    const b = match[a]!;
    if (b >= 0 && Math.sqrt(cost[a]![b]!) <= maxDistance) {
      ids[a] = prevIds[b]!;
    }
  }
  // Never reuse a previous id for an unmatched cluster: an id keeps meaning the same segment.
  let next = 0;
  for (let b = 0; b < kPrev; b++) next = Math.max(next, prevIds[b]! + 1);
  for (let a = 0; a < kNew; a++) if (ids[a] === -1) ids[a] = next++;
  return ids;
}
