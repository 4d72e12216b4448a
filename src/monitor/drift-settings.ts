import { z } from 'zod';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from './drift-verdict.js';

const Band = z.tuple([z.number().nonnegative(), z.number().nonnegative()])
  .refine(([watch, alert]) => watch <= alert, 'expected [watch, alert] with watch ≤ alert');

const StatisticBands = {
  /** PSI [watch, alert]; default [0.1, 0.25]. */
  psi: Band.optional(),
  /** Normalised Wasserstein [watch, alert]; default [0.1, 0.2]. */
  wasserstein: Band.optional(),
  /** Jensen–Shannon distance [watch, alert] (categories, shares, features constant at training); default [0.1, 0.2]. */
  jensenShannon: Band.optional(),
};

/** One feature's (or client column's) own rule: its own bands, or no say in the verdict at all. */
export const FeatureDriftRuleSchema = z.strictObject({
  ...StatisticBands,
  /** Still measured and shown, but its verdict never reaches the overall verdict or the gate. */
  exclude: z.boolean().optional(),
});
export type FeatureDriftRule = z.infer<typeof FeatureDriftRuleSchema>;

/** What a run's drift is measured against. */
export const DriftReferenceRuleSchema = z.discriminatedUnion('kind', [
  /** The model's training data (default). */
  z.strictObject({ kind: z.literal('model') }),
  /** The stored run at the same calendar phase `monthsBack` months earlier (12: a year before), within `toleranceDays`. */
  z.strictObject({ kind: z.literal('seasonal'), monthsBack: z.int().min(1).max(60).default(12), toleranceDays: z.int().min(0).max(15).default(3) }),
  /** Every stored run of the last `months` months, pooled (counts add up). */
  z.strictObject({ kind: z.literal('pooled'), months: z.int().min(1).max(36) }),
]);
export type DriftReferenceRule = z.infer<typeof DriftReferenceRuleSchema>;

/**
 * Drift settings of a score run (pipeline files' `drift` block, `score --drift-settings`):
 * global bands, per-feature bands and exclusions keyed by feature or client-column name (also
 * `behaviour_segment` and `risk_segment`), and the reference. Everything is optional.
 */
export const DriftSettingsSchema = z.strictObject({
  thresholds: z.strictObject({ ...StatisticBands, minRows: z.int().positive().optional() }).optional(),
  features: z.record(z.string().min(1), FeatureDriftRuleSchema).optional(),
  reference: DriftReferenceRuleSchema.optional(),
});
export type DriftSettings = z.infer<typeof DriftSettingsSchema>;

/** The global bands of `settings` over the defaults. */
export function driftThresholdsOf(settings: DriftSettings | undefined): DriftThresholds {
  const t = settings?.thresholds ?? {};
  return {
    psi: t.psi ?? DEFAULT_DRIFT_THRESHOLDS.psi,
    wasserstein: t.wasserstein ?? DEFAULT_DRIFT_THRESHOLDS.wasserstein,
    jensenShannon: t.jensenShannon ?? DEFAULT_DRIFT_THRESHOLDS.jensenShannon,
    minRows: t.minRows ?? DEFAULT_DRIFT_THRESHOLDS.minRows,
  };
}

/** The bands one feature is judged on: its own where given, the global ones otherwise. */
export function thresholdsFor(global: DriftThresholds, rule: FeatureDriftRule | undefined): DriftThresholds {
  if (rule === undefined) return global;
  return { psi: rule.psi ?? global.psi, wasserstein: rule.wasserstein ?? global.wasserstein, jensenShannon: rule.jensenShannon ?? global.jensenShannon, minRows: global.minRows };
}

/**
 * `over` laid on `base`: global bands key by key, feature rules per feature and key, the
 * reference replaced. How command-line flags apply on top of a pipeline's or a file's settings.
 */
export function mergeDriftSettings(base: DriftSettings | undefined, over: DriftSettings | undefined): DriftSettings | undefined {
  if (base === undefined) return over;
  if (over === undefined) return base;
  const names = [...new Set([...Object.keys(base.features ?? {}), ...Object.keys(over.features ?? {})])].sort();
  const features = Object.fromEntries(names.map((n) => [n, { ...base.features?.[n], ...over.features?.[n] }]));
  const thresholds = base.thresholds === undefined && over.thresholds === undefined ? undefined : { ...base.thresholds, ...over.thresholds };
  const reference = over.reference ?? base.reference;
  return {
    ...(thresholds === undefined ? {} : { thresholds }),
    ...(names.length === 0 ? {} : { features }),
    ...(reference === undefined ? {} : { reference }),
  };
}

/** Names in `settings.features` that `known` lacks (a misspelt feature must fail the run, not be ignored). */
export function unknownDriftNames(settings: DriftSettings | undefined, known: Iterable<string>): string[] {
  const set = new Set(known);
  return Object.keys(settings?.features ?? {}).filter((n) => !set.has(n)).sort();
}
