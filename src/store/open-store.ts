import { existsSync } from 'node:fs';
import { PipelineError } from '../core/errors.js';
import { openPostgresDriver } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { SqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';
import type { RunOwner, Store } from './store.js';
import { parseStoreUrl, type StoreLocation } from './store-url.js';

export interface OpenStoreOptions {
  /** Refuse to create a SQLite file that is not there (commands that only read); default false. */
  readonly mustExist?: boolean;
  /** The process the runs this store begins belong to; default this one (tests stand in for another process). */
  readonly owner?: RunOwner;
}

/**
 * Opens a results store by URL and brings its schema up to date.
 *
 * @example
 * const store = await openStore('postgres://scorer@db/wealth?schema=clientseg');
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  return SqlStore.open(await openStoreDriver(url, options), { owner: options.owner });
}

/** The SQL connection behind a store URL (SQLite file or PostgreSQL schema), for the store and the parts that share it. */
export async function openStoreDriver(url: string, options: OpenStoreOptions = {}): Promise<SqlDriver> {
  const where = parseStoreUrl(url);
  refuseMissingStore(where, options);
  return where.engine === 'sqlite' ? openSqliteDriver(where.file) : openPostgresDriver({ url: where.url, schema: where.schema });
}

/** With `mustExist`, a SQLite file that is not there is an input_missing error instead of a new, empty store. */
function refuseMissingStore(where: StoreLocation, options: OpenStoreOptions): void {
  if (options.mustExist && where.engine === 'sqlite' && where.file !== ':memory:' && !existsSync(where.file)) {
    throw new PipelineError('input_missing', `no results store at ${where.file}: run \`npm start\`, \`clientseg run\` or \`clientseg score --store\` first, or pass --store`, { file: where.file });
  }
}
