import type { NeedRule } from '../core/needs.js';
import { createNeedsLabeler, type NeedsLabels } from '../features/create-needs-labeler.js';
import { buildFeatures, type BuildFeaturesOptions, type BuiltFeatures } from './build-features.js';

export interface LabelledFeatures extends BuiltFeatures {
  /** What each client took up in the horizon after as-of: the needs labels. */
  readonly needLabels: NeedsLabels;
}

/**
 * Features and the needs labels in the same single pass over the inputs (training and compare).
 *
 * @example
 * const { matrix, ingest, needLabels } = await buildLabelledFeatures({ clientsPath, transactionsPath, asOf, rejectsPath });
 */
export async function buildLabelledFeatures(
  options: Omit<BuildFeaturesOptions, 'alsoFeed'> & { readonly needRules?: readonly NeedRule[] },
): Promise<LabelledFeatures> {
  const horizonDays = options.horizonDays ?? 90;
  const windowMonths = options.windowMonths ?? 12;
  let finish: (() => NeedsLabels) | undefined;
  const built = await buildFeatures({
    ...options, horizonDays, windowMonths,
    alsoFeed: (clients) => {
      const labeler = createNeedsLabeler(clients.size, { asOf: options.asOf, horizonDays, windowMonths, rules: options.needRules });
      finish = () => labeler.finish();
      return labeler.sink;
    },
  });
  return { ...built, needLabels: finish!() };
}
