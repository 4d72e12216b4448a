import { PipelineError } from '../core/errors.js';

/** Where a store lives, parsed from `--store`. */
export type StoreLocation =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly schema?: string };

/** The store `npm start` and the shipped pipelines use when none is given: no server needed. */
export const DEFAULT_STORE = 'sqlite:out/clientseg.db';

/**
 * `sqlite:PATH`, a plain file path (SQLite), or `postgres://…` / `postgresql://…`, optionally
 * with `?schema=NAME` to keep clientseg's tables in their own schema.
 *
 * @example
 * parseStoreUrl('postgres://scorer@db:5432/wealth?schema=clientseg');
 */
export function parseStoreUrl(text: string): StoreLocation {
  const value = text.trim();
  if (value === '') throw new PipelineError('config_invalid', 'the store is empty: give sqlite:PATH, a file path, or postgres://…');
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL;
    try { url = new URL(value); } catch {
      throw new PipelineError('config_invalid', 'the PostgreSQL store URL does not parse; expected postgres://user@host:port/database');
    }
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new PipelineError('config_invalid', `schema ${JSON.stringify(schema)} in the store URL is not a plain identifier (letters, digits, _)`);
    }
    return { engine: 'postgres', url: url.toString(), ...(schema === undefined ? {} : { schema }) };
  }
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (file === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new PipelineError('config_invalid', `unsupported store ${JSON.stringify(value)}: give sqlite:PATH, a file path, or postgres://…`);
  }
  return { engine: 'sqlite', file };
}
