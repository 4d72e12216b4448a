import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresDriver } from '../../src/store/postgres-driver.js';
import { testSchema } from './pg-schema.js';

const schema = testSchema('driver');
afterAll(async () => { await schema.drop(); });

describe('the PostgreSQL driver', () => {
  it('turns a lost server connection into one store_failed line with the SQLSTATE', async () => {
    const url = new URL(schema.url);
    url.searchParams.delete('schema');
    const driver = await openPostgresDriver({ url: url.toString(), schema: schema.name });
    try {
      // What a server shutting down (or an administrator) does to a session mid-run.
      const lost = driver.all('SELECT pg_terminate_backend(pg_backend_pid())');
      await expect(lost).rejects.toMatchObject({ code: 'store_failed', details: { sqlstate: '57P01' } });
      await expect(lost).rejects.toThrow(/^the PostgreSQL store .* failed \(SQLSTATE 57P01: the connection to the server was lost: /);
      // Data errors are not storage failures and pass through unchanged.
      await expect(driver.all('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    } finally {
      await driver.close();
    }
  });
});
