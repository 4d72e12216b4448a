import { fileURLToPath } from 'node:url';
import type { TrainOptions } from '../../src/index.js';

/**
 * Training settings for tests about plumbing rather than model quality (compare's verdicts, runs,
 * pipelines, reports): a fixed k, one ensemble member, no search, no training-report diagnostics.
 * A 3,000-client fit takes about a third of the default's time. The quality tests
 * (test/jobs/model-quality.test.ts, `npm run bench -- quality`) keep every default.
 */
export const QUICK_TRAINING = {
  segments: { k: 7 },
  classifier: { search: 'off', members: 1 },
  needs: { search: 'off', members: 1 },
  diagnostics: false,
} as const satisfies Partial<TrainOptions>;

/** The classifier and needs settings and no diagnostics as `clientseg train` arguments (give `--k` too). */
export const QUICK_TRAINING_ARGS: readonly string[] = [
  '--no-diagnostics', '--params', fileURLToPath(new URL('../fixtures/quick-params.json', import.meta.url)),
];
