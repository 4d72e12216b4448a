import path from 'node:path';
import { initBackend } from '../classify/init-backend.js';
import type { ClassifierParams } from '../classify/classifier-params.js';
import type { ThresholdRule } from '../classify/decision-threshold.js';
import { targetLabels } from '../classify/risk-targets.js';
import { createContext, stageContext } from '../core/context.js';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { DEFAULT_LEVEL_RULE, HIGH_CARDINALITY, type LevelRule } from '../features/categorical-levels.js';
import { fitTableEncoder, type TableEncoder } from '../features/table-encoder.js';
import { readFeatureTable } from '../ingest/read-feature-table.js';
import { readHeader } from '../ingest/read-header.js';
import { buildDriftReference } from '../monitor/drift-reference.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import { bundleCreatedAt } from '../registry/created-at.js';
import { BUNDLE_SCHEMA_VERSION } from '../registry/manifest-schema.js';
import { packageVersions } from '../registry/package-versions.js';
import { buildInfo } from '../registry/build-info.js';
import { DEFAULT_THRESHOLD_RULE } from '../classify/decision-threshold.js';
import { heldOutEntry, heldOutFile } from './held-out-ids.js';
import { stableJson } from '../registry/stable-json.js';
import { writeBundle, type WrittenBundle } from '../registry/write-bundle.js';
import type { TableTrainingReport, TrainingWarning } from '../report/training-report.js';
import { fitScaler } from '../segment/fit-scaler.js';
import { fitSegments, type SegmentParams } from '../segment/fit-segments.js';
import { resolveModelParams } from '../pipeline/model-params.js';
import { heldOutRiskIntervals } from './held-out-intervals.js';
import { MIN_LABELLED_ROWS, riskUnlabelled } from './label-sufficiency.js';
import { RISK_MODEL_FILE } from './load-model.js';
import { pickColumns } from '../segment/pick-columns.js';
import { segmentStability } from './segment-diagnostics.js';
import { trainRisk } from './train-risk.js';

/** The feature-catalogue field of a bundle trained on a data scientist's own table. */
export const FEATURE_TABLE_CATALOGUE = 'feature-table';

export interface TrainFromTableOptions {
  featuresPath: string;
  /** The column that identifies a client. */
  idColumn: string;
  /** The label column (categorical); without it the bundle is segmentation-only. */
  target?: string;
  /** Columns not to learn from (besides the id and the target). */
  exclude?: readonly string[];
  /** Id-like categorical columns to learn from all the same (any other one is refused). */
  allowIdLike?: readonly string[];
  /** How rare a categorical level may be before it is pooled; default 1% of the rows, at least 10. */
  levels?: LevelRule;
  modelDir: string;
  seed: number | string;
  segments?: SegmentParams;
  classifier?: ClassifierParams;
  /** Binary targets: how the decision threshold is chosen on validation rows; default best F1 (docs/decisions.md). */
  threshold?: ThresholdRule;
  /** The target section's baseline, permutation importance and partial dependence; default true. */
  diagnostics?: boolean;
  /** Fewer usable labels than this (or one class) skip the classifier with `risk_unlabelled`; default 50. */
  minLabelledRows?: number;
  rejectsPath: string;
  log?: Logger;
}

export interface TableTrainResult extends WrittenBundle {
  readonly report: TableTrainingReport;
}

/**
 * Trains on a feature table a data scientist already has: its numeric columns as they are
 * (missing values take the training median), its categorical ones one-hot; segments and, with a
 * target that has enough labels, the classifier run on that (without, the bundle is
 * segmentation-only and the report says why). Needs, tiers and life-cycle need transactions and client records, so
 * they are skipped, and the report says so.
 *
 * @example
 * await trainFromTable({ featuresPath: 'f.csv', idColumn: 'id', target: 'churned', modelDir: 'models/churn', seed: 1, rejectsPath: 'r.csv' });
 */
