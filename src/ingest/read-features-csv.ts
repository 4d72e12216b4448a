import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { RowCounts } from '../core/records.js';
import { readFeatureTable } from './read-feature-table.js';

/**
 * Reads a features.csv written by `clientseg features` back into a matrix with the columns in
 * `names` order. A missing column stops the run (`input_invalid`); an empty or non-numeric value
 * is NaN, which drift counts as missing. Rows without an id or repeated go to the rejects file.
 *
 * @example
 * const { matrix } = await readFeaturesCsv('features.csv', FEATURE_NAMES, 'out/rejects.csv');
 */
export async function readFeaturesCsv(file: string, names: readonly string[], rejectsPath: string): Promise<{ matrix: FeatureMatrix; counts: RowCounts }> {
  const table = await readFeatureTable(file, 'client_id', rejectsPath);
  const missing = names.filter((n) => !table.columns.has(n));
  if (missing.length > 0) {
    throw new PipelineError('input_invalid', `${file} lacks the feature columns ${missing.join(', ')}; build it with \`clientseg features\` of this version`, { file, missing });
  }
  const rows = table.ids.length, cols = names.length;
  const values = new Float64Array(rows * cols);
  names.forEach((name, j) => {
    const column = table.columns.get(name)!;
    for (let i = 0; i < rows; i++) {
      const text = column[i];
      values[i * cols + j] = text === undefined || text === '' ? Number.NaN : Number(text);
    }
  });
  return { matrix: { names: [...names], clientIds: table.ids, rows, cols, values }, counts: table.counts };
}
