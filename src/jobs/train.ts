import path from 'node:path';
import { initBackend } from '../classify/init-backend.js';
import type { ClassifierParams } from '../classify/classifier-params.js';
import type { NeedsParams } from '../classify/needs-params.js';
import { createContext, stageContext } from '../core/context.js';
import { NEEDS } from '../core/contract.js';
import { formatDay, type DayNumber } from '../core/days.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import { FEATURE_CATALOGUE, FEATURE_CATALOGUE_VERSION, FEATURE_LABELS } from '../features/feature-catalogue.js';
import { ASSET_TIERS } from '../fuse/asset-tier.js';
import { clientGroups } from '../fuse/client-groups.js';
import { LIFECYCLE_STAGES } from '../fuse/lifecycle-stage.js';
import { DEFAULT_RULES, type RulesConfig } from '../fuse/rules-config.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import { buildDriftReference } from '../monitor/drift-reference.js';
import { silhouette } from '../monitor/silhouette.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import { bundleCreatedAt } from '../registry/created-at.js';
import { BUNDLE_SCHEMA_VERSION } from '../registry/manifest-schema.js';
import { packageVersions } from '../registry/package-versions.js';
import { stableJson } from '../registry/stable-json.js';
import { writeBundle, type WrittenBundle } from '../registry/write-bundle.js';
import { renderModelCard } from '../report/model-card.js';
import { renderTrainingReport } from '../report/training-report-html.js';
import type { TrainingReport } from '../report/training-report.js';
import { fitScaler } from '../segment/fit-scaler.js';
import { fitSegments, type SegmentParams } from '../segment/fit-segments.js';
import { pickColumns } from '../segment/pick-columns.js';
import { buildLabelledFeatures } from './build-labelled-features.js';
import { clientCategories } from './client-categories.js';
import { loadPreviousSegments } from './load-previous-segments.js';
import { fitDaviesBouldin, segmentMix, segmentStability } from './segment-diagnostics.js';
import { trainNeeds } from './train-needs.js';
import { trainRisk } from './train-risk.js';
import { trainingTarget } from './training-target.js';
import { needsSlices, riskSlices } from './training-slices.js';

