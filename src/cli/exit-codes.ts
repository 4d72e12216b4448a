import type { PipelineErrorCode } from '../core/errors.js';
import { assertNever } from '../core/errors.js';

/**
 * Exit statuses a scheduler can act on. Documented in the README; never renumber one, add new
 * codes at the end.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputMissing: 3,
  inputInvalid: 4,
  rejectGate: 5,
  modelNotFound: 6,
  modelIncompatible: 7,
  stageFailed: 8,
  gateFailed: 9,
  /** `--fail-on watch|alert` and the run's drift verdict reached it (the run itself is stored). */
  driftGate: 10,
  storeFailed: 11,
  shardFailed: 12,
  /** An output file could not be written (disk full, I/O error, no permission): nothing half-written is left under its name. */
  outputFailed: 13,
} as const;

export function exitCodeFor(code: PipelineErrorCode): number {
  switch (code) {
    case 'config_invalid': return EXIT.usage;
    case 'input_missing': return EXIT.inputMissing;
    case 'input_invalid': return EXIT.inputInvalid;
    case 'reject_gate': return EXIT.rejectGate;
    case 'model_not_found': return EXIT.modelNotFound;
    case 'model_incompatible': return EXIT.modelIncompatible;
    case 'stage_failed': return EXIT.stageFailed;
    case 'gate_failed': return EXIT.gateFailed;
    case 'store_failed': return EXIT.storeFailed;
    case 'shard_failed': return EXIT.shardFailed;
    case 'output_failed': return EXIT.outputFailed;
    default: return assertNever(code, 'error code');
  }
}
