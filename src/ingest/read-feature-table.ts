import { PipelineError } from '../core/errors.js';
import type { RowCounts } from '../core/records.js';
import type { RawRecord } from './raw-record.js';
import { RejectsWriter } from './rejects-writer.js';
import { scanInput } from './scan-input.js';

/** A data scientist's own feature table: one row per client, every column as text. */
export interface FeatureTable {
  readonly ids: readonly string[];
  /** Column name → one value per row (undefined when empty), in file order. */
  readonly columns: ReadonlyMap<string, readonly (string | undefined)[]>;
  readonly counts: RowCounts;
}

/**
 * Reads a feature table (CSV or Parquet) keyed by `idColumn`. Rows without an id, repeated ids
 * and rows with the wrong number of fields go to the rejects file with their line; every row is
 * accounted for. Memory grows with the table (one row per client), not with transactions.
 *
 * @example
 * const table = await readFeatureTable('features.csv', 'client_id', 'out/rejects.csv');
 */
export async function readFeatureTable(file: string, idColumn: string, rejectsPath: string): Promise<FeatureTable> {
  const rejects = RejectsWriter.open(rejectsPath);
  const ids: string[] = [];
  const seen = new Set<string>();
  const columns = new Map<string, (string | undefined)[]>();
  const counts: RowCounts = { read: 0, accepted: 0, rejected: 0, byReason: {}, skipped: 0, bySkip: {} };
  const reject = (rec: RawRecord, reason: string, detail: string) => {
    counts.rejected++;
    counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
    rejects.add(file, rec.line, reason as never, detail, rec.rawText());
  };
  try {
    await scanInput(file, undefined, undefined, (info) => {
      const repeated = info.header.find((name, j) => name !== '' && info.header.indexOf(name) !== j);
      if (repeated !== undefined) {
        throw new PipelineError('input_invalid', `${file} has two columns named "${repeated}": rename one so each column has its own name`, { file, column: repeated });
      }
      const idAt = info.header.indexOf(idColumn);
      if (idAt < 0) throw new PipelineError('input_invalid', `${file} has no id column ${idColumn}; name it with --id-column`, { file, idColumn });
      const names = info.header.filter((_, j) => j !== idAt);
      for (const name of names) columns.set(name, []);
      const lists = info.header.map((name, j) => (j === idAt ? undefined : columns.get(name)!));
      const text = (rec: RawRecord, j: number) => {
        const buf = rec.inScratch[j] === 1 ? rec.scratch : rec.buf;
        const value = info.decode(buf, rec.starts[j]!, rec.ends[j]!).trim();
        return value === '' ? undefined : value;
      };
      return (rec) => {
        counts.read++;
        if (rec.malformed || rec.count !== info.header.length) return reject(rec, 'malformed_row', `expected ${info.header.length} fields, found ${rec.count}`);
        const id = text(rec, idAt);
        if (id === undefined) return reject(rec, 'missing_value', `${idColumn} is empty`);
        if (seen.has(id)) return reject(rec, 'duplicate_id', `${idColumn} "${id}" already taken by an earlier row`);
        seen.add(id);
        ids.push(id);
        for (let j = 0; j < lists.length; j++) lists[j]?.push(text(rec, j));
        counts.accepted++;
      };
    });
    rejects.close();
  } finally {
    rejects.abort();
  }
  return { ids, columns, counts };
}
