import { PipelineError } from '../core/errors.js';
import { loadModelParams, parseModelParams, type ModelParams } from './model-params.js';
import type { RetrainPipeline } from './pipeline-schema.js';

/**
 * A retrain pipeline's model parameters: its `params` file or inline block, with `model.k` and
 * `model.segmentFeatures` laid over the segments. The same setting given both ways in one
 * pipeline is refused (`config_invalid`) rather than one silently winning.
 *
 * @example
 * const params = await pipelineModelParams(pipeline);
 */
export async function pipelineModelParams(pipeline: RetrainPipeline): Promise<ModelParams> {
  const where = `pipeline ${pipeline.name}`;
  const base = pipeline.params === undefined ? {}
    : typeof pipeline.params === 'string' ? await loadModelParams(pipeline.params) : parseModelParams(pipeline.params, `${where} (params)`);
  const shorthand = {
    ...(pipeline.model.k === undefined ? {} : { k: pipeline.model.k }),
    ...(pipeline.model.segmentFeatures === undefined ? {} : { features: pipeline.model.segmentFeatures }),
  };
  const twice = Object.keys(shorthand).filter((key) => base.segments !== undefined && key in base.segments);
  if (twice.length > 0) {
    const names = twice.map((key) => `model.${key === 'features' ? 'segmentFeatures' : key} and params.segments.${key}`);
    throw new PipelineError('config_invalid', `${where} sets ${names.join(', ')}: keep one of each`, { pipeline: pipeline.name, keys: twice });
  }
  return { ...base, segments: { ...base.segments, ...shorthand } };
}
