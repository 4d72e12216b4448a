import path from 'node:path';
import { initBackend } from '../classify/init-backend.js';
import type { ClassifierParams } from '../classify/classifier-params.js';
import type { ThresholdRule } from '../classify/decision-threshold.js';
import type { NeedsParams } from '../classify/needs-params.js';
import { selectValues } from '../classify/select-rows.js';
import { createContext, stageContext } from '../core/context.js';
import { NEEDS } from '../core/contract.js';
import { formatDay, type DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import { DEFAULT_SEGMENT_COLUMNS, SEGMENT_NAME_COLUMNS, segmentBlockOf } from '../features/default-segment-columns.js';
import { FEATURE_CATALOGUE_VERSION, FEATURE_LABELS, FEATURE_NAMES } from '../features/feature-catalogue.js';
import { ASSET_TIERS } from '../fuse/asset-tier.js';
import { clientGroups } from '../fuse/client-groups.js';
import { LIFECYCLE_STAGES } from '../fuse/lifecycle-stage.js';
import { DEFAULT_RULES, type RulesConfig } from '../fuse/rules-config.js';
import type { NeedRule } from '../core/needs.js';
import { resolveModelParams } from '../pipeline/model-params.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import { buildDriftReference } from '../monitor/drift-reference.js';
import { silhouette } from '../monitor/silhouette.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import { bundleCreatedAt } from '../registry/created-at.js';
import { BUNDLE_SCHEMA_VERSION } from '../registry/manifest-schema.js';
import { packageVersions } from '../registry/package-versions.js';
import { buildInfo } from '../registry/build-info.js';
import { DEFAULT_THRESHOLD_RULE } from '../classify/decision-threshold.js';
import { heldOutEntry, heldOutFile } from './held-out-ids.js';
import { stableJson } from '../registry/stable-json.js';
import { writeBundle, type WrittenBundle } from '../registry/write-bundle.js';
import { renderModelCard } from '../report/model-card.js';
import { renderTrainingReport } from '../report/training-report-html.js';
import type { TrainingReport, TrainingWarning } from '../report/training-report.js';
import { fitScaler } from '../segment/fit-scaler.js';
import { fitSegments, type SegmentParams } from '../segment/fit-segments.js';
import { pickColumns } from '../segment/pick-columns.js';
import { buildLabelledFeatures } from './build-labelled-features.js';
import { clientCategories } from './client-categories.js';
import { heldOutRiskIntervals, needAucIntervals } from './held-out-intervals.js';
import { MIN_LABELLED_ROWS, MIN_NEED_TAKE_UPS, needTakeUps, needsUnlabelled, riskUnlabelled } from './label-sufficiency.js';
import { NEEDS_MODEL_FILE, RISK_MODEL_FILE } from './load-model.js';
import { loadPreviousSegments } from './load-previous-segments.js';
import { segmentIdentity, type SegmentIdentity } from '../segment/segment-identity.js';
import { fitDaviesBouldin, segmentMix, segmentReliability, segmentStability } from './segment-diagnostics.js';
import { trainNeeds } from './train-needs.js';
import { trainRisk } from './train-risk.js';
import { checkTargetColumn, trainingTarget } from './training-target.js';
import { needsSlices, riskSlices } from './training-slices.js';

export interface TrainOptions {
  clientsPath: string;
  transactionsPath: string;
  mapping?: Mapping;
  /** Accounts file linking account_id to client_id (transactions then carry account_id); see docs/ingest.md. */
  accountsPath?: string;
  /** Reject rows with unmapped code values instead of only counting them; default false. */
  strictCodes?: boolean;
  asOf: DayNumber;
  /** models/NAME: versions are written below it. */
  modelDir: string;
  /** The only source of randomness; same data + same seed → the same bundle bytes. */
  seed: number | string;
  /** Default { k: 'auto' } over 3–10. */
  segments?: SegmentParams;
  /**
   * Client column the risk classifier learns; default 'declared_risk'. One named here must be in
   * the clients file's header (checked before ingest); the default may be absent or empty, and the
   * classifier is then skipped (`risk_unlabelled`).
   */
  target?: string;
  /** Fewer usable labels than this (or one class) skip the risk classifier with `risk_unlabelled`; default 50. */
  minLabelledRows?: number;
  /** Days after as-of whose take-ups are the needs labels; default 90. */
  horizonDays?: number;
  /** Default 12. */
  windowMonths?: number;
  rules?: RulesConfig;
  classifier?: ClassifierParams;
  /** Binary targets: how the decision threshold is chosen on validation rows; default best F1 (docs/decisions.md). */
  threshold?: ThresholdRule;
  /** The risk section's baseline, permutation importance and partial dependence; default true (docs/decisions.md). */
  diagnostics?: boolean;
  needs?: NeedsParams;
  /** Which transactions count as taking up which need; default DEFAULT_NEED_RULES (docs/params.md). */
  needRules?: readonly NeedRule[];
  /**
   * The measured fit of each network trains on a seeded sample of at most this many rows (default
   * 20,000); the shipped network is then refitted on every row for the same compute (docs/decisions.md).
   */
  maxTrainRows?: number;
  rejectsPath: string;
  rejectGate?: number;
  log?: Logger;
  progress?: Progress;
}

export interface TrainResult extends WrittenBundle {
  readonly report: TrainingReport;
  /**
   * Each segment id against the champion the ids were aligned to; absent for a model's first
   * version. Kept out of the bundle: the same data and seed give the same bundle whichever
   * champion sat in the folder (docs/decisions.md, "Segment identity across model versions").
   */
  readonly segmentIdentity?: TrainingSegmentIdentity;
}

export type TrainingSegmentIdentity = SegmentIdentity & { readonly previousVersion: string };

/**
 * Trains a model version: features and needs labels in one pass over the inputs, the scaler,
 * the behavioural segments, the risk classifier and the needs model, then writes a verified,
 * content-addressed bundle with its drift reference, model card and training report.
 *
 * @example
 * const { version } = await train({ clientsPath, transactionsPath, asOf, modelDir: 'models/retail', seed: 7, rejectsPath });
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const log = options.log ?? silentLogger();
  const ctx = createContext(options.seed, log);
  const rules = options.rules ?? DEFAULT_RULES;
  const horizonDays = options.horizonDays ?? 90;
  const windowMonths = options.windowMonths ?? 12;
  // Every default filled in before ingest: a bad value fails in milliseconds, and the manifest records what the fits ran with.
  const params = resolveModelParams(options);
  if (options.target !== undefined) await checkTargetColumn(options.target, options.clientsPath, options.mapping?.clients);
  // A misspelt --segment-features fails before ingest, not after minutes of it.
  const unknownSegmentFeatures = (options.segments?.features ?? []).filter((f) => !(FEATURE_NAMES as readonly string[]).includes(f));
  if (unknownSegmentFeatures.length > 0) {
    throw new PipelineError('config_invalid', `segment features ${unknownSegmentFeatures.join(', ')} are not in the feature catalogue; name features from docs/features.md`, { unknown: unknownSegmentFeatures });
  }
  const backend = await initBackend('auto', log);

  const built = await buildLabelledFeatures({ ...options, horizonDays, windowMonths, needRules: params.needRules, log });
  const { matrix, needLabels } = built;
  const clients = built.ingest.clients;

  const scaler = fitScaler(matrix);
  const z = scaler.transform(matrix);
  const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
  const previous = await loadPreviousSegments(options.modelDir, log);
  const segmentsCtx = stageContext(ctx, 'segments');
  const fitted = fitSegments(z, matrix.rows, matrix.names, params.segments, segmentsCtx.rng, {
    previous: previous?.segments, labels: FEATURE_LABELS, log: segmentsCtx.log, blockOf: segmentBlockOf,
    defaultColumns: DEFAULT_SEGMENT_COLUMNS, nameColumns: SEGMENT_NAME_COLUMNS,
  });
  const { data: xs, columns } = fitted;
  const segCols = fitted.model.features.length;
  log.info({ k: fitted.model.k, aligned: fitted.aligned, features: segCols, constant: columns.constant, duplicates: columns.duplicates.length }, 'segments fitted');
  const k = fitted.model.k;
  const stability = segmentStability(xs, matrix.rows, segCols, fitted.fit, fitted.model.ids, segmentsCtx.rng.fork('stability'));
  const segments = { ...fitted, model: fitted.model.withReliability(segmentReliability(stability)) };
  const assignment = segments.model.assign(pickColumns(z, matrix.rows, matrix.cols, segments.model.features.map((f) => matrix.names.indexOf(f))), matrix.rows);
  const qualitySample = segmentsCtx.rng.fork('quality-sample').permutation(matrix.rows).subarray(0, Math.min(5000, matrix.rows));
  const quality = {
    inertia: segments.fit.inertia,
    silhouette: segments.fit.sizes.filter((n) => n > 0).length >= 2 ? silhouette(xs, matrix.rows, segCols, segments.fit.labels, qualitySample) : Number.NaN,
    daviesBouldin: fitDaviesBouldin(xs, matrix.rows, segCols, segments.fit),
  };
  log.info({ meanAri: stability.restarts.meanAri, unreliable: stability.bootstrap.perSegment.filter((s) => s.verdict === 'unreliable').map((s) => s.id) }, 'segment stability measured');
  const groups = clientGroups(clients, matrix, options.asOf, rules);
  const tierMix = segmentMix(assignment.index, k, groups.tier, ASSET_TIERS);
  const lifecycleMix = segmentMix(assignment.index, k, groups.lifecycle, LIFECYCLE_STAGES);

  const target = trainingTarget(options.target ?? 'declared_risk', clients, options.asOf, rules.suitability.assessmentMaxAgeDays);
  const maxTrainRows = options.maxTrainRows ?? 20_000;
  // Without enough labels a part is skipped with a warning, never the whole run (docs/decisions.md).
  const warnings: TrainingWarning[] = [];
  const minLabelledRows = options.minLabelledRows ?? MIN_LABELLED_ROWS;
  const riskWhyNot = riskUnlabelled(target, minLabelledRows);
  if (riskWhyNot !== undefined) warnings.push({ code: 'risk_unlabelled', message: riskWhyNot });
  const risk = riskWhyNot === undefined ? await trainRisk(x, target, params.classifier, stageContext(ctx, 'risk'), maxTrainRows, { threshold: options.threshold, diagnostics: options.diagnostics, unscale: scaler }) : undefined;
  const takeUps = needTakeUps(needLabels);
  const needsWhyNot = needsUnlabelled(takeUps);
  if (needsWhyNot !== undefined) warnings.push({ code: 'needs_unlabelled', message: needsWhyNot });
  const needs = needsWhyNot === undefined ? await trainNeeds(x, needLabels, params.needs, stageContext(ctx, 'needs'), maxTrainRows) : undefined;
  for (const w of warnings) log.warn({ code: w.code }, w.message);

  const drift = buildDriftReference(matrix, {
    segmentIds: assignment.ids, riskClass: risk?.predicted ?? new Int32Array(0), riskClasses: risk === undefined ? [] : target.classes,
    needs: needs?.predicted ?? new Uint8Array(0), needNames: needs === undefined ? [] : NEEDS,
  }, clientCategories(clients, matrix, options.asOf, rules));
  const report: TrainingReport = {
    model: { name: path.basename(path.resolve(options.modelDir)), asOf: formatDay(options.asOf), seed: options.seed, backend, featureCatalogueVersion: FEATURE_CATALOGUE_VERSION },
    data: {
      clients: built.ingest.clientCounts, ...(built.ingest.accountCounts ? { accounts: built.ingest.accountCounts } : {}),
      transactions: built.ingest.transactionCounts, windowMonths, horizonDays,
    },
    segments: {
      k: segments.model.k, chosenBy: options.segments?.k === undefined || options.segments.k === 'auto' ? 'silhouette' : 'fixed',
      aligned: segments.aligned, curve: segments.curve, quality, stability,
      profiles: segments.model.names.map((name, c) => ({
        id: segments.model.ids[c]!, code: name.code, zh: name.zh, en: name.en, description: name.description,
        size: segments.fit.sizes[c]!, topFeatures: name.topFeatures, tierMix: tierMix[c]!, lifecycleMix: lifecycleMix[c]!,
      })),
      centroids: segments.model.names.map((_, c) => Array.from(segments.model.centroids.subarray(c * segCols, (c + 1) * segCols))),
      features: [...segments.model.features],
      columns: { weights: Array.from(segments.model.weights), blocks: [...columns.blocks], constant: [...columns.constant], duplicates: [...columns.duplicates] },
    },
    risk: risk === undefined
      ? { target: target.column, classes: target.classes, labelled: target.labelled, stale: target.stale, missing: target.missing, skipped: 'risk_unlabelled', minLabelledRows }
      : {
        target: target.column, classes: target.classes, labelled: target.labelled, stale: target.stale, missing: target.missing, ...risk.report,
        slices: riskSlices(target.y, risk.proba, target.classes, risk.testRows, groups),
        intervals: heldOutRiskIntervals(risk, target, stageContext(ctx, 'intervals').rng.fork('risk')),
      },
    needs: needs === undefined
      ? { skipped: 'needs_unlabelled', takeUps, minTakeUps: MIN_NEED_TAKE_UPS }
      : {
        ...needs.report, slices: needsSlices(needLabels.labels, needs.proba, NEEDS, needs.testRows, groups),
        aucIntervals: needAucIntervals(selectValues(needLabels.labels, NEEDS.length, needs.testRows), selectValues(needs.proba, NEEDS.length, needs.testRows), NEEDS, stageContext(ctx, 'intervals').rng.fork('needs')),
      },
    warnings,
  };

  const riskArtifact = risk?.model.toArtifact();
  const needsArtifact = needs?.model.toArtifact();
  const files = new Map<string, Uint8Array | string>([
    ['scaler.json', stableJson(scaler.toJSON())],
    ['segments.json', stableJson(segments.model.toJSON())],
    ...(riskArtifact === undefined ? [] : [[RISK_MODEL_FILE, stableJson(riskArtifact.spec)], ['risk-weights.bin', riskArtifact.weights]] as const),
    ...(needsArtifact === undefined ? [] : [[NEEDS_MODEL_FILE, stableJson(needsArtifact.spec)], ['needs-weights.bin', needsArtifact.weights]] as const),
    ['decision.json', stableJson({ needThresholds: needs === undefined ? {} : Object.fromEntries(NEEDS.map((n, j) => [n, needs.thresholds[j]!])), rules })],
    ['drift-reference.json', stableJson(drift)],
    ['report.json', stableJson(report)],
    ['report.html', renderTrainingReport(report)],
    ['model-card.md', renderModelCard(report, params)],
    ...heldOutFile(matrix.clientIds, { risk: risk?.testRows, needs: needs?.testRows }),
  ]);
  const bundle = await writeBundle(options.modelDir, {
    bundleSchemaVersion: BUNDLE_SCHEMA_VERSION,
    name: report.model.name,
    createdAt: bundleCreatedAt(formatDay(options.asOf)),
    seed: options.seed,
    asOf: formatDay(options.asOf),
    backend,
    featureCatalogueVersion: FEATURE_CATALOGUE_VERSION,
    features: [...matrix.names],
    labelSets: { risk: risk === undefined ? [] : [...target.classes], needs: needs === undefined ? [] : [...NEEDS] },
    inputFingerprints: {
      clients: await fileFingerprint(options.clientsPath),
      transactions: await fileFingerprint(options.transactionsPath),
    },
    packageVersions: packageVersions(),
    build: buildInfo(),
    ...heldOutEntry({ risk: risk?.testRows, needs: needs?.testRows }),
    params: {
      segments: params.segments, target: target.column, horizonDays, windowMonths, maxTrainRows, minLabelledRows,
      classifier: params.classifier, binaryThreshold: options.threshold ?? DEFAULT_THRESHOLD_RULE, diagnostics: options.diagnostics !== false,
      needs: params.needs, needRules: params.needRules,
    },
    metrics: keyMetrics(report),
  }, files);
  risk?.model.dispose();
  needs?.model.dispose();
  log.info({ version: bundle.version, created: bundle.created }, 'model bundle written');
  const identity = previous === undefined ? undefined : { previousVersion: previous.version, ...segmentIdentity(previous, { segments: segments.model, scaler }) };
  if (identity !== undefined && identity.flagged.length > 0) {
    log.warn({ code: 'segment_ids_changed', champion: identity.previousVersion, ids: identity.flagged }, 'segment ids changed meaning or name against the champion');
  }
  return { ...bundle, report, ...(identity === undefined ? {} : { segmentIdentity: identity }) };
}

/** The figures a registry or a promotion pipeline reads from the manifest without opening the report. */
function keyMetrics(r: TrainingReport): Record<string, unknown> {
  const s = r.segments;
  return {
    segments: {
      k: s.k, silhouette: s.quality.silhouette, daviesBouldin: s.quality.daviesBouldin, inertia: s.quality.inertia,
      restartAri: s.stability.restarts.meanAri,
      minJaccard: Math.min(...s.stability.bootstrap.perSegment.map((p) => p.jaccard)),
      unreliable: s.stability.bootstrap.perSegment.filter((p) => p.verdict === 'unreliable').map((p) => p.id),
    },
    // A skipped part has null metrics: a promotion gate on them then says why (risk_unlabelled).
    risk: r.risk.skipped !== undefined ? null : {
      macroF1: r.risk.test.macroF1, balancedAccuracy: r.risk.test.balancedAccuracy, accuracy: r.risk.test.accuracy,
      logLoss: r.risk.logLoss, ece: r.risk.calibration.ece, miscalibrated: r.risk.calibration.miscalibrated,
      baselineMacroF1: r.risk.test.baseline.macroF1, baselineBalancedAccuracy: r.risk.test.baseline.balancedAccuracy, baselineLogLoss: r.risk.baselineLogLoss,
    },
    needs: r.needs.skipped !== undefined ? null : Object.fromEntries(r.needs.perNeed.map((m) => [m.need, { auc: m.auc, precisionAtTopDecile: m.precisionAtTopDecile }])),
  };
}
