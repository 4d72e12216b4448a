import type { InputMapping } from './mapping-schema.js';
import { scanInput } from './scan-input.js';

/** Thrown from the header callback to stop the scan once the header is known. */
class HeaderRead extends Error {
  constructor(readonly header: readonly string[]) { super('header read'); }
}

/**
 * The column names of a CSV or Parquet input, read from its first line (or its footer) without
 * reading its rows, so a flag naming a missing column fails in milliseconds, not after ingest.
 * Errors are scanInput's: a missing file is 'input_missing', an empty one 'input_invalid'.
 *
 * @example
 * const header = await readHeader('features.csv'); // ['client_id', 'age', 'churned']
 */
export async function readHeader(path: string, mapping?: InputMapping): Promise<readonly string[]> {
  try {
    await scanInput(path, mapping, undefined, (info) => { throw new HeaderRead(info.header); });
  } catch (err) {
    if (err instanceof HeaderRead) return err.header;
    throw err;
  }
  return [];
}
