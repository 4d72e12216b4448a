import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';

/** How a large transactions CSV is read on worker threads (docs/ingest.md "Performance"). */
export interface ParallelOptions {
  /** Worker threads that parse and check rows; 0 reads on the calling thread only. Default: 2, or 1 on a one-core machine. */
  workers?: number;
  /** Files smaller than this are read on the calling thread: each worker compiles and warms up its own copy of the hot code, which smaller files did not repay on the shared 2-core machine (docs/ingest.md); default 256 MiB. */
  minBytes?: number;
  /** Bytes per work unit handed to a worker; default 4 MiB. */
  rangeBytes?: number;
  /** Work units read ahead of the one being consumed, which bounds the memory held in results; default workers + 2. */
  window?: number;
}

const ParallelOptionsSchema = z.strictObject({
  workers: z.int().min(0).max(64).optional(),
  minBytes: z.int().min(0).optional(),
  rangeBytes: z.int().min(1).max(1 << 30).optional(),
  window: z.int().min(1).max(1024).optional(),
});

/**
 * The options with every default filled in; values out of range are 'config_invalid'.
 *
 * @example
 * resolveParallelOptions({ workers: 0 }); // { workers: 0, minBytes: 268435456, rangeBytes: 4194304, window: 2 }
 */
export function resolveParallelOptions(options: ParallelOptions | undefined): Required<ParallelOptions> {
  const parsed = ParallelOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `Fix the parallel read options: ${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ')}`, { issues: parsed.error.issues });
  }
  const workers = parsed.data.workers ?? Math.min(2, Math.max(1, availableParallelism()));
  return {
    workers,
    minBytes: parsed.data.minBytes ?? 256 << 20,
    rangeBytes: parsed.data.rangeBytes ?? 4 << 20,
    window: parsed.data.window ?? workers + 2,
  };
}
