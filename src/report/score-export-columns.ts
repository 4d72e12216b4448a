import { NEEDS } from '../core/contract.js';
import type { StoredScore } from '../store/store.js';

/** The columns of an export: scores.csv's, with the advisor and the segment's en name. */
export function exportHeader(riskClasses: readonly string[]): string[] {
  return [
    'client_id', 'advisor_id', 'as_of', 'model_version', 'asset_tier', 'tier_code', 'lifecycle_stage', 'behaviour_segment',
    'behaviour_segment_name', 'behaviour_segment_name_en', 'risk_segment', ...riskClasses.map((c) => `p_${c}`), 'declared_risk',
    'suitability', 'predicted_needs', ...NEEDS.map((n) => `need_${n}`), 'reasons', 'flags',
  ];
}

/** One stored score as export cells: text as it is (the writer neutralises it), numbers as numbers. */
export function exportCells(s: StoredScore, riskClasses: readonly string[]): (string | number)[] {
  return [
    s.clientId, s.advisorId ?? '', s.asOf, s.modelVersion, s.assetTier, s.tierCode, s.lifecycleStage, s.behaviourSegment,
    s.behaviourSegmentName, s.behaviourSegmentNameEn, s.riskSegment, ...riskClasses.map((c) => s.riskProbabilities[c] ?? Number.NaN),
    s.declaredRisk ?? '', s.suitability, s.predictedNeeds.join(';'), ...NEEDS.map((n) => s.needPropensities[n] ?? Number.NaN),
    s.reasons.join(';'), s.flags.join(';'),
  ];
}
