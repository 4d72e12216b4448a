import { PipelineError } from '../core/errors.js';

/**
 * The report is the last thing written, after the run is stored: the run stays completed (its
 * scores are visible and correct), and the command still fails with the output code so a
 * scheduler notices the missing file. The same command again writes the files and adds nothing
 * to the store (docs/decisions.md, "A report that cannot be written").
 */
export function reportAfterStoredRun(err: unknown): unknown {
  if (!(err instanceof PipelineError) || err.code !== 'output_failed') return err;
  return new PipelineError('output_failed', `${err.message}. The run itself is stored and complete; run the same command again once the report can be written (the store gets nothing new)`, err.details, { cause: err });
}
