// The library surface: named re-exports only (arquero). Notebooks and services import from here.
export { PipelineError, isPipelineError, type PipelineErrorCode } from './core/errors.js';
export { Rng } from './core/rng.js';
export { createLogger, type Logger } from './core/logger.js';
export { dayNumber, formatDay, parseIsoDay, type DayNumber } from './core/days.js';
export { ASSET_CLASSES, NEEDS, RISK_LEVELS, TXN_TYPES, type Need } from './core/contract.js';
export { DEFAULT_NEED_RULES, NeedRuleSchema, type NeedRule } from './core/needs.js';
export type { ClientTable, RowCounts, TransactionRecord, TransactionSink } from './core/records.js';
export { featureColumn, type FeatureMatrix } from './core/feature-matrix.js';

export { generateClientBase } from './generate/generate-client-base.js';
export type { GenerateOptions } from './generate/generate-options.js';
export { ARCHETYPES, type ArchetypeName } from './generate/archetypes.js';

export { ingest } from './ingest/ingest.js';
export type { IngestOptions, IngestResult } from './ingest/ingest-options.js';
export { loadMapping, parseMapping } from './ingest/load-mapping.js';
export { MappingSchema, type Mapping } from './ingest/mapping-schema.js';
export { REJECT_REASONS, type RejectReason } from './ingest/reject-reason.js';

export { FEATURE_CATALOGUE, FEATURE_CATALOGUE_VERSION, FEATURE_NAMES } from './features/feature-catalogue.js';
export { createFeatureBuilder } from './features/create-feature-builder.js';
export { createNeedsLabeler } from './features/create-needs-labeler.js';
export { writeFeaturesCsv } from './features/write-features-csv.js';

export { buildFeatures, type BuildFeaturesOptions } from './jobs/build-features.js';
export { train, type TrainOptions, type TrainResult } from './jobs/train.js';
export { score, type ScoreOptions, type ScoreResult } from './jobs/score.js';
export { loadModel, type LoadedModel } from './jobs/load-model.js';
export { predictRows, type FeatureColumns, type FeatureRecord, type PredictInput, type Predictions } from './jobs/predict-rows.js';
export { fullProbability, PROBABILITY_FORMATS, type ProbabilityFormat } from './fuse/probability-format.js';
export { compare, COMPARE_TOLERANCES, type CompareOptions } from './jobs/compare.js';
export type { CompareCheck, CompareDecision, CompareResult, CompareSide } from './report/compare-report.js';
export { renderCompareReport } from './report/compare-report-html.js';

export { promote, readAliases } from './registry/aliases.js';
export { readBundle } from './registry/read-bundle.js';
export { resolveModelRef } from './registry/resolve-model-ref.js';

export { DEFAULT_RULES, RulesConfigSchema, type RulesConfig } from './fuse/rules-config.js';
export type { ClientProfile } from './fuse/client-profile.js';
export { phraseReason } from './fuse/reason-phrases.js';
export { trainFromTable } from './jobs/train-from-table.js';
export { scoreFromTable } from './jobs/score-from-table.js';

export { adjustedRandIndex } from './monitor/adjusted-rand-index.js';
export { classificationMetrics, expectedCalibrationError, logLoss } from './monitor/classification-metrics.js';
export { calibrationCheck, ECE_LIMIT } from './monitor/calibration-check.js';
export { bootstrapJaccard, stabilityVerdict, JACCARD_STABLE, JACCARD_UNRELIABLE } from './segment/bootstrap-jaccard.js';
export { restartStability } from './segment/restart-stability.js';
export { segmentAgreement } from './monitor/segment-agreement.js';
export { centroidDistance, SEGMENT_MOVE_SHARE, segmentIdentity, type SegmentIdentity, type SegmentIdentityEntry, type SegmentSide } from './segment/segment-identity.js';
export type { TrainingReport, RiskSection, NeedsSection, TrainedRiskSection, TrainedNeedsSection, SkippedRisk, SkippedNeeds, TrainingWarning } from './report/training-report.js';
export { bootstrapInterval, type BootstrapInterval, type BootstrapOptions } from './monitor/bootstrap-interval.js';
export { MIN_POSITIVES } from './monitor/min-positives.js';
export { MIN_LABELLED_ROWS, MIN_NEED_TAKE_UPS } from './jobs/label-sufficiency.js';
export { rocAuc } from './monitor/roc-auc.js';

