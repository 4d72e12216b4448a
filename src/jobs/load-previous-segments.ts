import { isPipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { readBundle } from '../registry/read-bundle.js';
import { resolveModelRef } from '../registry/resolve-model-ref.js';
import { scalerFromJSON, type Scaler } from '../segment/fit-scaler.js';
import { segmentModelFromJSON, type SegmentModel } from '../segment/segment-model.js';

/** The champion's segments and the scaler their centroids are in. */
export interface PreviousSegments {
  readonly version: string;
  readonly segments: SegmentModel;
  readonly scaler: Scaler;
}

/** The champion's segments, which a retrained model aligns its ids to; none for a new model. */
export async function loadPreviousSegments(modelDir: string, log: Logger): Promise<PreviousSegments | undefined> {
  let dir: string;
  try {
    dir = await resolveModelRef(modelDir);
  } catch (err) {
    if (isPipelineError(err) && err.code === 'model_not_found') return undefined;
    throw err;
  }
  const bundle = await readBundle(dir);
  log.info({ previous: bundle.version }, 'aligning segment ids to the champion');
  return { version: bundle.version, segments: segmentModelFromJSON(bundle.json('segments.json')), scaler: scalerFromJSON(bundle.json('scaler.json')) };
}
