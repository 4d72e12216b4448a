import { isPipelineError, PipelineError } from '../core/errors.js';

/**
 * Rewords the segmentation's own errors in terms of what a `train` user controls: the stages
 * speak of kMax and silhouettes, which the command line neither has nor shows.
 *
 * @example
 * throw trainingHint(err); // "only 5 clients were accepted for training, …; give --k N …"
 */
export function trainingHint(err: unknown): unknown {
  if (!isPipelineError(err) || err.code !== 'input_invalid') return err;
  const { kMax, rows, clusters, points, constant } = err.details as { kMax?: number; rows?: number; clusters?: number; points?: number; constant?: unknown };
  if (typeof kMax === 'number' && typeof rows === 'number') {
    return new PipelineError('input_invalid',
      `only ${rows} clients were accepted for training, too few for --k auto (it tries up to ${kMax} segments): train on more clients (hundreds at least), or fix the number of segments with --k N below ${rows}`,
      err.details, { cause: err });
  }
  if (typeof clusters === 'number' && typeof points === 'number') {
    return new PipelineError('input_invalid',
      `the ${points} clients' behaviour features are all alike, so no two segments can be told apart: usually no transactions fall in the window before --as-of (check the transactions file, its rejects and the as-of date)`,
      err.details, { cause: err });
  }
  if (Array.isArray(constant) && typeof rows === 'number') {
    return new PipelineError('input_invalid',
      `the ${rows} clients' behaviour features are all alike (every segment feature is constant): usually no transactions fall in the window before --as-of (check the transactions file, its rejects and the as-of date), or name other features with --segment-features`,
      err.details, { cause: err });
  }
  return err;
}
