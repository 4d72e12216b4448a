import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes.js';
import type { PipelineErrorCode } from '../../src/core/errors.js';

describe('exit codes', () => {
  it('gives every error code its own documented status', () => {
    const codes: PipelineErrorCode[] = ['config_invalid', 'input_missing', 'input_invalid', 'reject_gate',
      'model_not_found', 'model_incompatible', 'stage_failed', 'gate_failed', 'store_failed', 'shard_failed'];
    const statuses = codes.map(exitCodeFor);
    expect(new Set(statuses).size).toBe(codes.length);
    expect(statuses).not.toContain(EXIT.ok);
    expect(statuses).not.toContain(EXIT.internal);
    expect(exitCodeFor('reject_gate')).toBe(5);
    expect(exitCodeFor('store_failed')).toBe(11);
    expect(exitCodeFor('shard_failed')).toBe(12);
  });
});
