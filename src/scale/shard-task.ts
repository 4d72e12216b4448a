import { z } from 'zod';
import { MappingSchema } from '../ingest/mapping-schema.js';

/** One shard job's data: everything a worker on any machine needs, given the shared directory. */
export const ShardTaskSchema = z.strictObject({
  runId: z.string().min(1),
  shard: z.number().int().nonnegative(),
  shards: z.number().int().positive(),
  /** The run's folder in the shared directory (shard files, model copy, rejects). */
  runDir: z.string().min(1),
  /** YYYY-MM-DD. */
  asOf: z.string(),
  mapping: MappingSchema.optional(),
  windowMonths: z.number().int().positive().optional(),
  horizonDays: z.number().int().nonnegative().optional(),
  /** The run has an accounts file, cut into the shards' accounts-NNNN.csv. */
  accounts: z.boolean().optional(),
  strictCodes: z.boolean().optional(),
});
export type ShardTask = z.infer<typeof ShardTaskSchema>;

/** The parent job's data: what completing the run from its shards needs. */
export const RunTaskSchema = z.strictObject({
  runId: z.string().min(1),
  shards: z.number().int().positive(),
  runDir: z.string().min(1),
  pipeline: z.string().min(1),
  /** Largest rejected share per file, applied to the merged counts; default 0.05. */
  rejectGate: z.number().min(0).max(1).optional(),
  actor: z.string().min(1),
});
export type RunTask = z.infer<typeof RunTaskSchema>;
