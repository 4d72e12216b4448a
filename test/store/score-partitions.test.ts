import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { openPostgresDriver } from '../../src/store/postgres-driver.js';
import { SCHEMA_MIGRATIONS } from '../../src/store/schema-migrations.js';
import { SCORE_COLUMNS, scoreValues } from '../../src/store/score-row-codec.js';
import { runIdOf } from '../../src/store/sql-store.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { PG_URL, testSchema } from './pg-schema.js';
import { at, counts, score, spec } from './score-fixtures.js';

const schema = testSchema('parts');
afterAll(() => schema.drop());

/** The store schema's tables and indexes named after a run, as PostgreSQL lists them. */
async function objectsOf(runId: string): Promise<{ tables: string[]; indexes: string[] }> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const tables = await client.query('SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE $2 ORDER BY 1', [schema.name, `%${runId}%`]);
    const indexes = await client.query('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename LIKE $2 ORDER BY 1', [schema.name, `%${runId}%`]);
    return { tables: tables.rows.map((r: { tablename: string }) => r.tablename), indexes: indexes.rows.map((r: { indexname: string }) => r.indexname) };
  } finally {
    await client.end();
  }
}

/** A run of May as schema 6 stored it, begun and last heard of at the given time. */
const insertRun = (status: string) => `INSERT INTO runs (id, run_key, pipeline, as_of, model_name, model_version, risk_classes, status, started_at, heartbeat_at, finished_at, attempts)
  VALUES (?, ?, 'nightly-score', '2026-05-31', 'sample', 'v', '["conservative","balanced","aggressive"]', '${status}', ?, ?, ${status === 'completed' ? '?' : 'NULL'}, 1)`;

describe('scores partitioned by run (PostgreSQL, schema 7)', () => {
  it('keeps the completed runs of a schema-6 store, drops the rows of runs not completed, and gives new runs partitions of their own', async () => {
    const where = parseStoreUrl(schema.url);
    if (where.engine !== 'postgres') throw new Error('a PostgreSQL URL');
    const old = await openPostgresDriver({ url: where.url, schema: where.schema });
    expect(await old.migrate(SCHEMA_MIGRATIONS.filter((m) => m.version <= 6))).toBe(6);
    const insertScore = `INSERT INTO scores (${SCORE_COLUMNS.join(', ')}) VALUES (${SCORE_COLUMNS.map(() => '?').join(', ')})`;
    await old.run(insertRun('completed'), ['2026-05-31-oldone0000', 'o'.repeat(64), at(0).toISOString(), at(0).toISOString(), at(0).toISOString()]);
    await old.run(insertRun('running'), ['2026-05-31-halfway000', 'h'.repeat(64), at(0).toISOString(), at(0).toISOString()]);
    for (const id of ['C1', 'C2', 'C3']) await old.run(insertScore, scoreValues('2026-05-31-oldone0000', score(id)));
    await old.run(insertScore, scoreValues('2026-05-31-halfway000', score('C1')));
    await old.close();

    const store = await openStore(schema.url);
    try {
      expect((await store.scoresOf('2026-05-31-oldone0000')).map((s) => s.clientId)).toEqual(['C1', 'C2', 'C3']);
      expect(await store.countScores('2026-05-31-halfway000')).toBe(0);
      expect((await store.clientHistory('C2')).map((h) => h.runId)).toEqual(['2026-05-31-oldone0000']);

      const { run } = await store.beginRun(spec(), at(1));
      expect(run.id).toBe(runIdOf(spec()));
      expect(await objectsOf(run.id)).toEqual({ tables: [`scores/${run.id}`], indexes: [`scores/${run.id}_pkey`] });
      await store.writeScores(run.id, [score('C1'), score('C2', { riskSegment: 'aggressive' })], at(2));
      // A client written again keeps its last score (the staging upsert into the partition).
      await store.writeScores(run.id, [score('C2', { riskSegment: 'conservative' })], at(3));
      await store.completeRun(run.id, { counts: counts(2), durationMs: 1 }, at(4));
      const built = await objectsOf(run.id);
      expect(built.indexes).toEqual([`scores/${run.id}/by_advisor`, `scores/${run.id}/by_advisor_book`, `scores/${run.id}/by_client`, `scores/${run.id}_pkey`]);
      expect((await store.scoresOf(run.id)).map((s) => [s.clientId, s.riskSegment])).toEqual([['C1', 'balanced'], ['C2', 'conservative']]);
      expect((await store.clientHistory('C2')).map((h) => h.runId)).toEqual([run.id, '2026-05-31-oldone0000']);

      // Retention keeps the newest run: the old one's rows leave the partition of schema 6's runs.
      expect(await store.prune('nightly-score', 1)).toEqual(['2026-05-31-oldone0000']);
      expect(await store.countScores('2026-05-31-oldone0000')).toBe(0);
      expect((await store.clientHistory('C2')).map((h) => h.runId)).toEqual([run.id]);
    } finally {
      await store.close();
    }
  });

  it('drops a failed run\'s partition, and a run begun again starts from an empty one', async () => {
    const store = await openStore(schema.url);
    try {
      const key = spec({ runKey: 'b'.repeat(64), asOf: '2026-07-31' });
      const { run } = await store.beginRun(key, at(10));
      await store.writeScores(run.id, [score('C1'), score('C2')], at(11));
      await store.failRun(run.id, 'killed', at(12));
      expect(await objectsOf(run.id)).toEqual({ tables: [], indexes: [] });
      const again = await store.beginRun(key, at(13));
      expect(again.outcome).toBe('resumed');
      expect(await objectsOf(run.id)).toEqual({ tables: [`scores/${run.id}`], indexes: [`scores/${run.id}_pkey`] });
      await store.writeScores(run.id, [score('C3')], at(14));
      // Sealing builds the indexes ahead of the completion, which then finds them built.
      await store.sealScores(run.id);
      expect((await objectsOf(run.id)).indexes).toHaveLength(4);
      expect(await store.countScores(run.id)).toBe(0);
      await store.completeRun(run.id, { counts: counts(1), durationMs: 1 }, at(15));
      expect((await store.scoresOf(run.id)).map((s) => s.clientId)).toEqual(['C3']);
      expect(await store.prune('nightly-score', 1)).toEqual([runIdOf(spec())]);
      expect(await objectsOf(runIdOf(spec()))).toEqual({ tables: [], indexes: [] });
    } finally {
      await store.close();
    }
  });
});
