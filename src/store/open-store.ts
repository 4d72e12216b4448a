import { openPostgresDriver } from './postgres-driver.js';
import { SqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';
import type { Store } from './store.js';
import { parseStoreUrl } from './store-url.js';

/**
 * Opens a results store by URL and brings its schema up to date.
 *
 * @example
 * const store = await openStore('postgres://scorer@db/wealth?schema=clientseg');
 */
export async function openStore(url: string): Promise<Store> {
  const where = parseStoreUrl(url);
  const driver = where.engine === 'sqlite' ? openSqliteDriver(where.file) : await openPostgresDriver({ url: where.url, schema: where.schema });
  return SqlStore.open(driver);
}
