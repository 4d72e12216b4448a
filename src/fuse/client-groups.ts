import { yearsBetween, type DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable } from '../core/records.js';
import { ASSET_TIERS, assetTier } from './asset-tier.js';
import { LIFECYCLE_STAGES, lifecycleStage } from './lifecycle-stage.js';
import type { RulesConfig } from './rules-config.js';

/** Each client's asset tier and life-cycle stage, as indices into ASSET_TIERS and LIFECYCLE_STAGES. */
export interface ClientGroups {
  readonly tier: Int8Array;
  readonly lifecycle: Int8Array;
}

/**
 * The rule-based groups of every client (the same rules as the fused profile), for slicing
 * metrics and describing segments at training. Row i of `matrix` is client i of `clients`.
 *
 * @example
 * const { tier } = clientGroups(clients, matrix, asOf, DEFAULT_RULES);
 */
export function clientGroups(clients: ClientTable, matrix: FeatureMatrix, asOf: DayNumber, rules: RulesConfig): ClientGroups {
  const pension = matrix.names.indexOf('pension_regularity');
  const tier = new Int8Array(clients.size);
  const lifecycle = new Int8Array(clients.size);
  for (let i = 0; i < clients.size; i++) {
    tier[i] = ASSET_TIERS.indexOf(assetTier(clients.aum[i]!, rules.tiers).tier);
    lifecycle[i] = LIFECYCLE_STAGES.indexOf(lifecycleStage({
      age: yearsBetween(clients.birthDay[i]!, asOf),
      marital: clients.marital[i]!,
      dependants: clients.dependants[i]!,
      pensionRegularity: pension >= 0 ? matrix.values[i * matrix.cols + pension]! : 0,
    }, rules.lifecycle));
  }
  return { tier, lifecycle };
}
