/**
 * One numbered step of the store's schema, applied in order and recorded in `schema_migrations`.
 * Both engines hold the same tables and columns, so each step carries its SQL for each. A type of
 * its own so the two lists of steps (runs, advisor app) both import it and neither imports the other.
 */
export interface SchemaMigration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: readonly string[];
  readonly postgres: readonly string[];
}
