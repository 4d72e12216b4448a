import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';
import { Rng } from '../../src/core/rng.js';
import { writeFeaturesCsv } from '../../src/features/write-features-csv.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'clientseg-features-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('writeFeaturesCsv', () => {
  it('writes a small matrix byte for byte', async () => {
    const matrix: FeatureMatrix = {
      names: ['recency_days', 'share_fund', 'log_aum', 'net_flow_ratio'],
      clientIds: ['C001', 'x,"y"'],
      rows: 2,
      cols: 4,
      values: Float64Array.from([3, 0.1, -0, Number.NaN, 1 / 3, 1e21, 1e-7, -2.5]),
    };
    const path = join(dir, 'features.csv');
    await writeFeaturesCsv(matrix, path);
    expect(await readFile(path, 'utf8')).toBe(
      'client_id,recency_days,share_fund,log_aum,net_flow_ratio\n' +
      'C001,3,0.1,0,\n' +
      '"x,""y""",0.3333333333333333,1e+21,1e-7,-2.5\n',
    );
    expect(await readdir(dir)).toEqual(['features.csv']);
  });

  it('streams many rows in chunks and reads back to the same doubles', async () => {
    const rng = new Rng('write-features-csv');
    const rows = 10_001;
    const cols = 3;
    const values = Float64Array.from({ length: rows * cols }, () => rng.logNormal(100, 3) * (rng.bernoulli(0.5) ? 1 : -1));
    const clientIds = Array.from({ length: rows }, (_, i) => `C${i}`);
    const path = join(dir, 'many.csv');
    await writeFeaturesCsv({ names: ['a', 'b', 'c'], clientIds, rows, cols, values }, path);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.length).toBe(rows + 2); // header, rows, and the empty string after the last \n
    expect(lines.at(-1)).toBe('');
    const back = new Float64Array(rows * cols);
    lines.slice(1, -1).forEach((line, i) => {
      const fields = line.split(',');
      expect(fields[0]).toBe(`C${i}`);
      for (let j = 0; j < cols; j++) back[i * cols + j] = Number(fields[j + 1]);
    });
    expect(back).toStrictEqual(values);
  });

  it('creates a missing folder, and refuses one that cannot exist with output_failed (exit 13), leaving nothing behind', async () => {
    const matrix: FeatureMatrix = { names: ['a'], clientIds: ['C1'], rows: 1, cols: 1, values: Float64Array.of(1) };
    await writeFeaturesCsv(matrix, join(dir, 'new', 'features.csv'));
    expect(await readdir(join(dir, 'new'))).toEqual(['features.csv']);
    await expect(writeFeaturesCsv(matrix, join(dir, 'new', 'features.csv', 'inside.csv')))
      .rejects.toMatchObject({ code: 'output_failed' });
    expect(await readdir(join(dir, 'new'))).toEqual(['features.csv']);
  });
});
