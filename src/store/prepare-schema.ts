import { PipelineError } from '../core/errors.js';
import { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS } from './schema-migrations.js';
import type { SqlDriver } from './sql-driver.js';

/**
 * Brings a store's schema up to date; a store that cannot be migrated, or one migrated by a newer
 * clientseg, is closed and refused with a store error.
 */
export async function prepareSchema(db: SqlDriver): Promise<void> {
  let version: number;
  try {
    version = await db.migrate(SCHEMA_MIGRATIONS);
  } catch (err) {
    await db.close().catch(() => undefined);
    // A driver's own store error (a full disk, a lost server) already names the store and the cause.
    if (err instanceof PipelineError && err.code === 'store_failed') throw err;
    throw new PipelineError('store_failed', `cannot prepare the store ${db.location} (${(err as Error).message})`, { location: db.location }, { cause: err });
  }
  if (version > LATEST_SCHEMA_VERSION) {
    await db.close();
    throw new PipelineError('store_failed', `the store ${db.location} has schema version ${version}, newer than this clientseg knows (${LATEST_SCHEMA_VERSION}); upgrade clientseg`);
  }
}
