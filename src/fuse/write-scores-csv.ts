import { NEEDS } from '../core/contract.js';
import { csvField, writeLinesAtomically } from '../core/write-lines-atomically.js';
import type { ClientProfile } from './client-profile.js';

/** The scores.csv header for a model's risk classes (DESIGN.md "Artefacts"). */
export function scoresHeader(riskClasses: readonly string[]): string[] {
  return [
    'client_id', 'as_of', 'model_version', 'asset_tier', 'tier_code', 'lifecycle_stage', 'behaviour_segment',
    'behaviour_segment_name', 'risk_segment', ...riskClasses.map((c) => `p_${c}`), 'declared_risk', 'suitability',
    'predicted_needs', ...NEEDS.map((n) => `need_${n}`), 'reasons', 'flags',
  ];
}

/**
 * One scores.csv row; probabilities with four decimals, so the same run gives the same bytes. A
 * model without a needs model leaves the need_* cells empty (and without a risk classifier,
 * risk_segment; it then has no p_* columns).
 */
export function scoresRow(p: ClientProfile, asOf: string, modelVersion: string): string {
  return [
    csvField(p.clientId), asOf, modelVersion, p.assetTier, p.tierCode, p.lifecycleStage, String(p.behaviourSegment),
    csvField(p.behaviourSegmentName), p.riskSegment, ...p.riskProbabilities.map((v) => v.toFixed(4)), p.declaredRisk ?? '',
    p.suitability, p.predictedNeeds.join(';'), ...NEEDS.map((_, j) => p.needPropensities[j]?.toFixed(4) ?? ''), p.reasons.join(';'), p.flags.join(';'),
  ].join(',');
}

/**
 * Writes scores.csv: one row per client, in input order, complete or not at all.
 *
 * @example
 * await writeScoresCsv('out/scores.csv', profiles, ['conservative', 'balanced', 'aggressive'], '2026-06-30', '05d474227516');
 */
export async function writeScoresCsv(file: string, profiles: Iterable<ClientProfile>, riskClasses: readonly string[], asOf: string, modelVersion: string): Promise<void> {
  function* lines(): Generator<string> {
    yield scoresHeader(riskClasses).join(',');
    for (const p of profiles) yield scoresRow(p, asOf, modelVersion);
  }
  await writeLinesAtomically(file, lines(), 'scores file');
}
