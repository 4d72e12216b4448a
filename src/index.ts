// The library surface: named re-exports only (arquero). Notebooks and services import from here.
export { PipelineError, isPipelineError, type PipelineErrorCode } from './core/errors.js';
export { Rng } from './core/rng.js';
export { createLogger, type Logger } from './core/logger.js';
export { dayNumber, formatDay, parseIsoDay, type DayNumber } from './core/days.js';
export { ASSET_CLASSES, NEEDS, RISK_LEVELS, TXN_TYPES, type Need } from './core/contract.js';
export { DEFAULT_NEED_RULES, type NeedRule } from './core/needs.js';
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

export { promote, readAliases } from './registry/aliases.js';
export { readBundle } from './registry/read-bundle.js';
export { resolveModelRef } from './registry/resolve-model-ref.js';

export { DEFAULT_RULES, RulesConfigSchema, type RulesConfig } from './fuse/rules-config.js';
export type { ClientProfile } from './fuse/client-profile.js';
export { phraseReason } from './fuse/reason-phrases.js';
export { trainFromTable } from './jobs/train-from-table.js';
export { scoreFromTable } from './jobs/score-from-table.js';

export { adjustedRandIndex } from './monitor/adjusted-rand-index.js';
export { classificationMetrics } from './monitor/classification-metrics.js';
export { rocAuc } from './monitor/roc-auc.js';

export { openStore } from './store/open-store.js';
export { DEFAULT_STORE, parseStoreUrl, type StoreLocation } from './store/store-url.js';
export { scoreRecordOf } from './store/score-record-of.js';
export { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS, type SchemaMigration } from './store/schema-migrations.js';
export {
  DRIFT_VERDICTS, RUN_STATUSES,
  type AuditEntry, type AuditInput, type ClientHistoryEntry, type DriftVerdict, type RunCompletion, type RunCounts, type RunRecord,
  type RunSpec, type RunStart, type RunStatus, type ScoreFilter, type ScoreRecord, type Store, type StoredScore,
} from './store/store.js';

export { runDistributedScore, type DistributedScoreOptions, type DistributedScoreResult } from './scale/run-distributed-score.js';
export { startShardWorker, type ShardWorker, type ShardWorkerOptions } from './scale/start-shard-worker.js';
export { shardOfClient } from './scale/shard-of-client.js';
export { splitCsvByClient } from './scale/split-csv-by-client.js';
export { mergeShardCounts, mergeDriftCounts } from './scale/merge-shard-counts.js';
export { driftCountsOf, type DriftCounts, type ShardCounts } from './scale/shard-counts.js';
export { openShardLedger, type ShardLedger } from './store/shard-ledger.js';
