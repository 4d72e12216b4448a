import { parseThresholdRule } from '../classify/decision-threshold.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { formatDay } from '../core/days.js';
import { silentLogger } from '../core/logger.js';
import { evaluatePromotionGates, type GateResult } from '../pipeline/evaluate-promotion-gates.js';
import { pipelineIngestExtras, pipelineMapping } from '../pipeline/pipeline-mapping.js';
import { pipelineModelParams } from '../pipeline/pipeline-model-params.js';
import type { RetrainPipeline } from '../pipeline/pipeline-schema.js';
import { resolveAsOf } from '../pipeline/resolve-as-of.js';
import { promote, readAliases } from '../registry/aliases.js';
import { readBundle } from '../registry/read-bundle.js';
import { stableJson } from '../registry/stable-json.js';
import { openStore } from '../store/open-store.js';
import type { PipelineRunOptions } from './run-score-pipeline.js';
import { train } from './train.js';
import { writeTextAtomically } from '../core/write-lines-atomically.js';

export type RetrainOutcome =
  /** The model had no champion: the first version became it. */
  | 'first_champion'
  /** Training gave the champion's own bundle (same data and seed): nothing to compare. */
  | 'unchanged'
  /** Every gate passed and the challenger is now the champion. */
  | 'promoted'
  /** A gate failed: the challenger stays challenger. */
  | 'refused'
  /** Every gate passed, but the pipeline says promote: false. */
  | 'passed_not_promoted';

export interface RetrainPipelineResult {
  readonly kind: 'retrain';
  readonly outcome: RetrainOutcome;
  readonly modelDir: string;
  readonly challenger: string;
  /** The champion the challenger was compared with (before any promotion). */
  readonly champion: string | null;
  readonly gates: readonly GateResult[];
  readonly outputDir: string;
  /** Segment ids whose meaning or name changed against the champion (a retrain that made a new version). */
  readonly segmentIdsChanged?: readonly number[];
}

/**
 * The monthly job: trains a challenger on the pipeline's inputs, compares its manifest metrics
 * with the champion's against the configured gates, and promotes it only when every gate passes.
 * Promotions and refusals go to the store's audit log; retrain-report.json goes to the output folder.
 *
 * @example
 * const result = await runRetrainPipeline(await loadPipeline('pipelines/monthly-retrain.json'));
 */
export async function runRetrainPipeline(pipeline: RetrainPipeline, options: PipelineRunOptions = {}): Promise<RetrainPipelineResult> {
  const log = options.log ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? 'scheduler';
  const asOf = resolveAsOf(pipeline.asOf, now());
  const outputDir = pipeline.output ?? path.join('out', pipeline.name);
  const modelDir = pipeline.model.name;
  const mapping = await pipelineMapping(pipeline.inputs, pipeline.name);
  const params = await pipelineModelParams(pipeline);
  const store = await openStore(options.store ?? pipeline.store.url);
  try {
    const before = (await readAliases(modelDir)).champion;
    const trained = await train({
      clientsPath: pipeline.inputs.clients.path, transactionsPath: pipeline.inputs.transactions.path, mapping, asOf,
      ...pipelineIngestExtras(pipeline.inputs),
      modelDir, seed: pipeline.model.seed, ...params, horizonDays: pipeline.inputs.horizonDays,
      windowMonths: pipeline.inputs.windowMonths, rejectsPath: path.join(outputDir, 'rejects.csv'), rejectGate: pipeline.inputs.rejectGate,
      log, progress: options.progress, ...(pipeline.model.threshold === undefined ? {} : { threshold: parseThresholdRule(pipeline.model.threshold) }),
    });
    const challenger = trained.version;
    let outcome: RetrainOutcome;
    let gates: GateResult[] = [];
    if (before === undefined) {
      outcome = 'first_champion';
    } else if (before === challenger) {
      outcome = 'unchanged';
    } else {
      await promote(modelDir, challenger, 'challenger');
      await store.audit({ actor, action: 'challenger_trained', details: { pipeline: pipeline.name, model: modelDir, version: challenger, asOf: formatDay(asOf) } }, now());
      const [c, champ] = [await readBundle(path.join(modelDir, challenger)), await readBundle(path.join(modelDir, before))];
      gates = evaluatePromotionGates(pipeline.gates, withIdsChanged(c.manifest.metrics, trained.segmentIdentity?.flagged.length), champ.manifest.metrics);
      const passed = gates.every((g) => g.passed);
      outcome = !passed ? 'refused' : pipeline.promote ? 'promoted' : 'passed_not_promoted';
      if (outcome === 'promoted') await promote(modelDir, challenger, 'champion');
    }
    if (outcome === 'promoted' || outcome === 'first_champion') {
      await store.audit({ actor, action: 'model_promoted', details: { pipeline: pipeline.name, model: modelDir, version: challenger, replaced: before ?? null, gates } }, now());
    } else if (outcome === 'refused') {
      await store.audit({ actor, action: 'promotion_refused', details: { pipeline: pipeline.name, model: modelDir, version: challenger, champion: before ?? null, gates } }, now());
    }
    log.info({ outcome, challenger, champion: before ?? null }, 'retrain finished');
    const result: RetrainPipelineResult = {
      kind: 'retrain', outcome, modelDir, challenger, champion: before ?? null, gates, outputDir,
      ...(trained.segmentIdentity === undefined || outcome === 'unchanged' ? {} : { segmentIdsChanged: trained.segmentIdentity.flagged }),
    };
    await mkdir(outputDir, { recursive: true });
    await writeTextAtomically(path.join(outputDir, 'retrain-report.json'), stableJson({ pipeline: pipeline.name, asOf: formatDay(asOf), ...result }), 'retrain report');
    return result;
  } finally {
    await store.close();
  }
}

/**
 * The challenger's metrics with `segments.idsChanged`: its segment ids that changed meaning or
 * name against the champion it aligned to. Known only at training, not stored in the bundle, so a
 * gate on it reads it from here.
 */
function withIdsChanged(metrics: Record<string, unknown>, idsChanged: number | undefined): Record<string, unknown> {
  if (idsChanged === undefined) return metrics;
  const segments = (metrics['segments'] ?? {}) as Record<string, unknown>;
  return { ...metrics, segments: { ...segments, idsChanged } };
}
