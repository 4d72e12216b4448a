import type { IngestCounts, RowCounts } from '../core/records.js';
import type { BootstrapInterval } from '../monitor/bootstrap-interval.js';
import type { StabilityVerdict } from '../segment/bootstrap-jaccard.js';
import type { ClassificationMetrics, ReliabilityBin } from '../monitor/classification-metrics.js';
import type { ClassifierSummary } from '../monitor/classifier-summary.js';
import type { NeedMetrics } from '../monitor/needs-metrics.js';
import type { PartialDependence } from '../monitor/partial-dependence.js';
import type { FeatureImportance } from '../monitor/permutation-importance.js';
import type { PrPoint } from '../monitor/precision-recall-curve.js';
import type { RestartStability } from '../segment/restart-stability.js';
import type { Slice } from '../monitor/slice-metrics.js';
import type { KCurvePoint } from '../segment/select-k.js';

interface TrainingSummary {
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly bestValidationLoss: number;
  readonly trainRows: number;
  readonly validationRows: number;
  /**
   * The searched configurations and the chosen one, the ensemble's members, and the refit of the
   * shipped network on every usable row (the figures above measure the fit before the refit).
   */
  readonly network?: {
    readonly members: number;
    readonly config: { readonly hiddenUnits: readonly number[]; readonly learningRate: number; readonly l2: number };
    readonly search: readonly { readonly config: { readonly hiddenUnits: readonly number[]; readonly learningRate: number; readonly l2: number }; readonly validationLoss: number; readonly bestEpoch: number }[];
    readonly rowVisits: number;
    readonly refit?: { readonly rows: number; readonly rowVisits: number };
  };
}

/**
 * A binary target's decision threshold: chosen on the validation rows (the stored figures), then
 * measured on the held-out rows with their precision–recall curve.
 */
export interface ThresholdReport {
  readonly rule: string;
  readonly positiveClass: string;
  readonly value: number;
  readonly reached: boolean;
  readonly validation: { readonly rows: number; readonly positives: number; readonly precision: number; readonly recall: number; readonly f1: number; readonly predictedShare: number };
  readonly test: { readonly rows: number; readonly positives: number; readonly baseRate: number; readonly predictedShare: number; readonly precision: number; readonly recall: number; readonly f1: number };
  /** Held-out precision–recall curve of the positive class's probability, thinned for the chart. */
  readonly curve: readonly PrPoint[];
  readonly averagePrecision: number;
}

/**
 * What the network adds and what it reads, on held-out rows: a logistic-regression baseline fitted
 * on the same training rows, permutation importance and partial dependence (docs/decisions.md).
 */
export interface RiskDiagnostics {
  readonly baseline: {
    readonly model: 'logistic regression';
    readonly macroF1: number;
    readonly accuracy: number;
    readonly balancedAccuracy: number;
    readonly logLoss: number;
    readonly rocAuc?: number;
    /** Binary targets: the baseline's own threshold, by the same rule on its training rows. */
    readonly threshold?: number;
  };
  readonly importance: { readonly metric: 'log-loss increase'; readonly rows: number; readonly repeats: number; readonly features: readonly FeatureImportance[] };
  /** Grid labels in the feature's own units (levels for a categorical column). */
  readonly partialDependence: { readonly rows: number; readonly classes: readonly string[]; readonly features: readonly PartialDependence[] };
}

export interface RiskReport {
  readonly trainRows: number;
  /** Training rows available when the network trained on a seeded sample of them. */
  readonly sampledFrom?: number;
  /** Held-out labelled clients: never trained or calibrated on. */
  readonly testRows: number;
  readonly test: ClassificationMetrics;
  /** ROC AUC of the second class's probability, for a binary target. */
  readonly rocAuc?: number;
  /** For a binary target: the decision threshold the predicted class follows. */
  readonly threshold?: ThresholdReport;
  /** Baseline, importance and partial dependence; absent when switched off or in reports from before. */
  readonly diagnostics?: RiskDiagnostics;
  readonly logLoss: number;
  /** Log-loss of always stating the training class shares. */
  readonly baselineLogLoss: number;
  readonly calibration: {
    readonly ece: number;
    /** The ECE a calibrated model would show on this test set by chance. */
    readonly noiseFloor: number;
    /** ECE above 0.05 and above twice the noise floor. */
    readonly miscalibrated: boolean;
    readonly bins: readonly ReliabilityBin[];
    readonly temperature: number;
    readonly validationNll: { readonly uncalibrated: number; readonly calibrated: number };
  };
  readonly training: TrainingSummary;
}

export interface NeedsReport {
  readonly trainRows: number;
  readonly sampledFrom?: number;
  readonly testRows: number;
  readonly perNeed: readonly NeedMetrics[];
  readonly training: TrainingSummary;
}

/** Metrics per asset tier and per life-cycle stage, on the held-out rows; null metrics: too few rows. */
export interface SlicedMetrics<T> {
  /** Slices with fewer held-out rows than this show "too few" instead of numbers. */
  readonly minRows: number;
  readonly byTier: readonly Slice<T>[];
  readonly byLifecycle: readonly Slice<T>[];
}

/** One need's ranking quality inside a slice; AUC null with fewer than 10 positives or negatives. */
export interface NeedSliceMetrics {
  readonly need: string;
  readonly positives: number;
  readonly auc: number | null;
  readonly precisionAtTopDecile: number;
}

/** How far the segments can be trusted: seeded restarts and bootstrap resamples of a subsample. */
export interface SegmentStability {
  readonly restarts: RestartStability;
  readonly bootstrap: {
    readonly sampleSize: number;
    readonly bootstraps: number;
    readonly perSegment: readonly { readonly id: number; readonly jaccard: number; readonly verdict: StabilityVerdict }[];
  };
}

