/** Every failure a user can cause or meet, told apart by `code` (zod-style), never by class. */
export const PIPELINE_ERROR_CODES = [
  'config_invalid',
  'input_missing',
  'input_invalid',
  'reject_gate',
  'model_not_found',
  'model_incompatible',
  'stage_failed',
  'gate_failed',
  'store_failed',
  'shard_failed',
  'output_failed',
] as const;

export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function isPipelineError(err: unknown): err is PipelineError {
  return err instanceof PipelineError;
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${String(x)}`);
}
