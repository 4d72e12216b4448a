import type { DataFrame } from 'danfojs-node';
import type { FeatureTable } from '../ingest/read-feature-table.js';
import { loadDanfo } from './load-danfo.js';

/** danfo's numeric dtypes; anything else is text. */
export type NumericDtype = 'float32' | 'int32';

/**
 * A table read as text (one row per client) as a DataFrame: the id column first, then every
 * column in file order; the columns `numericDtype` types become numbers. An empty cell is
 * missing: NaN in a numeric column, null in a text one.
 */
export async function textTableFrame(table: FeatureTable, idColumn: string, numericDtype: (name: string) => NumericDtype | undefined): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const names = [idColumn];
  const dtypes = ['string'];
  const data: Record<string, unknown[]> = { [idColumn]: [...table.ids] };
  for (const [name, values] of table.columns) {
    const dtype = numericDtype(name);
    data[name] = dtype === undefined ? values.map((v) => v ?? null) : values.map((v) => (v === undefined ? NaN : Number(v)));
    names.push(name);
    dtypes.push(dtype ?? 'string');
  }
  return new DataFrame(data, { columns: names, dtypes });
}
