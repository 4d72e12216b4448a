/**
 * A PostgreSQL identifier in double quotes, quotes doubled: any name, taken as written.
 *
 * @example
 * quoteIdent('scores/2026-06-30-ab12') // '"scores/2026-06-30-ab12"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A text literal for statements that take no parameters (DDL), quotes doubled. Refuses a `?`,
 * which the drivers read as a placeholder.
 *
 * @example
 * quoteLiteral("it's") // "'it''s'"
 */
export function quoteLiteral(text: string): string {
  if (text.includes('?')) throw new Error(`a literal in DDL cannot hold '?': ${text}`);
  return `'${text.replaceAll("'", "''")}'`;
}
