import type { Pipeline } from '../pipeline/pipeline-schema.js';
import { runRetrainPipeline, type RetrainPipelineResult } from './run-retrain-pipeline.js';
import { runScorePipeline, type PipelineRunOptions, type ScorePipelineResult } from './run-score-pipeline.js';

export type PipelineResult = ScorePipelineResult | RetrainPipelineResult;

/**
 * Runs a validated pipeline of either kind.
 *
 * @example
 * const result = await runPipeline(await loadPipeline('pipelines/nightly-score.json'));
 */
export function runPipeline(pipeline: Pipeline, options: PipelineRunOptions = {}): Promise<PipelineResult> {
  return pipeline.kind === 'score' ? runScorePipeline(pipeline, options) : runRetrainPipeline(pipeline, options);
}
