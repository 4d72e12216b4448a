import type { DataFrameInput } from './data-frame-input.js';
import { PipelineError } from '../core/errors.js';
import { csvField, writeLinesAtomically } from '../core/write-lines-atomically.js';
import { formatNumber } from '../features/write-features-csv.js';

/**
 * Writes a DataFrame as the CSV the table paths read (`train --features`, `score --features`), so
 * a frame and that file give the same model and scores. Numbers use the shortest round-trip
 * form (they read back to the same doubles); NaN, null, undefined and '' are empty (missing);
 * booleans are `true`/`false`, a category like any other text. A frame's id column must be
 * complete and unique: in memory that is a mistake to report, not a row to reject.
 *
 * @example
 * await writeFrameCsv(frame, 'client_id', '/tmp/x/features.csv');
 */
export async function writeFrameCsv(frame: DataFrameInput, idColumn: string, file: string): Promise<void> {
  const names = frame.columns;
  if (!names.includes(idColumn)) {
    throw new PipelineError('config_invalid', `the frame has no column ${idColumn} (idColumn); its columns are ${names.join(', ')}`, { column: idColumn, columns: names });
  }
  const columns = names.map((name) => frame.column(name).values as readonly unknown[]);
  checkIds(columns[names.indexOf(idColumn)]!, idColumn);
  const rows = frame.shape[0] ?? 0;
  function* lines(): Generator<string> {
    yield names.map(csvField).join(',');
    for (let i = 0; i < rows; i++) yield columns.map((column) => cell(column[i])).join(',');
  }
  await writeLinesAtomically(file, lines(), 'frame table');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof Date) return value.toISOString();
  return csvField(String(value));
}

function checkIds(ids: readonly unknown[], idColumn: string): void {
  const seen = new Map<string, number>();
  ids.forEach((value, row) => {
    const id = cell(value).trim();
    if (id === '') throw new PipelineError('input_invalid', `${idColumn} is missing in row ${row} of the frame: every row needs an id`, { column: idColumn, row });
    const first = seen.get(id);
    if (first !== undefined) throw new PipelineError('input_invalid', `${idColumn} repeats in rows ${first} and ${row} of the frame: ids must be unique`, { column: idColumn, rows: [first, row] });
    seen.set(id, row);
  });
}
