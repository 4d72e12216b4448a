import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { DecisionThresholdSchema } from './decision-threshold.js';
import { QuantileEncodingSchema, type QuantileEncodingJSON } from './quantile-encoding.js';

export const MODEL_SPEC_FORMAT = 'clientseg-mlp/1';

const SummarySchema = z.strictObject({
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  bestValidationLoss: z.number(),
  trainRows: z.number().int(),
  validationRows: z.number().int(),
});

const ConfigSchema = z.strictObject({
  hiddenUnits: z.array(z.number().int().positive()).min(1),
  learningRate: z.number().positive(),
  l2: z.number().min(0),
});

/** How the stored network came about: the search, the members and the refit on all rows. */
const EnsembleSchema = z.strictObject({
  members: z.number().int().positive(),
  /** The chosen configuration of one member; the stored network is `members` of them side by side. */
  config: ConfigSchema,
  search: z.array(z.strictObject({ config: ConfigSchema, validationLoss: z.number(), bestEpoch: z.number().int() })),
  /** Training rows × best epoch of the measured fit: the training a refit repeats. */
  rowVisits: z.number().int().positive(),
  /** Set when the stored weights were refitted on all usable rows after the held-out measurement. */
  refit: z.strictObject({ rows: z.number().int().positive(), rowVisits: z.number().int().positive() }).optional(),
});
export type EnsembleInfo = z.infer<typeof EnsembleSchema>;

const Common = {
  format: z.literal(MODEL_SPEC_FORMAT),
  /** The tfjs backend that trained it: weights are reproducible per backend (DESIGN.md). */
  backend: z.string(),
  featureNames: z.array(z.string()).min(1),
  /** The inputs' quantile encoding (absent in bundles from before it: the network reads the rows as they are). */
  encoding: QuantileEncodingSchema.optional(),
  /** Units per hidden layer of the stored network (the members' side by side). */
  hiddenUnits: z.array(z.number().int().positive()).min(1),
  activation: z.enum(['relu', 'tanh', 'elu']),
  /** Shapes of the weight tensors, in the order their float32 values follow each other in the weight file. */
  weightShapes: z.array(z.array(z.number().int().nonnegative())),
  params: z.record(z.string(), z.unknown()),
  training: SummarySchema,
  ensemble: EnsembleSchema.optional(),
};

/** The JSON half of a risk classifier artifact. */
export const RiskSpecSchema = z.strictObject({
  ...Common,
  kind: z.literal('risk'),
  classes: z.array(z.string()).min(2),
  /** Training weight of each class; calibrated logits are (logit − log weight) / temperature. */
  classWeights: z.array(z.number().positive()),
  temperature: z.number().positive(),
  /** Mean NLL on the validation rows before and after temperature scaling. */
  validationNll: z.strictObject({ uncalibrated: z.number(), calibrated: z.number() }),
  /** Binary targets: the predicted class is the second one when its probability reaches this threshold. */
  threshold: DecisionThresholdSchema.optional(),
});
export type RiskSpec = z.infer<typeof RiskSpecSchema>;

/** The JSON half of a needs model artifact. */
export const NeedsSpecSchema = z.strictObject({
  ...Common,
  kind: z.literal('needs'),
  needs: z.array(z.string()).min(1),
  positiveWeights: z.array(z.number().positive()),
  /** Positives per need among the training rows. */
  trainPositives: z.array(z.number().int().nonnegative()),
  /** Per need, p = sigmoid(a · logit + b). */
  platt: z.array(z.strictObject({ a: z.number(), b: z.number() })),
});
export type NeedsSpec = z.infer<typeof NeedsSpecSchema>;

/** A fitted network as plain JSON plus one weight file (little-endian float32). */
export interface ModelArtifact<S> {
  readonly spec: S;
  readonly weights: Uint8Array;
}

/** Parses a spec read from a bundle; a mismatch is model_incompatible with the zod issues. */
export function parseSpec<S extends z.ZodType>(schema: S, spec: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(spec);
  if (!parsed.success) {
    throw new PipelineError('model_incompatible',
      `the ${what} spec is not one this version reads; retrain the model with this version: ${z.prettifyError(parsed.error)}`,
      { issues: parsed.error.issues });
  }
  return parsed.data;
}

type CommonSpec = Omit<RiskSpec, 'kind' | 'classes' | 'classWeights' | 'temperature' | 'validationNll' | 'threshold'>;

/** The spec fields both networks share, from what training produced. */
export function commonSpec(
  backend: string,
  names: readonly string[],
  hp: { readonly activation: 'relu' | 'tanh' | 'elu' } & Record<string, unknown>,
  network: { readonly hiddenUnits: readonly number[]; readonly weightShapes: number[][] },
  summary: { readonly epochs: number; readonly bestEpoch: number; readonly bestValidationLoss: number },
  split: { readonly train: ArrayLike<number>; readonly validation: ArrayLike<number> },
  extra: { readonly encoding: QuantileEncodingJSON; readonly ensemble: EnsembleInfo },
): CommonSpec {
  return {
    format: MODEL_SPEC_FORMAT,
    backend,
    featureNames: [...names],
    encoding: extra.encoding,
    hiddenUnits: [...network.hiddenUnits],
    activation: hp.activation,
    weightShapes: network.weightShapes,
    params: { ...hp },
    training: {
      epochs: summary.epochs, bestEpoch: summary.bestEpoch, bestValidationLoss: summary.bestValidationLoss,
      trainRows: split.train.length, validationRows: split.validation.length,
    },
    ensemble: extra.ensemble,
  };
}
