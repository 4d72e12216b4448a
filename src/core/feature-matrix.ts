/**
 * Per-client feature vectors, row-major in one Float64Array: row i is client `clientIds[i]`,
 * column j is feature `names[j]`. NaN marks a value that could not be computed.
 */
export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly clientIds: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/** The column of one feature, copied out. */
export function featureColumn(m: FeatureMatrix, name: string): Float64Array {
  const col = m.names.indexOf(name);
  if (col < 0) throw new Error(`no feature named ${name}`);
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.values[i * m.cols + col]!;
  return out;
}
