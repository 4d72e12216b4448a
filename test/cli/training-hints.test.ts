import { describe, expect, it } from 'vitest';
import { trainingHint } from '../../src/cli/training-hints.js';
import { PipelineError } from '../../src/core/errors.js';

describe('trainingHint', () => {
  it('speaks of --k when k selection has too few clients', () => {
    const err = trainingHint(new PipelineError('input_invalid', 'cannot try k up to 10 with 5 rows; lower kMax or supply more clients', { kMax: 10, rows: 5 }));
    expect(err).toMatchObject({ code: 'input_invalid', details: { kMax: 10, rows: 5 } });
    expect((err as Error).message).toBe('only 5 clients were accepted for training, too few for --k auto (it tries up to 10 segments): train on more clients (hundreds at least), or fix the number of segments with --k N below 5');
    expect((err as Error).message).not.toMatch(/kMax/);
  });

  it('speaks of the transactions and the as-of date when the features do not separate', () => {
    const err = trainingHint(new PipelineError('input_invalid', 'silhouette needs points from at least 2 clusters', { clusters: 1, points: 2000 }));
    expect((err as Error).message).toMatch(/^the 2000 clients' behaviour features are all alike/);
  });

  it('leaves every other error as it is', () => {
    const other = new PipelineError('stage_failed', 'one class', { rows: 5, kMax: 10 });
    expect(trainingHint(other)).toBe(other);
    const bug = new TypeError('x');
    expect(trainingHint(bug)).toBe(bug);
  });
});
