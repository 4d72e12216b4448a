import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, generateClientBase, migrationBetween, score, segmentAgreement, train, type Migration } from '../../src/index.js';
import { readPreviousScores } from '../../src/ingest/read-previous-scores.js';

// One client base scored by two model versions: the ids differ (the second was trained with
// another k, in a folder of its own, so nothing aligned its ids), the clients do not.
const asOf = dayNumber(2026, 6, 30);
let dir: string;
let versions: { old: string; next: string };
const inputs = () => ({ clientsPath: path.join(dir, 'data', 'clients.csv'), transactionsPath: path.join(dir, 'data', 'transactions.csv'), rejectsPath: path.join(dir, 'rejects.csv'), asOf });
const models = () => path.join(dir, 'models', 'retail');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-migration-versions-'));
  await generateClientBase({ clients: 1200, seed: 41, outDir: path.join(dir, 'data') });
  const old = await train({ ...inputs(), modelDir: models(), seed: 1, segments: { k: 6 } });
  const next = await train({ ...inputs(), modelDir: path.join(dir, 'models', 'elsewhere'), seed: 2, segments: { k: 7 } });
  // The new version joins the model folder, where the old one still is.
  await cp(next.dir, path.join(models(), next.version), { recursive: true });
  versions = { old: old.version, next: next.version };
  await score({ ...inputs(), model: path.join(models(), old.version), outPath: path.join(dir, 'old.csv') });
}, 240_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('migration against scores from another model version', () => {
  let migration: Migration;
  let naive: Migration;
  beforeAll(async () => {
    const result = await score({ ...inputs(), model: path.join(models(), versions.next), outPath: path.join(dir, 'next.csv'), previousScoresPath: path.join(dir, 'old.csv') });
    migration = result.monitoring!.migration!;
    // The same two runs read by bare ids, as before model versions were checked.
    naive = migrationBetween((await readPreviousScores(path.join(dir, 'old.csv'))).subjects, (await readPreviousScores(path.join(dir, 'next.csv'))).subjects);
  }, 120_000);

  it('reads the old ids through the alignment, so a model change is not counted as clients moving', () => {
    expect(migration.segmentIds).toMatchObject({ basis: 'aligned', previousModel: versions.old, currentModel: versions.next });
    expect(migration.matched).toBe(1200);
    // The same clients on the same day: most keep their segment once the ids are mapped
    // (k 6 → 7 splits one segment, whose clients in the new half do move).
    expect(migration.behaviour.stayRate).toBeGreaterThan(0.75);
    expect(naive.behaviour.stayRate).toBeLessThan(migration.behaviour.stayRate - 0.3);
    // Risk and tier do not depend on segment ids.
    expect(migration.tier.counts).toStrictEqual(naive.tier.counts);
  });

  it('maps each old id to the new segment that took its clients', async () => {
    const ids = migration.segmentIds!;
    if (ids.basis !== 'aligned') throw new Error('expected an aligned basis');
    const before = (await readPreviousScores(path.join(dir, 'old.csv'))).subjects;
    const after = new Map((await readPreviousScores(path.join(dir, 'next.csv'))).subjects.map((s) => [s.clientId, s.behaviourSegment]));
    const overlap = segmentAgreement(Int32Array.from(before, (s) => s.behaviourSegment), Int32Array.from(before, (s) => after.get(s.clientId)!));
    const mapped = ids.mapping.filter((m) => m.to !== null);
    expect(mapped.length).toBeGreaterThanOrEqual(5);
    for (const m of mapped) expect(overlap.matches.find((o) => o.a === m.from)?.b).toBe(m.to);
  });

  it('says the ids are not comparable when the old version\'s bundle is not beside the new one', async () => {
    const text = await readFile(path.join(dir, 'old.csv'), 'utf8');
    await writeFile(path.join(dir, 'unknown.csv'), text.replaceAll(versions.old, 'ffffffffffff'));
    const result = await score({ ...inputs(), model: path.join(models(), versions.next), outPath: path.join(dir, 'again.csv'), previousScoresPath: path.join(dir, 'unknown.csv') });
    const m = result.monitoring!.migration!;
    expect(m.segmentIds).toMatchObject({ basis: 'not_comparable', previousModel: 'ffffffffffff' });
    expect(m.behaviour.counts).toStrictEqual([]);
    expect(m.behaviourUnmapped).toBe(1200);
    expect(m.tier.stayRate).toBe(1);
  }, 120_000);
});
