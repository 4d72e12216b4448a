import { z } from 'zod';
import { ALIAS_NAMES } from '../registry/aliases.js';
import { DEFAULT_STORE } from '../store/store-url.js';
import { DriftSettingsSchema } from '../monitor/drift-settings.js';
import { ModelParamsSchema } from './model-params.js';

/** `today`, `today-90d` (ninety days before today, UTC), or a fixed `YYYY-MM-DD`. */
export const AsOfRuleSchema = z.string().regex(/^(today(-\d{1,4}d)?|\d{4}-\d{2}-\d{2})$/, 'expected "today", "today-<N>d" or a date YYYY-MM-DD');

const InputFileSchema = z.strictObject({
  /** Relative paths resolve against the working directory, like every command-line path. */
  path: z.string().min(1),
  /** Default: from the extension (.csv/.txt → csv, .parquet → parquet). */
  format: z.enum(['csv', 'parquet']).optional(),
});

const InputsSchema = z.strictObject({
  clients: InputFileSchema,
  transactions: InputFileSchema,
  /** An accounts file (account_id, client_id, role): the transactions then carry account_id. */
  accounts: InputFileSchema.optional(),
  /** Default false: rows with a code value no code map or rule knows are rejected (unknown_code) instead of only counted. */
  strictCodes: z.boolean().optional(),
  /** A mapping file (path) or the mapping itself, from the bank's export to the contract. */
  mapping: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  /** Default 0.05: share of a file's rows that may be rejected before the run stops. */
  rejectGate: z.number().min(0).max(1).optional(),
  /** Default 12. */
  windowMonths: z.int().positive().optional(),
  /** Default 90. */
  horizonDays: z.int().nonnegative().optional(),
});

const StoreSchema = z.strictObject({
  /** sqlite:PATH, a file path, or postgres://…[?schema=NAME]. */
  url: z.string().min(1).default(DEFAULT_STORE),
  /** Scores per store transaction; default 5,000. */
  batchSize: z.int().positive().optional(),
});

const common = {
  /** Names the runs in the store: lower-case letters, digits, - and _. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _'),
  description: z.string().optional(),
  inputs: InputsSchema,
  asOf: AsOfRuleSchema,
  store: StoreSchema.default({ url: DEFAULT_STORE }),
  /** Folder for scores.csv, report.html, rejects.csv and the run report; default out/<name>. */
  output: z.string().min(1).optional(),
};

export const ScorePipelineSchema = z.strictObject({
  ...common,
  kind: z.literal('score'),
  model: z.strictObject({
    /** The model folder, e.g. models/sample. */
    name: z.string().min(1),
    alias: z.enum(ALIAS_NAMES).default('champion'),
  }),
  driftGate: z.strictObject({
    /** The verdict (ok < watch < alert) at or above which the run exits non-zero; never: report only. */
    failOn: z.enum(['watch', 'alert', 'never']).default('alert'),
  }).default({ failOn: 'alert' }),
  /**
   * Per-feature bands and exclusions and the reference (model, seasonal or pooled): see
   * docs/data-science.md, "Drift settings". `clientseg run --drift-*` flags apply on top.
   */
  drift: DriftSettingsSchema.optional(),
  retention: z.strictObject({
    /** Completed runs of this pipeline to keep; the latest is never pruned. */
    keepRuns: z.int().positive(),
  }).optional(),
});

/** One promotion gate: a manifest metric of the challenger against a floor and against the champion. */
export const PromotionGateSchema = z.strictObject({
  /** A dotted path into the manifest's metrics, e.g. risk.macroF1, segments.silhouette, needs.meanAuc. */
  metric: z.string().min(1),
  /** Whether a larger value is better (default) or a smaller one (e.g. risk.ece). */
  better: z.enum(['higher', 'lower']).default('higher'),
  /** The challenger must reach at least this (at most, when lower is better). */
  threshold: z.number().optional(),
  /** The challenger may be worse than the champion by at most this much. */
  maxRegression: z.number().nonnegative().optional(),
}).refine((g) => g.threshold !== undefined || g.maxRegression !== undefined, 'a gate needs a threshold, a maxRegression, or both');

export const RetrainPipelineSchema = z.strictObject({
  ...common,
  kind: z.literal('retrain'),
  model: z.strictObject({
    name: z.string().min(1),
    seed: z.union([z.int(), z.string().min(1)]),
    /** Behavioural segments: a number, or auto (default); the same as params.segments.k, give one of the two. */
    k: z.union([z.literal('auto'), z.int().min(2).max(50)]).optional(),
    /** Features the segments are fitted on; default every behavioural feature (docs/segments.md). */
    segmentFeatures: z.array(z.string().min(1)).min(1).optional(),
    /** Binary targets: the decision threshold rule, as train --threshold (f1, precision=0.8, recall=0.7, cost=5); default f1. */
    threshold: z.string().regex(/^(f1|(precision|recall|cost)=[0-9.e+-]+)$/, 'expected f1, precision=P, recall=R or cost=C').optional(),
  }),
  /**
   * Model parameters (docs/params.md): a params file's path, or the same JSON inline. Checked here
   * with the library's schemas; defaults are filled in at training and written to the manifest.
   */
  params: z.union([z.string().min(1), z.record(z.string(), z.unknown()).superRefine(checkModelParams)]).optional(),
  /** Every gate must pass for the challenger to become champion. */
  gates: z.array(PromotionGateSchema).min(1),
  /** False: train and compare, never promote (a dry run). Default true. */
  promote: z.boolean().default(true),
});

/** An inline params block, checked against ModelParamsSchema with each issue at its own path. */
function checkModelParams(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const parsed = ModelParamsSchema.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
}

export const PipelineSchema = z.discriminatedUnion('kind', [ScorePipelineSchema, RetrainPipelineSchema]);
export type Pipeline = z.infer<typeof PipelineSchema>;
export type ScorePipeline = z.infer<typeof ScorePipelineSchema>;
export type RetrainPipeline = z.infer<typeof RetrainPipelineSchema>;
export type PromotionGate = z.infer<typeof PromotionGateSchema>;
