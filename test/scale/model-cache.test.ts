import { readFileSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/scale/model-cache.js';

const MODEL = path.resolve(import.meta.dirname, '..', '..', 'models', 'sample');
const VERSION = (JSON.parse(readFileSync(path.join(MODEL, 'aliases.json'), 'utf8')) as { champion: string }).champion;
const SAMPLE = path.join(MODEL, VERSION);
let dir: string;
let copy: string;
let tampered: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-cache-'));
  copy = path.join(dir, 'a', VERSION);
  tampered = path.join(dir, 'b', VERSION);
  await cp(SAMPLE, copy, { recursive: true });
  await cp(SAMPLE, tampered, { recursive: true });
  await appendFile(path.join(tampered, 'scaler.json'), ' ');
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('ModelCache', () => {
  it('loads a bundle once for the shards that share it and lets an idle one go for the next run\'s', async () => {
    const cache = new ModelCache(pino({ level: 'silent' }));
    const [first, second] = await Promise.all([cache.acquire(SAMPLE), cache.acquire(SAMPLE)]);
    expect(second).toBe(first);
    cache.release(SAMPLE);
    cache.release(SAMPLE);
    expect(await cache.acquire(SAMPLE)).toBe(first);
    cache.release(SAMPLE);
    const other = await cache.acquire(copy);
    expect(other.version).toBe(first.version);
    expect(other).not.toBe(first);
    cache.release(copy);
    expect(await cache.acquire(SAMPLE)).not.toBe(first);
    cache.release(SAMPLE);
    cache.dispose();
  });

  it('refuses an altered bundle, and loads it again next time rather than caching the failure', async () => {
    const cache = new ModelCache(pino({ level: 'silent' }));
    await expect(cache.acquire(tampered)).rejects.toMatchObject({ code: 'model_incompatible' });
    await expect(cache.acquire(tampered)).rejects.toMatchObject({ code: 'model_incompatible' });
    cache.dispose();
  });
});
