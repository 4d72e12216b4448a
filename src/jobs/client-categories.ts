import { MARITAL_STATUSES } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable } from '../core/records.js';
import { ASSET_TIERS } from '../fuse/asset-tier.js';
import { clientGroups } from '../fuse/client-groups.js';
import { LIFECYCLE_STAGES } from '../fuse/lifecycle-stage.js';
import type { RulesConfig } from '../fuse/rules-config.js';

/** A value absent from the client record: its own category, so a rise in missing data is drift too. */
export const MISSING_CATEGORY = 'missing';

/**
 * The categorical client columns drift watches, per client: marital status and declared risk as
 * recorded, asset tier and life-cycle stage by the model's own rules (the same functions the
 * profiles use), so training and scoring count them alike.
 *
 * @example
 * const categories = clientCategories(clients, matrix, asOf, model.rules);
 * categories.asset_tier[0]; // 'hnw'
 */
export function clientCategories(clients: ClientTable, matrix: FeatureMatrix, asOf: DayNumber, rules: RulesConfig): Record<string, string[]> {
  const groups = clientGroups(clients, matrix, asOf, rules);
  const marital: string[] = [], declared: string[] = [], tier: string[] = [], stage: string[] = [];
  for (let i = 0; i < clients.size; i++) {
    marital.push(MARITAL_STATUSES[clients.marital[i]!] ?? MISSING_CATEGORY);
    declared.push(clients.declaredRisk[i] ?? MISSING_CATEGORY);
    tier.push(ASSET_TIERS[groups.tier[i]!]!);
    stage.push(LIFECYCLE_STAGES[groups.lifecycle[i]!]!);
  }
  return { asset_tier: tier, declared_risk: declared, lifecycle_stage: stage, marital_status: marital };
}
