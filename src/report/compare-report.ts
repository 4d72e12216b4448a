import type { BootstrapInterval } from '../monitor/bootstrap-interval.js';
import type { ClassifierSummary } from '../monitor/classifier-summary.js';
import type { SegmentAgreement } from '../monitor/segment-agreement.js';
import type { SegmentIdentity } from '../segment/segment-identity.js';

/**
 * The risk classifier's figures on the labelled clients. macro-F1 is null when the rarest class
 * has fewer than 20 labelled clients (`smallestClass`), with its bootstrap 95% interval otherwise.
 */
export type CompareRisk = Omit<ClassifierSummary, 'macroF1'> & {
  readonly macroF1: number | null;
  readonly smallestClass: number;
  readonly macroF1Interval: BootstrapInterval | null;
};

/** One model's figures on the comparison data. */
export interface CompareSide {
  /** The reference as given (bundle folder, models/NAME, models/NAME@challenger). */
  readonly ref: string;
  readonly dir: string;
  readonly version: string;
  /** False when the model was trained without usable labels and has no risk classifier (`risk_unlabelled`). */
  readonly riskModel: boolean;
  /** False when the model has no needs model (`needs_unlabelled`). */
  readonly needsModel: boolean;
  /** Risk classifier on the clients with a usable (non-stale) label; null when none has one or the model has no risk classifier. */
  readonly risk: CompareRisk | null;
  /**
   * Per need, the AUC on the take-ups in the horizon with its bootstrap 95% interval; null when
   * that need has fewer than 20 positives or negatives (`positives` says how many).
   */
  readonly needs: readonly { readonly need: string; readonly positives: number; readonly auc: number | null; readonly aucInterval: BootstrapInterval | null }[];
  /** Mean AUC over the needs measurable for both models; null when none is. */
  readonly meanNeedAuc: number | null;
  readonly segments: { readonly k: number; readonly silhouette: number; readonly daviesBouldin: number };
  /** True when the model was trained on exactly these input files: its figures are then optimistic. */
  readonly trainedOnTheseInputs: boolean;
}

/** One gate of the recommendation: challenger minus champion against a tolerance. */
export interface CompareCheck {
  readonly metric: string;
  /** 'higher' when a larger value is better. */
  readonly better: 'higher' | 'lower';
  readonly champion: number;
  readonly challenger: number;
  readonly delta: number;
  /** A change within this is noise, not a difference. */
  readonly tolerance: number;
  readonly verdict: 'better' | 'same' | 'worse';
}

export type CompareDecision = 'promote' | 'keep_champion';

/**
 * Champion against challenger on the same clients: a plain object, so a retraining pipeline can
 * act on `recommendation.decision` without parsing text.
 */
export interface CompareResult {
  readonly asOf: string;
  readonly clients: number;
  readonly labels: { readonly riskTarget: string; readonly riskLabelled: number; readonly riskStale: number; readonly riskMissing: number; readonly needsObserved: number };
  readonly champion: CompareSide;
  readonly challenger: CompareSide;
  readonly segments: SegmentAgreement;
  /** Whether each segment id means the same in both models: ids that moved or were renamed are `flagged`. */
  readonly identity: SegmentIdentity;
  readonly checks: readonly CompareCheck[];
  readonly recommendation: { readonly decision: CompareDecision; readonly reason: string };
  readonly warnings: readonly string[];
}
