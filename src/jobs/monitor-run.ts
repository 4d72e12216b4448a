import { formatDay, parseIsoDay, type DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable } from '../core/records.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import { readPreviousScores } from '../ingest/read-previous-scores.js';
import { compareDrift, type DriftReport } from '../monitor/compare-drift.js';
import { countDrift, type DriftCounts, type PredictionCounts } from '../monitor/drift-counts.js';
import { migrationBetween, type Migration } from '../monitor/migration-matrix.js';
import { realisedAccuracy, type RealisedAccuracy } from '../monitor/realised-accuracy.js';
import { clientCategories } from './client-categories.js';
import type { LoadedModel } from './load-model.js';

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

/**
 * Drift against the model's reference, migration against the previous run, and realised
 * accuracy on fresh labels, for one scored run.
 */
export async function monitorRun(
  model: LoadedModel & { readonly driftReference: NonNullable<LoadedModel['driftReference']> },
  matrix: FeatureMatrix, clients: ClientTable, profiles: readonly ClientProfile[], asOf: DayNumber, previousScoresPath?: string,
): Promise<RunMonitoring> {
  const counts = countDrift(matrix, model.driftReference.features, clientCategories(clients, matrix, asOf, model.rules), predictionsOf(model, profiles));
  const drift = compareDrift(model.driftReference, counts);
  const subjects = profiles.map((p) => ({ clientId: p.clientId, behaviourSegment: p.behaviourSegment, riskSegment: p.riskSegment, assetTier: p.assetTier }));
  let migration: RunMonitoring['migration'];
  if (previousScoresPath !== undefined) {
    const previous = await readPreviousScores(previousScoresPath);
    migration = { ...migrationBetween(previous.subjects, subjects), previous: { asOf: previous.asOf, modelVersion: previous.modelVersion } };
  }
  const trainedAsOf = parseIsoDay(model.manifest.asOf ?? '');
  const isRiskModel = model.manifest.params['target'] === 'declared_risk';
  const realised = trainedAsOf === undefined || !isRiskModel ? undefined : realisedAccuracy({
    declared: clients.declaredRisk, assessedOn: clients.riskAssessedOn, predicted: profiles.map((p) => p.riskSegment),
    classes: model.risk.classes, trainedAsOf, asOf,
  });
  const training = (model.manifest.metrics['risk'] ?? {}) as Record<string, unknown>;
  return {
    counts, drift, migration,
    accuracy: realised === undefined ? undefined : { ...realised, training: { ...training, asOf: model.manifest.asOf ?? formatDay(trainedAsOf!) } },
  };
}

function predictionsOf(model: LoadedModel, profiles: readonly ClientProfile[]): PredictionCounts {
  const k = model.needs.needs.length;
  const needs = new Uint8Array(profiles.length * k);
  profiles.forEach((p, i) => p.needPropensities.forEach((v, j) => { needs[i * k + j] = v >= model.needThresholds[j]! ? 1 : 0; }));
  return {
    segmentIds: Int32Array.from(profiles, (p) => p.behaviourSegment),
    riskClass: Int32Array.from(profiles, (p) => model.risk.classes.indexOf(p.riskSegment)),
    riskClasses: model.risk.classes,
    needs,
    needNames: model.needs.needs,
  };
}
