import pg from 'pg';

export const PG_URL = process.env.CLIENTSEG_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A schema of its own for one test file, so test files never see each other's tables; drop()
 * removes it with everything in it.
 */
export function testSchema(label: string): { name: string; url: string; drop: () => Promise<void> } {
  const name = `cs_${label}_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', name);
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try { await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`); } finally { await client.end(); }
    },
  };
}
