import type { RulesConfig } from './rules-config.js';

// 'minor' is last so the codes of the four adult stages stay what earlier runs and bundles stored.
export const LIFECYCLE_STAGES = ['single', 'family_formation', 'mature', 'retirement', 'minor'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_LABELS: Readonly<Record<LifecycleStage, { zh: string; en: string }>> = {
  single: { zh: '单身期', en: 'single' },
  family_formation: { zh: '家庭形成期', en: 'family formation' },
  mature: { zh: '成熟期', en: 'mature' },
  retirement: { zh: '退休期', en: 'retirement' },
  minor: { zh: '未成年', en: 'minor' },
};

export interface LifecycleFacts {
  readonly age: number;
  /** Code into MARITAL_STATUSES, or -1 when unknown. */
  readonly marital: number;
  /** Count, or -1 when unknown. */
  readonly dependants: number;
  /** Share of window months with a pension credit. */
  readonly pensionRegularity: number;
}

const MARRIED = 1;

/**
 * The life-cycle stage by rule, first match wins: minor (under minorAge), retirement (age or living on a pension),
 * mature (age), family formation (married or with dependants), single.
 *
 * @example
 * lifecycleStage({ age: 34, marital: 1, dependants: 1, pensionRegularity: 0 }, DEFAULT_RULES.lifecycle); // 'family_formation'
 */
export function lifecycleStage(facts: LifecycleFacts, rules: RulesConfig['lifecycle']): LifecycleStage {
  if (facts.age < rules.minorAge) return 'minor';
  if (facts.age >= rules.retirementAge || facts.pensionRegularity >= rules.pensionRegularity) return 'retirement';
  if (facts.age >= rules.matureAge) return 'mature';
  if (facts.marital === MARRIED || facts.dependants > 0) return 'family_formation';
  return 'single';
}
