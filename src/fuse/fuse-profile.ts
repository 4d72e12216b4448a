import { NEEDS, type Need } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { yearsBetween } from '../core/days.js';
import { MISSING_DAY, type ClientTable } from '../core/records.js';
import { assetTier, TIER_CODES } from './asset-tier.js';
import type { ClientProfile } from './client-profile.js';
import { lifecycleStage } from './lifecycle-stage.js';
import type { RulesConfig } from './rules-config.js';
import { suitability } from './suitability.js';

/** What the models said about one client, gathered by the scoring job. */
export interface ModelOutputs {
  readonly segmentId: number;
  readonly segmentName: string;
  /** Empty without a risk classifier. */
  readonly riskClass: string;
  readonly riskProbabilities: readonly number[];
  /** Empty without a needs model. */
  readonly needPropensities: readonly number[];
  readonly needThresholds: readonly number[];
  readonly pensionRegularity: number;
  readonly reasons: readonly string[];
}

/**
 * Rules meet models: tier, life-cycle and suitability by rule, predictions from the models, and
 * the flags an advisor must see. A need whose typical products exceed the client's level is
 * flagged and left out of the predicted needs: flagged, never recommended.
 *
 * @example
 * const profile = fuseProfile(clients, i, asOf, outputs, DEFAULT_RULES);
 */
export function fuseProfile(clients: ClientTable, i: number, asOf: DayNumber, m: ModelOutputs, rules: RulesConfig): ClientProfile {
  const tier = assetTier(clients.aum[i]!, rules.tiers);
  const stage = lifecycleStage({
    age: yearsBetween(clients.birthDay[i]!, asOf),
    marital: clients.marital[i]!,
    dependants: clients.dependants[i]!,
    pensionRegularity: m.pensionRegularity,
  }, rules.lifecycle);
  const declared = clients.declaredRisk[i];
  const assessedOn = clients.riskAssessedOn[i]!;
  const assessmentValid = declared !== undefined && (assessedOn === MISSING_DAY || asOf - assessedOn <= rules.suitability.assessmentMaxAgeDays);
  const candidates = NEEDS
    .map((need, j) => ({ need, p: m.needPropensities[j] ?? Number.NaN, t: m.needThresholds[j]! }))
    .filter((c) => c.p >= c.t)
    .sort((a, b) => b.p - a.p || NEEDS.indexOf(a.need) - NEEDS.indexOf(b.need))
    .map((c) => c.need as Need);
  const minor = stage === 'minor';
  const fit = suitability(declared, assessmentValid, candidates, rules.suitability, minor);
  const flags: string[] = [];
  if (tier.nearBoundary) flags.push('near_tier_boundary');
  const noNeeds = m.needPropensities.length === 0;
  if (declared !== undefined && m.riskClass !== '' && declared !== m.riskClass) flags.push('risk_mismatch');
  if (!assessmentValid) flags.push('assessment_due');
  if (minor) flags.push('minor');
  if (m.riskClass === '') flags.push('risk_unlabelled');
  if (noNeeds) flags.push('needs_unlabelled');
  for (const need of fit.aboveLevel) flags.push(`need_above_level:${need}`);
  return {
    clientId: clients.ids[i]!,
    assetTier: tier.tier,
    tierCode: TIER_CODES[tier.tier],
    lifecycleStage: stage,
    behaviourSegment: m.segmentId,
    behaviourSegmentName: m.segmentName,
    riskSegment: m.riskClass,
    riskProbabilities: m.riskProbabilities,
    declaredRisk: declared,
    suitability: fit.maxProductRisk,
    predictedNeeds: candidates.filter((need) => !fit.aboveLevel.includes(need)),
    needPropensities: m.needPropensities,
    reasons: m.reasons,
    flags,
  };
}
