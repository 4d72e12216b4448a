import { z } from 'zod';
import { TrainingParamsSchema } from './training-params.js';

/**
 * Hyperparameters of the multi-label needs model: the shared training fields (see
 * TrainingParamsSchema) plus positive weighting and calibration. Unknown keys fail the run.
 */
export const NeedsParamsSchema = TrainingParamsSchema.extend({
  /**
   * Needs are rare, so each need's positives are weighted by n_neg / n_pos, capped here so a need
   * with a handful of positives does not dominate the loss. Default 50.
   */
  maxPositiveWeight: z.number().min(1).max(10000).default(50),
  /**
   * 'platt' fits a per-need logistic map on the validation logits, which also undoes the positive
   * weighting's shift; 'none' only undoes that shift. Default 'platt'.
   */
  calibration: z.enum(['platt', 'none']).default('platt'),
});

/** Needs model hyperparameters as written in config: every field optional. */
export type NeedsParams = z.input<typeof NeedsParamsSchema>;
/** Needs model hyperparameters with every default filled in. */
export type ResolvedNeedsParams = z.output<typeof NeedsParamsSchema>;
