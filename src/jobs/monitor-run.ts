import { parseIsoDay, type DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable } from '../core/records.js';
import { ASSET_TIERS } from '../fuse/asset-tier.js';
import type { ScoredColumns } from '../fuse/scored-columns.js';
import { readPreviousScores } from '../ingest/read-previous-scores.js';
import { PipelineError } from '../core/errors.js';
import { compareDrift, type DriftReport } from '../monitor/compare-drift.js';
import { unknownDriftNames, type DriftSettings } from '../monitor/drift-settings.js';
import { countDrift, type DriftCounts, type PredictionCounts } from '../monitor/drift-counts.js';
import { migrationBetween, type Migration } from '../monitor/migration-matrix.js';
import { realisedAccuracyOfConfusion, realisedConfusion, type RealisedAccuracy } from '../monitor/realised-accuracy.js';
import type { Manifest } from '../registry/manifest-schema.js';
import { chooseDriftReference, type PastRunCounts } from './choose-drift-reference.js';
import { clientCategories } from './client-categories.js';
import { segmentIdBasis } from './segment-id-basis.js';
import type { LoadedModel } from './load-model.js';

/**
 * Refuses drift settings that name a feature or column the model does not measure: a misspelt
 * exclusion would otherwise leave the alert it was meant to silence, or silence nothing.
 */
export function checkDriftSettings(model: Pick<LoadedModel, 'driftReference'>, settings: DriftSettings | undefined): void {
  const reference = model.driftReference;
  if (settings === undefined || reference === undefined) return;
  const known = [...reference.features.map((f) => f.name), ...Object.keys(reference.categories), 'behaviour_segment', 'risk_segment'];
  const unknown = unknownDriftNames(settings, known);
  if (unknown.length > 0) {
    throw new PipelineError('config_invalid', `drift settings name ${unknown.join(', ')}, which the model does not measure; use a feature of the model's catalogue (docs/features.md), asset_tier, declared_risk, lifecycle_stage, marital_status, behaviour_segment or risk_segment`, { unknown });
  }
}

/** Realised-accuracy counts of a run or a shard: additive, like the drift counts. */
export interface RealisedCounts {
  /** The risk classes the confusion's indices refer to. */
  readonly classes: readonly string[];
  /** confusion[t][p]: fresh labels of class t predicted as p. */
  readonly confusion: number[][];
}

/** What the nightly job needs to know beyond the scores: has the client base moved, and how. */
export interface RunMonitoring {
  /** This run's counts on the reference's edges: additive, for shards and the results store. */
  readonly counts: DriftCounts;
  readonly drift: DriftReport;
  /** Against `previousScoresPath`, when given. */
  readonly migration?: Migration & { readonly previous: { readonly asOf?: string; readonly modelVersion?: string } };
  /** On questionnaires assessed after the model's training as-of, when there are any. */
  readonly accuracy?: RealisedAccuracy & { readonly training: Readonly<Record<string, unknown>> };
}

/** How a run's drift is judged: the settings, and the earlier runs a seasonal or pooled reference is chosen from. */
export interface RunDriftOptions {
  readonly settings?: DriftSettings;
  /** Earlier runs' counts (from the store, or drift.json files); only read for a seasonal or pooled reference. */
  readonly history?: readonly PastRunCounts[];
}

/**
 * Drift against the model's reference (or the earlier runs the settings choose), migration
 * against the previous run, and realised accuracy on fresh labels, for one scored run.
 */
export async function monitorRun(
  model: LoadedModel & { readonly driftReference: NonNullable<LoadedModel['driftReference']> },
  matrix: FeatureMatrix, clients: ClientTable, scored: ScoredColumns, asOf: DayNumber, previousScoresPath?: string, driftOptions: RunDriftOptions = {},
): Promise<RunMonitoring> {
  const counts = runDriftCounts(model, matrix, clients, scored, asOf);
  const reference = chooseDriftReference(model.driftReference, driftOptions.settings?.reference, asOf, driftOptions.history ?? []);
  const drift = compareDrift(reference.counts, counts, driftOptions.settings, reference.source);
  const predictedRisk = Array.from(scored.riskClass, (c) => model.riskClasses[c] ?? '');
  const subjects = predictedRisk.map((riskSegment, i) => ({ clientId: clients.ids[i]!, behaviourSegment: scored.segmentId[i]!, riskSegment, assetTier: ASSET_TIERS[scored.tier[i]!]! }));
  let migration: RunMonitoring['migration'];
  if (previousScoresPath !== undefined) {
    const previous = await readPreviousScores(previousScoresPath);
    const ids = await segmentIdBasis(model, previous.modelVersion);
    migration = { ...migrationBetween(previous.subjects, subjects, ids), previous: { asOf: previous.asOf, modelVersion: previous.modelVersion } };
  }
  return { counts, drift, migration, accuracy: accuracyOfRun(model.manifest, runRealisedCounts(model, clients, scored, asOf)) };
}

/**
 * One run's (or one shard's) confusion on fresh questionnaires: those assessed after the model's
 * training as-of and no later than this run's. Null when the model does not predict declared
 * risk, so has nothing to be checked against.
 */
export function runRealisedCounts(model: LoadedModel, clients: ClientTable, scored: ScoredColumns, asOf: DayNumber): RealisedCounts | null {
  const trainedAsOf = parseIsoDay(model.manifest.asOf ?? '');
  if (trainedAsOf === undefined || model.manifest.params['target'] !== 'declared_risk' || model.risk === undefined) return null;
  const classes = model.riskClasses;
  const predicted = Array.from(scored.riskClass, (c) => classes[c]!);
  return { classes, confusion: realisedConfusion({ declared: clients.declaredRisk, assessedOn: clients.riskAssessedOn, predicted, classes, trainedAsOf, asOf }) };
}

/** The realised accuracy section of drift.json, beside the model's training figures; undefined without fresh labels. */
export function accuracyOfRun(manifest: Manifest, realised: RealisedCounts | null): RunMonitoring['accuracy'] {
  const accuracy = realised === null ? undefined : realisedAccuracyOfConfusion(realised.confusion, realised.classes);
  if (accuracy === undefined) return undefined;
  const training = (manifest.metrics['risk'] ?? {}) as Record<string, unknown>;
  return { ...accuracy, training: { ...training, asOf: manifest.asOf } };
}

/**
 * One run's (or one shard's) additive drift counts on the model's reference: features, client
 * columns and the model's predictions. Shards' counts merged equal one pass over all clients.
 */
export function runDriftCounts(
  model: LoadedModel & { readonly driftReference: NonNullable<LoadedModel['driftReference']> },
  matrix: FeatureMatrix, clients: ClientTable, scored: ScoredColumns, asOf: DayNumber,
): DriftCounts {
  return countDrift(matrix, model.driftReference.features, clientCategories(clients, matrix, asOf, model.rules), predictionsOf(model, scored));
}

/** A model without a risk classifier (or needs model) counts no risk classes (or needs): its mix is empty on both sides. */
function predictionsOf(model: LoadedModel, scored: ScoredColumns): PredictionCounts {
  const needNames = model.needs?.needs ?? [];
  const k = needNames.length;
  const needs = new Uint8Array(scored.rows * k);
  for (let i = 0; i < needs.length; i++) needs[i] = scored.needProba[i]! >= model.needThresholds[i % k]! ? 1 : 0;
  return {
    segmentIds: scored.segmentId,
    riskClass: model.risk === undefined ? new Int32Array(0) : Int32Array.from(scored.riskClass),
    riskClasses: model.riskClasses,
    needs,
    needNames,
  };
}
