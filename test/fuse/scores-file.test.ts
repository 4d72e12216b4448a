import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoresFile } from '../../src/fuse/scores-file.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-scores-file-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('ScoresFile', () => {
  it('appears whole on commit, in a folder it creates', async () => {
    const target = path.join(dir, 'new', 'scores.csv');
    const file = await ScoresFile.open(target, 'a,b');
    await file.write(Buffer.from('1,2\n'));
    await file.write(Buffer.from('3,4\n'));
    expect(await readdir(path.dirname(target))).not.toContain('scores.csv');
    await file.commit();
    expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n3,4\n');
    expect(await readdir(path.dirname(target))).toStrictEqual(['scores.csv']);
  });

  it('leaves nothing behind when aborted, and an old file untouched', async () => {
    const target = path.join(dir, 'kept.csv');
    await writeFile(target, 'old\n');
    const file = await ScoresFile.open(target, 'a,b');
    await file.write(Buffer.from('half'));
    await file.abort();
    expect(await readFile(target, 'utf8')).toBe('old\n');
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toStrictEqual([]);
  });

  it('names an unwritable target as an output failure (exit 13)', async () => {
    const blocker = path.join(dir, 'blocker');
    await writeFile(blocker, 'a file, not a folder');
    await expect(ScoresFile.open(path.join(blocker, 'scores.csv'), 'a')).rejects.toMatchObject({ code: 'output_failed' });
  });
});
