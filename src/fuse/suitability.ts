import type { Need, ProductRisk } from '../core/contract.js';
import type { RulesConfig } from './rules-config.js';

export interface SuitabilityResult {
  /** The product risk ceiling the client may hold; R1 when no valid assessment exists, and for a minor. */
  readonly maxProductRisk: ProductRisk;
  /** False when the questionnaire is missing or stale: the client must be reassessed. */
  readonly assessed: boolean;
  /** Needs whose typical products exceed the ceiling: flagged, never recommended. */
  readonly aboveLevel: readonly Need[];
}

const riskRank = (r: ProductRisk): number => Number(r.slice(1));

/**
 * 投资者适当性: a client at level Ck may hold products up to Rk. Without a valid (present, not
 * stale) questionnaire only R1 products may be offered until the client is reassessed; a minor
 * may hold R1 products only, whatever the questionnaire says.
 *
 * @example
 * suitability('balanced', true, ['growth', 'education'], DEFAULT_RULES.suitability);
 * // { maxProductRisk: 'R3', assessed: true, aboveLevel: ['growth'] }
 */
export function suitability(
  declaredRisk: string | undefined,
  assessmentValid: boolean,
  needs: readonly Need[],
  rules: RulesConfig['suitability'],
  minor = false,
): SuitabilityResult {
  const ceiling = declaredRisk !== undefined && assessmentValid ? rules.maxProductRisk[declaredRisk] : undefined;
  const maxProductRisk: ProductRisk = minor ? 'R1' : ceiling ?? 'R1';
  const aboveLevel = needs.filter((need) => riskRank(rules.needProductRisk[need]) > riskRank(maxProductRisk));
  return { maxProductRisk, assessed: ceiling !== undefined, aboveLevel };
}