export interface SegmentProfile {
  readonly id: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly description: { readonly zh: string; readonly en: string };
  readonly size: number;
  readonly topFeatures: readonly { readonly name: string; readonly z: number }[];
  /** Clients of the segment per asset tier. */
  readonly tierMix: Readonly<Record<string, number>>;
  /** Clients of the segment per life-cycle stage. */
  readonly lifecycleMix: Readonly<Record<string, number>>;
}

/** Bootstrap 95% intervals of the risk classifier's held-out figures. */
export interface RiskIntervals {
  readonly macroF1: BootstrapInterval | null;
  /** For a binary target only. */
  readonly rocAuc?: BootstrapInterval | null;
}

/** A warning of the training run that the report and the model card repeat (also logged with its code). */
export interface TrainingWarning {
  readonly code: string;
  readonly message: string;
}

/** The labels of the risk target, counted whether or not a classifier was trained on them. */
export interface RiskLabelCounts {
  readonly target: string;
  readonly classes: readonly string[];
  readonly labelled: number;
  readonly stale: number;
  readonly missing: number;
}

/** The risk classifier was not trained: too few usable labels (docs/decisions.md, "Training without labels"). */
export interface SkippedRisk extends RiskLabelCounts {
  readonly skipped: 'risk_unlabelled';
  /** Fewer usable labels than this (or fewer than two classes) skip the classifier. */
  readonly minLabelledRows: number;
}

export type TrainedRiskSection = RiskReport & RiskLabelCounts & {
  readonly skipped?: undefined;
  readonly slices: SlicedMetrics<ClassifierSummary>;
  /** Bootstrap 95% intervals of the held-out macro-F1 (and ROC AUC for two classes). */
  readonly intervals: RiskIntervals;
};
export type RiskSection = TrainedRiskSection | SkippedRisk;

/** The needs model was not trained: too few clients took up a need in the horizon. */
export interface SkippedNeeds {
  readonly skipped: 'needs_unlabelled';
  /** Clients with a take-up of any need in the horizon. */
  readonly takeUps: number;
  readonly minTakeUps: number;
}

export type TrainedNeedsSection = NeedsReport & {
  readonly skipped?: undefined;
  readonly slices: SlicedMetrics<readonly NeedSliceMetrics[]>;
  /** Bootstrap 95% interval of each need's held-out AUC, in perNeed order. */
  readonly aucIntervals: readonly (BootstrapInterval | null)[];
};
export type NeedsSection = TrainedNeedsSection | SkippedNeeds;

/**
 * What a data scientist reads before promoting a model. Deterministic (no wall-clock values), so
 * it can live inside the byte-reproducible bundle.
 */
export interface TrainingReport {
  readonly model: { readonly name: string; readonly asOf: string; readonly seed: number | string; readonly backend: string; readonly featureCatalogueVersion: string };
  readonly data: IngestCounts & { readonly windowMonths: number; readonly horizonDays: number };
  readonly segments: {
    readonly k: number;
    readonly chosenBy: 'silhouette' | 'fixed';
    readonly aligned: boolean;
    readonly curve: readonly KCurvePoint[];
    /** The kept fit: inertia on all rows, sampled silhouette, Davies–Bouldin. */
    readonly quality: { readonly inertia: number; readonly silhouette: number; readonly daviesBouldin: number };
    readonly stability: SegmentStability;
    readonly profiles: readonly SegmentProfile[];
    /** Standardised centroid per profile, over `features`. */
    readonly centroids: readonly (readonly number[])[];
    readonly features: readonly string[];
    /** How the segmentation columns were chosen (absent in reports from before catalogue 2.0.0). */
    readonly columns?: {
      /** Weight of each of `features` in the distance (block balance × relevance). */
      readonly weights: readonly number[];
      readonly blocks: readonly string[];
      /** Candidates constant on the training rows: left out, and never in a segment's name. */
      readonly constant: readonly string[];
      readonly duplicates: readonly { readonly feature: string; readonly of: string; readonly r: number }[];
    };
  };
  readonly risk: RiskSection;
  readonly needs: NeedsSection;
  /** Parts skipped and other things to know (e.g. `risk_unlabelled`); empty when all went as planned. */
  readonly warnings: readonly TrainingWarning[];
}

interface TableTargetCounts { readonly column: string; readonly classes: readonly string[]; readonly labelled: number; readonly missing: number }
export type TableTargetSection = (RiskReport & TableTargetCounts & { readonly skipped?: undefined; readonly intervals: RiskIntervals })
  | (TableTargetCounts & { readonly skipped: 'risk_unlabelled'; readonly minLabelledRows: number });

/** The report of a model trained on a data scientist's own feature table. */
export interface TableTrainingReport {
  readonly model: { readonly name: string; readonly seed: number | string; readonly backend: string; readonly input: 'feature-table' };
  readonly data: { readonly rows: RowCounts; readonly features: readonly string[] };
  /** Parts of a profile that need client records and transactions. */
  readonly skipped: readonly string[];
  readonly segments: {
    readonly k: number;
    readonly curve: readonly KCurvePoint[];
    readonly stability: SegmentStability;
    readonly profiles: readonly Omit<SegmentProfile, 'description' | 'topFeatures' | 'tierMix' | 'lifecycleMix'>[];
  };
  /** Absent when trained without `--target`: a segmentation-only bundle. */
  readonly target?: TableTargetSection;
  readonly warnings: readonly TrainingWarning[];
}
