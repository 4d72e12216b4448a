/** Every failure a user can cause or meet, told apart by `code` (zod-style), never by class. */
export type PipelineErrorCode =
  | 'config_invalid'
  | 'input_missing'
  | 'input_invalid'
  | 'reject_gate'
  | 'model_not_found'
  | 'model_incompatible'
  | 'stage_failed'
  | 'gate_failed'
  | 'store_failed'
  | 'shard_failed'
  | 'output_failed';

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