export { compareDrift, DRIFT_REPORT_FORMAT, type DriftReport, type NumericDrift, type CategoricalDrift, type ShareChange, type ConstantShift, type NearlyConstantShift, type BinnedDistribution, type DriftReferenceSource } from './monitor/compare-drift.js';
export { countDrift, mergeDriftCounts, type DriftCounts, type NumericCounts, type PredictionCounts } from './monitor/drift-counts.js';
export { buildDriftReference, parseDriftReference, DRIFT_REFERENCE_FORMAT, type DriftReference } from './monitor/drift-reference.js';
export { DEFAULT_DRIFT_THRESHOLDS, DRIFT_VERDICTS, type DriftThresholds, type DriftVerdict } from './monitor/drift-verdict.js';
export { DriftSettingsSchema, mergeDriftSettings, type DriftSettings, type DriftReferenceRule, type FeatureDriftRule } from './monitor/drift-settings.js';
export { chooseDriftReference, pastRunCountsOf, type ChosenReference, type PastRunCounts } from './jobs/choose-drift-reference.js';
export { readDriftHistory } from './jobs/read-drift-history.js';
export { populationStabilityIndex } from './monitor/population-stability-index.js';
export { binnedWasserstein, normalisedWasserstein } from './monitor/wasserstein-distance.js';
export { jensenShannonDistance } from './monitor/jensen-shannon-distance.js';
export { chiSquareTest } from './monitor/chi-square-test.js';
export { addToExactSum, exactSumValue, mergeExactSums, type ExactSum } from './monitor/exact-sum.js';
export { migrationBetween, type Migration, type MigrationMatrix, type MigrationSubject, type SegmentIdBasis } from './monitor/migration-matrix.js';
export { realisedAccuracy } from './monitor/realised-accuracy.js';
export { driftFromFeatures } from './jobs/drift-from-features.js';
export { openStore, type OpenStoreOptions } from './store/open-store.js';
export { scoreIntoStore, type ScoreIntoStoreOptions, type ScoreIntoStoreResult } from './jobs/score-into-store.js';
export { runPipeline, type PipelineResult } from './jobs/run-pipeline.js';
export type { PipelineRunOptions, ScorePipelineResult } from './jobs/run-score-pipeline.js';
export type { RetrainOutcome, RetrainPipelineResult } from './jobs/run-retrain-pipeline.js';
export { loadPipeline } from './pipeline/load-pipeline.js';
export { loadModelParams, ModelParamsSchema, parseModelParams, resolveModelParams, type ModelParams, type ResolvedModelParams } from './pipeline/model-params.js';
export { PipelineSchema, type Pipeline, type RetrainPipeline, type ScorePipeline } from './pipeline/pipeline-schema.js';
export { writeScoreExport } from './report/write-score-export.js';
export { EXPORT_FORMATS, type ExportFormat } from './report/export-formats.js';
export { neutraliseCell } from './report/neutralise-cell.js';
export { DEFAULT_STORE, parseStoreUrl, type StoreLocation } from './store/store-url.js';
export { scoreRecordOf } from './store/score-record-of.js';
export { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS } from './store/schema-migrations.js';
export type { SchemaMigration } from './store/schema-migration.js';
export {
  RUN_STATUSES,
  type AuditEntry, type AuditInput, type ClientHistoryEntry, type RunCompletion, type RunCounts, type RunOwner, type RunRecord,
  type RunSpec, type RunStart, type RunStatus, type ScoreFilter, type ScoreRecord, type Store, type StoredScore,
} from './store/store.js';

export { RUN_STALL_MS, runStateOf, stalledNote, thisProcess, type RunState } from './store/run-state.js';
export { openAdvisorStore, type AdvisorStore } from './store/open-advisor-store.js';
export { BOOK_FLAGS, BOOK_SORTS, type BookFilter, type BookFlag, type BookSort } from './store/book-query.js';
export { OVERRIDE_KINDS, type OverrideInput, type OverrideKind, type OverrideRecord, type SegmentOverrideRate } from './store/override-store.js';
export { USER_ROLES, type UserRole } from './store/user-store.js';
export { overrideRateFigure } from './report/override-rate-figure.js';
export { exportLabels, labelsFromOverrides, type ClientLabel, type ExportLabelsOptions, type ExportLabelsResult } from './jobs/export-labels.js';
export { runDistributedScore, type DistributedScoreOptions, type DistributedScoreResult } from './scale/run-distributed-score.js';
export { startShardWorker, type ShardWorker, type ShardWorkerOptions } from './scale/start-shard-worker.js';
export { shardOfClient } from './scale/shard-of-client.js';
export { splitCsvByClient } from './scale/split-csv-by-client.js';
export { mergeShardCounts } from './scale/merge-shard-counts.js';
export type { ShardCounts } from './scale/shard-counts.js';
export { openShardLedger, type ShardLedger } from './store/shard-ledger.js';

// DataFrames for notebooks and scripts (danfojs-node, loaded only when one of these is called).
export { featuresFrame, type FeaturesFrameOptions } from './frames/features-frame.js';
export { scoresFrame } from './frames/scores-frame.js';
export { trainOnFrame, type TrainOnFrameOptions } from './frames/train-on-frame.js';
export { scoreFrame, type ScoreFrameOptions } from './frames/score-frame.js';
