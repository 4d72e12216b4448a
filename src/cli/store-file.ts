import { parseStoreUrl } from '../store/store-url.js';

/** The file a `--store` value writes, for the output-path check: a SQLite file, or none for PostgreSQL. */
export function storeFile(store: string | undefined): string | undefined {
  if (store === undefined) return undefined;
  const location = parseStoreUrl(store);
  return location.engine === 'sqlite' && location.file !== ':memory:' ? location.file : undefined;
}
