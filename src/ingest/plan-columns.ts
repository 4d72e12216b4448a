import { PipelineError } from '../core/errors.js';
import { encodeText } from './encode-text.js';
/** The part of a mapping section that places fields: renames (one column or first-of-several) and constants. */
export interface ColumnMapping {
  readonly columns?: Readonly<Partial<Record<string, string | readonly string[]>>> | undefined;
  readonly constants?: Readonly<Partial<Record<string, string>>> | undefined;
}
import type { Encoding } from './text-decoder.js';

/** Where one canonical field's value comes from in each row. */
export interface FieldSource {
  /** Source column indexes, tried in order (first-of-several); empty for a constant. */
  readonly columns: readonly number[];
  /** The mapping's constant, as bytes in the file's encoding. */
  readonly constant: Uint8Array | undefined;
}

/** Canonical field → its source, or undefined when the input lacks the (optional) field. */
export type ColumnPlan = Readonly<Record<string, FieldSource | undefined>>;

/**
 * Resolves every canonical field against a file's header using the mapping's renames, lists and
 * constants. A missing required field, a column the mapping names but the file lacks, or two
 * columns of one name, is PipelineError 'input_invalid' naming the column (and the mapping key
 * that would fix it).
 *
 * @example
 * planColumns(['KHH', 'aum'], ['client_id', 'aum'], ['client_id'], { columns: { client_id: 'KHH' } }, 'clients.csv', 'utf8');
 * // { client_id: { columns: [0] }, aum: { columns: [1] } }
 */
export function planColumns(
  header: readonly string[], fields: readonly string[], required: readonly string[],
  mapping: ColumnMapping | undefined, file: string, encoding: Encoding,
): ColumnPlan {
  const indexOf = new Map<string, number>();
  header.forEach((name, i) => {
    // Two columns of one name leave no way to tell which one the mapping means.
    if (indexOf.has(name) && name !== '') {
      throw new PipelineError(
        'input_invalid',
        `${file} has two columns named "${name}" (columns ${indexOf.get(name)! + 1} and ${i + 1}): rename one in the export so each column has its own name`,
        { file, column: name },
      );
    }
    if (!indexOf.has(name)) indexOf.set(name, i);
  });
  const renames = mapping?.columns ?? {};
  const constants = mapping?.constants ?? {};
  const plan: Record<string, FieldSource | undefined> = {};
  for (const field of fields) {
    const constant = constants[field];
    if (constant !== undefined) {
      const bytes = encodeText(constant, encoding);
      if (!bytes) {
        throw new PipelineError('config_invalid', `mapping constant for ${field} ("${constant}") cannot be written in ${encoding}: use a value the file's encoding can hold`, { file, field });
      }
      plan[field] = { columns: [], constant: bytes };
      continue;
    }
    const named = renames[field];
    const wanted: readonly string[] = named === undefined ? [field] : typeof named === 'string' ? [named] : named;
    const columns = wanted.map((name) => indexOf.get(name) ?? -1);
    const missing = wanted.filter((_, i) => columns[i] === -1);
    if (named !== undefined && missing.length > 0) {
      throw new PipelineError(
        'input_invalid',
        `${file} has no column ${missing.map((m) => `"${m}"`).join(', ')} (mapped to ${field}): fix columns.${field} in the mapping; the file's columns are ${header.join(', ')}`,
        { file, field, missing, header },
      );
    }
    if (missing.length > 0) {
      if (required.includes(field)) {
        throw new PipelineError(
          'input_invalid',
          `${file} has no column "${field}" (required): add it, or map it with "columns": { "${field}": "<your column>" } or a constant in the mapping file; the file's columns are ${header.join(', ')}`,
          { file, field, header },
        );
      }
      plan[field] = undefined;
      continue;
    }
    plan[field] = { columns, constant: undefined };
  }
  return plan;
}
