import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ClassifierParamsSchema, type ClassifierParams, type ResolvedClassifierParams } from '../classify/classifier-params.js';
import { NeedsParamsSchema, type NeedsParams, type ResolvedNeedsParams } from '../classify/needs-params.js';
import { parseParams } from '../classify/training-params.js';
import { PipelineError } from '../core/errors.js';
import { DEFAULT_NEED_RULES, NeedRulesSchema, type NeedRule } from '../core/needs.js';
import { SegmentParamsSchema, type SegmentParams } from '../segment/fit-segments.js';

/**
 * One file of model parameters (`train --params FILE`, a pipeline's `params`): the library's own
 * schemas for each group, so the file takes exactly what the library does, and the need rules.
 * Every group is optional; a missing field takes the default in docs/params.md. Unknown keys fail.
 */
export const ModelParamsSchema = z.strictObject({
  /** Behavioural segments (k, k range, restarts, features, …): SegmentParamsSchema. */
  segments: SegmentParamsSchema.optional(),
  /** The risk classifier (or a feature table's target): ClassifierParamsSchema. */
  classifier: ClassifierParamsSchema.optional(),
  /** The needs model: NeedsParamsSchema. */
  needs: NeedsParamsSchema.optional(),
  /** Which transactions count as taking up which need; replaces DEFAULT_NEED_RULES as a whole. */
  needRules: NeedRulesSchema.optional(),
});

/** Model parameters as written: each group as the user gave it, defaults not yet filled in. */
export interface ModelParams {
  readonly segments?: SegmentParams;
  readonly classifier?: ClassifierParams;
  readonly needs?: NeedsParams;
  readonly needRules?: readonly NeedRule[];
}

/**
 * Validates parsed JSON as model parameters; anything the schemas refuse (a misspelt key
 * included) is `config_invalid` naming `where` and each issue's path. Returns the input as
 * written, so defaults are filled in (and recorded) by the fit that uses them.
 *
 * @example
 * const params = parseModelParams({ segments: { k: 6 }, classifier: { hiddenUnits: [64] } }, 'params.json');
 */
export function parseModelParams(json: unknown, where: string): ModelParams {
  const parsed = ModelParamsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
    throw new PipelineError('config_invalid', `${where} has invalid model parameters; fix them (docs/params.md lists every key): ${issues}`,
      { where, issues: parsed.error.issues });
  }
  return json as ModelParams;
}

/**
 * Reads and validates a params file; an unreadable file or bad JSON is `config_invalid` too.
 *
 * @example
 * const params = await loadModelParams('params/bank-a.json');
 */
export async function loadModelParams(file: string): Promise<ModelParams> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PipelineError('config_invalid', `cannot read params file ${file}: check the path`, { file }, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new PipelineError('config_invalid', `params file ${file} is not valid JSON (${(err as Error).message}): fix the syntax`, { file }, { cause: err });
  }
  return parseModelParams(json, `params file ${file}`);
}

/** Model parameters with every default filled in: what the fits ran with, as the manifest records it. */
export interface ResolvedModelParams {
  readonly segments: z.output<typeof SegmentParamsSchema>;
  readonly classifier: ResolvedClassifierParams;
  readonly needs: ResolvedNeedsParams;
  readonly needRules: readonly NeedRule[];
}

/**
 * Fills in every default (and validates, for library callers who skip parseModelParams);
 * `segmentDefaults` are the caller's own defaults under the user's values (a feature table
 * turns relevance rounds off). Throws `config_invalid`.
 *
 * @example
 * resolveModelParams({ segments: { k: 5 } }).segments.restarts; // 10
 */
export function resolveModelParams(params: ModelParams, segmentDefaults: SegmentParams = {}): ResolvedModelParams {
  return {
    segments: parseParams(SegmentParamsSchema, { ...segmentDefaults, ...params.segments }, 'segment params'),
    classifier: parseParams(ClassifierParamsSchema, params.classifier, 'classifier params'),
    needs: parseParams(NeedsParamsSchema, params.needs, 'needs params'),
    needRules: params.needRules === undefined ? DEFAULT_NEED_RULES : parseParams(NeedRulesSchema, params.needRules, 'need rules'),
  };
}