export interface TrainOptions {
  clientsPath: string;
  transactionsPath: string;
  mapping?: Mapping;
  asOf: DayNumber;
  /** models/NAME: versions are written below it. */
  modelDir: string;
  /** The only source of randomness; same data + same seed → the same bundle bytes. */
  seed: number | string;
  /** Default { k: 'auto' } over 3–10. */
  segments?: SegmentParams;
  /** Client column the risk classifier learns; default 'declared_risk'. */
  target?: string;
  /** Days after as-of whose take-ups are the needs labels; default 90. */
  horizonDays?: number;
  /** Default 12. */
  windowMonths?: number;
  rules?: RulesConfig;
  classifier?: ClassifierParams;
  needs?: NeedsParams;
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
}

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
  const backend = await initBackend('auto', log);

  const built = await buildLabelledFeatures({ ...options, horizonDays, windowMonths, log });
  const { matrix, needLabels } = built;
  const clients = built.ingest.clients;

  const scaler = fitScaler(matrix);
  const z = scaler.transform(matrix);
  const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
  const behaviour = FEATURE_CATALOGUE.filter((f) => f.group === 'behaviour').map((f) => f.name);
  const zb = pickColumns(z, matrix.rows, matrix.cols, behaviour.map((name) => matrix.names.indexOf(name)));

  const previous = await loadPreviousSegments(options.modelDir, log);
  const segmentsCtx = stageContext(ctx, 'segments');
  const segments = fitSegments(zb, matrix.rows, behaviour, options.segments ?? {}, segmentsCtx.rng,
    { previous, labels: FEATURE_LABELS, log: segmentsCtx.log });
  const assignment = segments.model.assign(zb, matrix.rows);
  log.info({ k: segments.model.k, aligned: segments.aligned }, 'segments fitted');
  const k = segments.model.k;
  const stability = segmentStability(zb, matrix.rows, behaviour.length, segments.fit, segments.model.ids, segmentsCtx.rng.fork('stability'));
  const qualitySample = segmentsCtx.rng.fork('quality-sample').permutation(matrix.rows).subarray(0, Math.min(5000, matrix.rows));
  const quality = {
    inertia: segments.fit.inertia,
    silhouette: segments.fit.sizes.filter((n) => n > 0).length >= 2 ? silhouette(zb, matrix.rows, behaviour.length, segments.fit.labels, qualitySample) : Number.NaN,
    daviesBouldin: fitDaviesBouldin(zb, matrix.rows, behaviour.length, segments.fit),
  };
  log.info({ meanAri: stability.restarts.meanAri, unreliable: stability.bootstrap.perSegment.filter((s) => s.verdict === 'unreliable').map((s) => s.id) }, 'segment stability measured');
  const groups = clientGroups(clients, matrix, options.asOf, rules);
  const tierMix = segmentMix(assignment.index, k, groups.tier, ASSET_TIERS);
  const lifecycleMix = segmentMix(assignment.index, k, groups.lifecycle, LIFECYCLE_STAGES);

  const target = trainingTarget(options.target ?? 'declared_risk', clients, options.asOf, rules.suitability.assessmentMaxAgeDays);
  const maxTrainRows = options.maxTrainRows ?? 20_000;
  const risk = await trainRisk(x, target, options.classifier, stageContext(ctx, 'risk'), maxTrainRows);
  const needs = await trainNeeds(x, needLabels, options.needs, stageContext(ctx, 'needs'), maxTrainRows);

  const drift = buildDriftReference(matrix, {
    segmentIds: assignment.ids, riskClass: risk.predicted, riskClasses: target.classes,
    needs: needs.predicted, needNames: NEEDS,
  }, clientCategories(clients, matrix, options.asOf, rules));
  const report: TrainingReport = {
    model: { name: path.basename(path.resolve(options.modelDir)), asOf: formatDay(options.asOf), seed: options.seed, backend, featureCatalogueVersion: FEATURE_CATALOGUE_VERSION },
    data: { clients: built.ingest.clientCounts, transactions: built.ingest.transactionCounts, windowMonths, horizonDays },
    segments: {
      k: segments.model.k, chosenBy: options.segments?.k === undefined || options.segments.k === 'auto' ? 'silhouette' : 'fixed',
      aligned: segments.aligned, curve: segments.curve, quality, stability,
      profiles: segments.model.names.map((name, c) => ({
        id: segments.model.ids[c]!, code: name.code, zh: name.zh, en: name.en, description: name.description,
        size: segments.fit.sizes[c]!, topFeatures: name.topFeatures, tierMix: tierMix[c]!, lifecycleMix: lifecycleMix[c]!,
      })),
      centroids: segments.model.names.map((_, c) => Array.from(segments.model.centroids.subarray(c * behaviour.length, (c + 1) * behaviour.length))),
      features: behaviour,
    },
    risk: {
      target: target.column, classes: target.classes, labelled: target.labelled, stale: target.stale, missing: target.missing, ...risk.report,
      slices: riskSlices(target.y, risk.proba, target.classes, risk.testRows, groups),
    },
    needs: { ...needs.report, slices: needsSlices(needLabels.labels, needs.proba, NEEDS, needs.testRows, groups) },
  };

  const riskArtifact = risk.model.toArtifact();
  const needsArtifact = needs.model.toArtifact();
  const files = new Map<string, Uint8Array | string>([
    ['scaler.json', stableJson(scaler.toJSON())],
    ['segments.json', stableJson(segments.model.toJSON())],
    ['risk-model.json', stableJson(riskArtifact.spec)],
    ['risk-weights.bin', riskArtifact.weights],
    ['needs-model.json', stableJson(needsArtifact.spec)],
    ['needs-weights.bin', needsArtifact.weights],
    ['decision.json', stableJson({ needThresholds: Object.fromEntries(NEEDS.map((n, j) => [n, needs.thresholds[j]!])), rules })],
    ['drift-reference.json', stableJson(drift)],
    ['report.json', stableJson(report)],
    ['report.html', renderTrainingReport(report)],
    ['model-card.md', renderModelCard(report)],
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
    labelSets: { risk: [...target.classes], needs: [...NEEDS] },
    inputFingerprints: {
      clients: await fileFingerprint(options.clientsPath),
      transactions: await fileFingerprint(options.transactionsPath),
    },
    packageVersions: packageVersions(),
    params: { segments: options.segments ?? {}, target: target.column, horizonDays, windowMonths, maxTrainRows, classifier: options.classifier ?? {}, needs: options.needs ?? {} },
    metrics: keyMetrics(report),
  }, files);
  risk.model.dispose();
  needs.model.dispose();
  log.info({ version: bundle.version, created: bundle.created }, 'model bundle written');
  return { ...bundle, report };
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
    risk: {
      macroF1: r.risk.test.macroF1, balancedAccuracy: r.risk.test.balancedAccuracy, accuracy: r.risk.test.accuracy,
      logLoss: r.risk.logLoss, ece: r.risk.calibration.ece, miscalibrated: r.risk.calibration.miscalibrated,
      baselineMacroF1: r.risk.test.baseline.macroF1, baselineBalancedAccuracy: r.risk.test.baseline.balancedAccuracy, baselineLogLoss: r.risk.baselineLogLoss,
    },
    needs: Object.fromEntries(r.needs.perNeed.map((m) => [m.need, { auc: m.auc, precisionAtTopDecile: m.precisionAtTopDecile }])),
  };
}
