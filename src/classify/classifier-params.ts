import { z } from 'zod';
import { TrainingParamsSchema } from './training-params.js';

/**
 * Hyperparameters of the risk classifier: the shared training fields (see TrainingParamsSchema)
 * plus class weighting. Unknown keys fail the run.
 */
export const ClassifierParamsSchema = TrainingParamsSchema.extend({
  /**
   * 'balanced' weights each class by n / (C · n_c) so rare risk levels are not drowned out;
   * 'none' trains on raw frequencies. Default 'balanced'.
   */
  classWeighting: z.enum(['balanced', 'none']).default('balanced'),
});

/** Risk classifier hyperparameters as written in config: every field optional. */
export type ClassifierParams = z.input<typeof ClassifierParamsSchema>;
/** Risk classifier hyperparameters with every default filled in. */
export type ResolvedClassifierParams = z.output<typeof ClassifierParamsSchema>;
