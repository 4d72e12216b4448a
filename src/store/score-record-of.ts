import { NEEDS } from '../core/contract.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import type { ScoreRecord } from './store.js';

/** What a stored score needs beyond the profile: the client's advisor and the segment's en name. */
export interface ScoreContext {
  readonly riskClasses: readonly string[];
  readonly advisorId: string | undefined;
  readonly segmentNameEn: string;
  /** The client's AUM at the as-of date (CNY), kept for the call sheet's distance to the next tier. */
  readonly aum?: number;
}

/**
 * A fused profile as the store keeps it: probabilities and propensities keyed by class and need,
 * so a reader needs no model to make sense of them.
 */
export function scoreRecordOf(p: ClientProfile, context: ScoreContext): ScoreRecord {
  return {
    clientId: p.clientId,
    advisorId: context.advisorId ?? null,
    assetTier: p.assetTier,
    tierCode: p.tierCode,
    lifecycleStage: p.lifecycleStage,
    behaviourSegment: p.behaviourSegment,
    behaviourSegmentName: p.behaviourSegmentName,
    behaviourSegmentNameEn: context.segmentNameEn,
    riskSegment: p.riskSegment,
    riskProbabilities: keyed(context.riskClasses, p.riskProbabilities),
    declaredRisk: p.declaredRisk ?? null,
    suitability: p.suitability,
    // The profile's own arrays: both are read-only, and a nightly run stores a million records.
    predictedNeeds: p.predictedNeeds,
    needPropensities: keyed(NEEDS, p.needPropensities),
    reasons: p.reasons,
    flags: p.flags,
    aum: context.aum ?? null,
  };
}

/** `values[j]` under `keys[j]`, in the keys' order (one object, no pairs built on the way). */
function keyed(keys: readonly string[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let j = 0; j < keys.length; j++) out[keys[j]!] = values[j]!;
  return out;
}
