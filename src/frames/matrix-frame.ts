import type { DataFrame } from 'danfojs-node';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { loadDanfo } from './load-danfo.js';

/**
 * A feature matrix as a DataFrame: `client_id` then one numeric column per feature, in the
 * matrix's order. Values are the matrix's doubles as they are (NaN where a feature could not be
 * computed), so the frame equals `clientseg features`' CSV read back.
 */
export async function matrixFrame(matrix: FeatureMatrix): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const data: Record<string, unknown[]> = { client_id: [...matrix.clientIds] };
  for (let j = 0; j < matrix.cols; j++) {
    const column = new Array<number>(matrix.rows);
    for (let i = 0; i < matrix.rows; i++) column[i] = matrix.values[i * matrix.cols + j]!;
    data[matrix.names[j]!] = column;
  }
  // Explicit dtypes: danfo would otherwise scan every value to infer them.
  return new DataFrame(data, { columns: ['client_id', ...matrix.names], dtypes: ['string', ...matrix.names.map(() => 'float32')] });
}
