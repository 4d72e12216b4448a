import type { Need } from '../core/contract.js';
import type { AssetTier } from './asset-tier.js';
import type { LifecycleStage } from './lifecycle-stage.js';

/** One client's fused profile: one row of scores.csv, one page in the advisor app. */
export interface ClientProfile {
  readonly clientId: string;
  readonly assetTier: AssetTier;
  readonly tierCode: 'A' | 'B' | 'C';
  readonly lifecycleStage: LifecycleStage;
  readonly behaviourSegment: number;
  readonly behaviourSegmentName: string;
  /** Empty when the model has no risk classifier (flag `risk_unlabelled`). */
  readonly riskSegment: string;
  /** Calibrated probability per risk class, in the model's class order; empty without a risk classifier. */
  readonly riskProbabilities: readonly number[];
  readonly declaredRisk: string | undefined;
  /** The highest product risk the client may be offered (投资者适当性). */
  readonly suitability: string;
  /** Needs above threshold and within the client's level, strongest first. */
  readonly predictedNeeds: readonly Need[];
  /** Propensity per need, in NEEDS order; empty when the model has no needs model (flag `needs_unlabelled`). */
  readonly needPropensities: readonly number[];
  /** Stable reason codes: seg_*, risk_*, need_<need>_* (up to four per prediction). */
  readonly reasons: readonly string[];
  /** near_tier_boundary, risk_mismatch, assessment_due, risk_unlabelled, needs_unlabelled, need_above_level:<need>. */
  readonly flags: readonly string[];
}
