import { z } from 'zod';
import { initBackend } from '../classify/init-backend.js';
import { NeedsModel } from '../classify/needs-model.js';
import { RiskClassifier } from '../classify/risk-classifier.js';
import { NEEDS } from '../core/contract.js';
import { DEFAULT_NEED_RULES, NeedRulesSchema, type NeedRule } from '../core/needs.js';
import { PipelineError } from '../core/errors.js';
import { FEATURE_CATALOGUE_VERSION, FEATURE_NAMES } from '../features/feature-catalogue.js';
import { RulesConfigSchema, type RulesConfig } from '../fuse/rules-config.js';
import { parseDriftReference, type DriftReference } from '../monitor/drift-reference.js';
import type { Manifest } from '../registry/manifest-schema.js';
import { readBundle } from '../registry/read-bundle.js';
import { resolveModelRef } from '../registry/resolve-model-ref.js';
import { scalerFromJSON, type Scaler } from '../segment/fit-scaler.js';
import { segmentModelFromJSON, type SegmentModel } from '../segment/segment-model.js';
import { predictRows, type PredictInput, type Predictions } from './predict-rows.js';

export const RISK_MODEL_FILE = 'risk-model.json';
export const NEEDS_MODEL_FILE = 'needs-model.json';

const DecisionSchema = z.strictObject({ needThresholds: z.record(z.string(), z.number()), rules: RulesConfigSchema });

/** A verified bundle, ready to score. */
export interface LoadedModel {
  readonly dir: string;
  readonly version: string;
  readonly manifest: Manifest;
  readonly scaler: Scaler;
  readonly segments: SegmentModel;
  /** Undefined when training had too few labels for a classifier (`risk_unlabelled`). */
  readonly risk: RiskClassifier | undefined;
  /** The risk model's classes; empty without a risk model. */
  readonly riskClasses: readonly string[];
  /** Undefined when no client took up a need in the training horizon (`needs_unlabelled`). */
  readonly needs: NeedsModel | undefined;
  /** Per need in NEEDS order; 1 (never reached) without a needs model. */
  readonly needThresholds: readonly number[];
  readonly rules: RulesConfig;
  /** The need rules its needs labels were made with (DEFAULT_NEED_RULES for bundles that predate them). */
  readonly needRules: readonly NeedRule[];
  /** Undefined for a bundle whose drift reference predates this version's format: retrain to monitor it. */
  readonly driftReference: DriftReference | undefined;
  /**
   * Segments, risk and needs probabilities for raw feature rows, in memory (docs/library.md):
   * the numbers scores.csv holds, unrounded. See predictRows.
   */
  predict(rows: PredictInput): Predictions;
  dispose(): void;
}

/**
 * Resolves `--model` (bundle, model folder = champion, or `@alias`), verifies every hash, and
 * refuses a bundle built with another feature catalogue: its features would mean other things.
 *
 * @example
 * const model = await loadModel('models/sample');
 */
export async function loadModel(ref: string): Promise<LoadedModel> {
  const dir = await resolveModelRef(ref);
  // The backend scoring uses, so model.predict gives scores.csv's numbers to the last bit (a no-op once chosen).
  await initBackend('auto');
  const bundle = await readBundle(dir);
  const { manifest } = bundle;
  const sameFeatures = manifest.features.length === FEATURE_NAMES.length && manifest.features.every((f, j) => f === FEATURE_NAMES[j]);
  if (manifest.featureCatalogueVersion !== FEATURE_CATALOGUE_VERSION || !sameFeatures) {
    throw new PipelineError('model_incompatible',
      `model ${dir} was trained on feature catalogue ${manifest.featureCatalogueVersion}, this clientseg builds ${FEATURE_CATALOGUE_VERSION}; retrain the model or score with the clientseg version that trained it`,
      { dir, model: manifest.featureCatalogueVersion, code: FEATURE_CATALOGUE_VERSION });
  }
  const needRules = manifest.params.needRules === undefined ? { success: true as const, data: DEFAULT_NEED_RULES } : NeedRulesSchema.safeParse(manifest.params.needRules);
  if (!needRules.success) throw new PipelineError('model_incompatible', `the need rules in ${dir}'s manifest are not ones this version reads; retrain the model`);
  const decision = DecisionSchema.safeParse(bundle.json('decision.json'));
  if (!decision.success) throw new PipelineError('model_incompatible', `decision.json of ${dir} is not one this version reads; retrain the model`);
  // A bundle trained without usable labels has no network files (docs/decisions.md, "Training without labels").
  const has = (name: string): boolean => name in manifest.files;
  const risk = has(RISK_MODEL_FILE) ? await RiskClassifier.fromArtifact({ spec: bundle.json(RISK_MODEL_FILE), weights: bundle.file('risk-weights.bin') }) : undefined;
  const needs = has(NEEDS_MODEL_FILE) ? await NeedsModel.fromArtifact({ spec: bundle.json(NEEDS_MODEL_FILE), weights: bundle.file('needs-weights.bin') }) : undefined;
  const model: LoadedModel = {
    dir, version: bundle.version, manifest,
    scaler: scalerFromJSON(bundle.json('scaler.json')),
    segments: segmentModelFromJSON(bundle.json('segments.json')),
    risk, riskClasses: risk?.classes ?? [], needs,
    needThresholds: NEEDS.map((n) => (needs === undefined ? 1 : decision.data.needThresholds[n] ?? 1)),
    rules: decision.data.rules,
    needRules: needRules.data,
    driftReference: parseDriftReference(bundle.json('drift-reference.json')),
    predict: (rows) => predictRows(model, rows),
    dispose() { risk?.dispose(); needs?.dispose(); },
  };
  return model;
}
