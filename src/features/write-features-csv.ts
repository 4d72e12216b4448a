import type { FeatureMatrix } from '../core/feature-matrix.js';
import { csvField, writeLinesAtomically } from '../core/write-lines-atomically.js';

/**
 * Writes a feature matrix as CSV (UTF-8, no BOM, `\n` line ends): header `client_id` then the
 * feature names, one row per client. Numbers use ECMAScript's shortest round-trip form, which the
 * language specifies exactly, so the same matrix gives the same bytes on every machine and reads
 * back to the same doubles; -0 is written as 0 and NaN as an empty field. Ids are quoted per
 * RFC 4180 when they need it. Rows are streamed, and the file appears only when complete
 * (written beside it, then renamed).
 *
 * @example
 * await writeFeaturesCsv(builder.finish(), 'out/features.csv');
 * // client_id,recency_days,txn_per_month,…
 * // C001,3,1.25,…
 */
export async function writeFeaturesCsv(matrix: FeatureMatrix, path: string): Promise<void> {
  const { rows, cols, values, clientIds } = matrix;
  function* lines(): Generator<string> {
    yield ['client_id', ...matrix.names].map(csvField).join(',');
    for (let i = 0; i < rows; i++) {
      let line = csvField(clientIds[i]!);
      const o = i * cols;
      for (let j = 0; j < cols; j++) line += ',' + formatNumber(values[o + j]!);
      yield line;
    }
  }
  await writeLinesAtomically(path, lines(), 'features file');
}

/** The shortest string that reads back to the same double; NaN (not computed) is empty. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === 0) return '0';
  return String(x);
}
