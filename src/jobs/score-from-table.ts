import { initBackend } from '../classify/init-backend.js';
import { RiskClassifier } from '../classify/risk-classifier.js';
import { PipelineError } from '../core/errors.js';
import { csvField, writeLinesAtomically } from '../core/write-lines-atomically.js';
import { tableEncoderFromJSON } from '../features/table-encoder.js';
import { readFeatureTable, type FeatureTable } from '../ingest/read-feature-table.js';
import { readBundle } from '../registry/read-bundle.js';
import { resolveModelRef } from '../registry/resolve-model-ref.js';
import { scalerFromJSON } from '../segment/fit-scaler.js';
import { pickColumns } from '../segment/pick-columns.js';
import { segmentModelFromJSON } from '../segment/segment-model.js';
import { RISK_MODEL_FILE } from './load-model.js';
import { fullProbability, type ProbabilityFormat } from '../fuse/probability-format.js';
import { FEATURE_TABLE_CATALOGUE } from './train-from-table.js';

export interface ScoreFromTableOptions {
  model: string;
  featuresPath: string;
  idColumn: string;
  outPath: string;
  rejectsPath: string;
  /** scores.csv probabilities: 4 decimals ('rounded', default) or every digit of the model's float32 ('full'). */
  probabilities?: ProbabilityFormat;
}

export interface TableScoreResult {
  readonly modelVersion: string;
  readonly rows: number;
  readonly table: FeatureTable;
}

/**
 * Scores a feature table with a model trained on one: segment, predicted class with calibrated
 * probabilities, and reasons. A segmentation-only bundle (no classifier) gives the segment, its
 * reasons and `flags` (`risk_unlabelled` when its target had too few labels). Tiers, life-cycle and needs are not in such a model, and their
 * columns are not written.
 *
 * @example
 * await scoreFromTable({ model: 'models/churn', featuresPath: 'f.csv', idColumn: 'id', outPath: 'scores.csv', rejectsPath: 'r.csv' });
 */
export async function scoreFromTable(options: ScoreFromTableOptions): Promise<TableScoreResult> {
  const bundle = await readBundle(await resolveModelRef(options.model));
  if (bundle.manifest.featureCatalogueVersion !== FEATURE_TABLE_CATALOGUE) {
    throw new PipelineError('model_incompatible', `model ${bundle.dir} was trained on clients and transactions, not a feature table; score it with --clients and --transactions`);
  }
  await initBackend('auto');
  const table = await readFeatureTable(options.featuresPath, options.idColumn, options.rejectsPath);
  const matrix = tableEncoderFromJSON(bundle.json('table-encoder.json')).transform(table.ids, table.columns);
  const z = scalerFromJSON(bundle.json('scaler.json')).transform(matrix);
  const segments = segmentModelFromJSON(bundle.json('segments.json'));
  const zs = pickColumns(z, matrix.rows, matrix.cols, segments.features.map((f) => matrix.names.indexOf(f)));
  const assignment = segments.assign(zs, matrix.rows);
  if (!(RISK_MODEL_FILE in bundle.manifest.files)) {
    // Segmentation only: trained without --target, or skipped for want of labels (then flagged).
    const flag = typeof bundle.manifest.params.target === 'string' ? 'risk_unlabelled' : '';
    await writeLinesAtomically(options.outPath, (function* lines(): Generator<string> {
      yield ['client_id', 'model_version', 'behaviour_segment', 'behaviour_segment_name', 'reasons', 'flags'].join(',');
      for (let i = 0; i < matrix.rows; i++) {
        yield [csvField(table.ids[i]!), bundle.version, String(assignment.ids[i]), csvField(segments.nameOf(assignment.ids[i]!).zh),
          segments.reasons(zs, i, assignment).map((r) => r.code).join(';'), flag].join(',');
      }
    })(), 'scores file');
    return { modelVersion: bundle.version, rows: matrix.rows, table };
  }
  const model = await RiskClassifier.fromArtifact({ spec: bundle.json(RISK_MODEL_FILE), weights: bundle.file('risk-weights.bin') });
  try {
    const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
    const proba = model.predictProba(x);
    const predicted = model.predictClass(x);
    const reasons = model.reasonCodes(x, 4);
    const target = String(bundle.manifest.params.target);
    const c = model.classes.length;
    const text = options.probabilities === 'full' ? fullProbability : (p: number) => p.toFixed(4);
    function* lines(): Generator<string> {
      yield ['client_id', 'model_version', 'behaviour_segment', 'behaviour_segment_name', `predicted_${target}`, ...model.classes.map((k) => `p_${k}`), 'reasons'].map(csvField).join(',');
      for (let i = 0; i < matrix.rows; i++) {
        yield [
          csvField(table.ids[i]!), bundle.version, String(assignment.ids[i]), csvField(segments.nameOf(assignment.ids[i]!).zh), csvField(model.classes[predicted[i]!]!),
          ...Array.from(proba.subarray(i * c, (i + 1) * c), text),
          [...segments.reasons(zs, i, assignment).map((r) => r.code), ...reasons[i]!].join(';'),
        ].join(',');
      }
    }
    await writeLinesAtomically(options.outPath, lines(), 'scores file');
    return { modelVersion: bundle.version, rows: matrix.rows, table };
  } finally {
    model.dispose();
  }
}
