import path from 'node:path';
import { isPipelineError } from '../core/errors.js';
import type { SegmentIdBasis } from '../monitor/migration-matrix.js';
import { readBundle, type LoadedBundle } from '../registry/read-bundle.js';
import { scalerFromJSON } from '../segment/fit-scaler.js';
import { segmentIdentity, type SegmentSide } from '../segment/segment-identity.js';
import { segmentModelFromJSON } from '../segment/segment-model.js';

/** The model scoring this run: its bundle folder, version, and segments with their scaler. */
export interface CurrentSegments extends SegmentSide {
  readonly dir: string;
  readonly version: string;
}

/** A verified bundle's segments and scaler, for `segmentIdBasis`. */
export function bundleSegments(bundle: LoadedBundle): CurrentSegments {
  return { dir: bundle.dir, version: bundle.version, ...sideOf(bundle) };
}

function sideOf(bundle: LoadedBundle): SegmentSide {
  return { segments: segmentModelFromJSON(bundle.json('segments.json')), scaler: scalerFromJSON(bundle.json('scaler.json')) };
}

/**
 * How a previous run's segment ids read in this run's model. The same version: as they are.
 * Another version: the previous bundle is looked for beside this one (models/NAME/<version>) and
 * in `otherHomes`, and its ids are mapped through the segment alignment (`segmentIdentity`); when
 * it cannot be found, or shares no segment feature, the ids are not comparable and the reason says
 * what to do.
 *
 * @example
 * const ids = await segmentIdBasis(model, previous.modelVersion);
 * migrationBetween(previous.subjects, subjects, ids);
 */
export async function segmentIdBasis(current: CurrentSegments, previousVersion: string | undefined, otherHomes: readonly string[] = []): Promise<SegmentIdBasis> {
  if (previousVersion === current.version) return { basis: 'same_model' };
  const currentModel = current.version;
  if (previousVersion === undefined || previousVersion === '') {
    return { basis: 'not_comparable', currentModel, reason: 'the previous scores do not say which model version made them (no model_version), so their segment ids cannot be read in this model\'s' };
  }
  const homes = [path.dirname(path.resolve(current.dir)), ...otherHomes.map((h) => path.resolve(h))];
  for (const home of homes) {
    const dir = path.join(home, previousVersion);
    let previous: SegmentSide;
    try {
      previous = sideOf(await readBundle(dir));
    } catch (err) {
      if (isPipelineError(err) && err.code === 'model_not_found') continue;
      // A damaged old bundle costs the migration its behaviour matrix, never the run.
      if (isPipelineError(err)) return { basis: 'not_comparable', previousModel: previousVersion, currentModel, reason: `the previous run's model ${previousVersion} could not be read (${err.message})` };
      throw err;
    }
    const identity = segmentIdentity(previous, current);
    if (!identity.comparable) {
      return { basis: 'not_comparable', previousModel: previousVersion, currentModel, reason: `models ${previousVersion} and ${currentModel} share no segment feature, so their segment ids are not comparable` };
    }
    return { basis: 'aligned', previousModel: previousVersion, currentModel, mapping: identity.alignment.map(({ from, to }) => ({ from, to })) };
  }
  return {
    basis: 'not_comparable', previousModel: previousVersion, currentModel,
    reason: `the previous run was scored by model ${previousVersion}, whose bundle is not in ${homes.join(' or ')}: segment ids of two model versions are not comparable without it (keep the old version's folder beside the new one)`,
  };
}