export async function trainFromTable(options: TrainFromTableOptions): Promise<TableTrainResult> {
  const log = options.log ?? silentLogger();
  const ctx = createContext(options.seed, log);
  // Plain k-means on the table as scikit-learn's pipeline sees it (standardised numbers, one-hot
  // levels as 0/1 indicators, every level kept): a table's columns have no blocks to balance.
  const params = resolveModelParams({ segments: options.segments, classifier: options.classifier }, { relevanceRounds: 0, dropNearDuplicates: false });
  const backend = await initBackend('auto', log);
  // The named columns are checked on the header first: a typo fails in milliseconds, not after reading and clustering.
  const header = await readHeader(options.featuresPath);
  const named = [options.idColumn, ...(options.target === undefined ? [] : [options.target])];
  const absent = named.find((c) => !header.includes(c));
  if (absent !== undefined) {
    const flag = absent === options.target ? '--target' : '--id-column';
    throw new PipelineError('config_invalid', `${options.featuresPath} has no column ${absent} (${flag}); its columns are ${header.join(', ')}`,
      { file: options.featuresPath, column: absent, columns: header });
  }
  const table = await readFeatureTable(options.featuresPath, options.idColumn, options.rejectsPath);
  const excluded = new Set([...(options.target === undefined ? [] : [options.target]), ...(options.exclude ?? [])]);
  const use = [...table.columns.keys()].filter((name) => !excluded.has(name));
  if (use.length === 0) throw new PipelineError('config_invalid', 'no feature columns left after --exclude and --target');
  log.warn({ code: 'rules_skipped' }, 'feature table input: asset tiers, life-cycle stages, suitability and needs need client records and transactions, so they are skipped');

  const encoder = fitTableEncoder(table.columns, use, { allowIdLike: options.allowIdLike, levels: options.levels });
  const matrix = encoder.transform(table.ids, table.columns);
  const scaler = fitScaler(matrix);
  const z = scaler.transform(matrix);
  const segmentsRng = stageContext(ctx, 'segments').rng;
  const levels = new Set(encoder.levelNames);
  const segments = fitSegments(z, matrix.rows, matrix.names, params.segments, segmentsRng, {
    log, levels, columnScale: (f) => (levels.has(f) ? scaler.sds[matrix.names.indexOf(f)]! : 1),
  });
  const stability = segmentStability(segments.data, matrix.rows, segments.model.features.length, segments.fit, segments.model.ids, segmentsRng.fork('stability'));
  const labelColumn = options.target === undefined ? undefined : table.columns.get(options.target);
  const labels = labelColumn === undefined ? undefined : targetLabels(labelColumn, undefined, 0, Infinity);
  const target = labels === undefined ? undefined : { column: options.target!, ...labels };
  const minLabelledRows = options.minLabelledRows ?? MIN_LABELLED_ROWS;
  const whyNot = target === undefined ? undefined : riskUnlabelled(target, minLabelledRows);
  const warnings: TrainingWarning[] = [...pooledLevelWarnings(encoder), ...(whyNot === undefined ? [] : [{ code: 'risk_unlabelled', message: whyNot }])];
  if (target === undefined) log.info('no --target: a segmentation-only bundle');
  for (const w of warnings) log.warn({ code: w.code }, w.message);
  const risk = target === undefined || whyNot !== undefined ? undefined
    : await trainRisk({ names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z }, target, params.classifier, stageContext(ctx, 'risk'), Infinity, {
      threshold: options.threshold, diagnostics: options.diagnostics, unscale: scaler,
      featureGroups: [...encoder.spec.numeric.map((c) => ({ name: c.name, columns: [c.name] })), ...encoder.spec.categorical.map((c) => ({ name: c.name, columns: c.vocabulary.map((v) => `${c.name}=${v}`) }))],
    });
  const assignment = segments.model.assign(pickColumns(z, matrix.rows, matrix.cols, segments.model.features.map((f) => matrix.names.indexOf(f))), matrix.rows);
  const drift = buildDriftReference(matrix, { segmentIds: assignment.ids, riskClass: risk?.predicted ?? new Int32Array(0), riskClasses: risk === undefined ? [] : target!.classes, needs: new Uint8Array(0), needNames: [] });

  const counts = target === undefined ? undefined : { column: target.column, classes: target.classes, labelled: target.labelled, missing: target.missing };
  const report: TableTrainingReport = {
    model: { name: path.basename(path.resolve(options.modelDir)), seed: options.seed, backend, input: 'feature-table' },
    data: { rows: table.counts, features: matrix.names },
    skipped: ['asset tiers', 'life-cycle stages', 'suitability', 'needs'],
    segments: { k: segments.model.k, curve: segments.curve, stability, profiles: segments.model.names.map((n, c) => ({ id: segments.model.ids[c]!, code: n.code, zh: n.zh, en: n.en, size: segments.fit.sizes[c]! })) },
    ...(counts === undefined ? {} : { target: risk === undefined ? { ...counts, skipped: 'risk_unlabelled' as const, minLabelledRows } : { ...counts, ...risk.report, intervals: heldOutRiskIntervals(risk, target!, stageContext(ctx, 'intervals').rng.fork('risk')) } }),
    warnings,
  };
  const artifact = risk?.model.toArtifact();
  const files = new Map<string, Uint8Array | string>([
    ['table-encoder.json', stableJson(encoder.toJSON())],
    ['scaler.json', stableJson(scaler.toJSON())],
    ['segments.json', stableJson(segments.model.toJSON())],
    ...(artifact === undefined ? [] : [[RISK_MODEL_FILE, stableJson(artifact.spec)], ['risk-weights.bin', artifact.weights]] as const),
    ['drift-reference.json', stableJson(drift)],
    ['report.json', stableJson(report)],
    ...heldOutFile(matrix.clientIds, { risk: risk?.testRows }),
  ]);
  const bundle = await writeBundle(options.modelDir, {
    bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, name: report.model.name,
    createdAt: bundleCreatedAt(undefined),
    seed: options.seed, asOf: null, backend, featureCatalogueVersion: FEATURE_TABLE_CATALOGUE, features: [...matrix.names],
    labelSets: target === undefined ? {} : { [target.column]: risk === undefined ? [] : [...target.classes] },
    inputFingerprints: { features: await fileFingerprint(options.featuresPath) },
    packageVersions: packageVersions(),
    build: buildInfo(),
    ...heldOutEntry({ risk: risk?.testRows }),
    params: {
      input: 'feature-table', idColumn: options.idColumn, ...(options.target === undefined ? {} : { target: options.target }), exclude: [...(options.exclude ?? [])],
      levels: options.levels ?? DEFAULT_LEVEL_RULE, allowIdLike: [...(options.allowIdLike ?? [])].sort(), minLabelledRows,
      segments: params.segments, classifier: params.classifier, binaryThreshold: options.threshold ?? DEFAULT_THRESHOLD_RULE, diagnostics: options.diagnostics !== false,
    },
    metrics: risk === undefined ? {} : { macroF1: risk.report.test.macroF1, baselineMacroF1: risk.report.test.baseline.macroF1, ...(risk.report.rocAuc !== undefined ? { rocAuc: risk.report.rocAuc } : {}) },
  }, files);
  risk?.model.dispose();
  return { ...bundle, report };
}

/** One warning per categorical column with pooled levels: `high_cardinality` past 50 levels. */
function pooledLevelWarnings(encoder: TableEncoder): TrainingWarning[] {
  return encoder.spec.categorical.filter((c) => (c.pooledLevels ?? 0) > 0).map((c) => {
    const distinct = c.vocabulary.length + c.pooledLevels!;
    return {
      code: distinct > HIGH_CARDINALITY ? 'high_cardinality' : 'levels_pooled',
      message: `${c.name}: ${c.pooledLevels} of its ${distinct} levels have fewer than ${c.minCount} rows and are pooled (${c.pooledRows} rows, encoded as no level; never a reason); ${c.vocabulary.length} levels kept`,
    };
  });
}
