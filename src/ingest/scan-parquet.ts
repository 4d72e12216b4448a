import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { PipelineError } from '../core/errors.js';
import type { RawRecord, RecordHandler } from './raw-record.js';

/** A Parquet file's top-level columns; `temporal` marks DATE/TIMESTAMP columns, read as ISO text. */
export interface ParquetHeader {
  readonly names: readonly string[];
  readonly temporal: readonly boolean[];
}

const TEMPORAL_CONVERTED = new Set(['DATE', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);

/**
 * Reads a Parquet file one row group at a time (memory holds one group, not the file) and hands
 * each row to the handler that `onHeader` returns, as UTF-8 text fields so the CSV validators
 * apply unchanged. A row's `line` is its 1-based row number; `rawText()` is the row as JSON.
 * Dates and timestamps become `YYYY-MM-DD` / ISO date-times; numbers are written with '.' decimals.
 *
 * @example
 * await scanParquet('tx.parquet', (header) => (row) => seen.push(row.line), (done) => bar.update(done));
 */
export async function scanParquet(path: string, onHeader: (header: ParquetHeader) => RecordHandler, onProgress?: (bytes: number) => void): Promise<void> {
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PipelineError('input_invalid', `${path} is not a readable Parquet file (${reason}): check the file, or set "format": "csv" in the mapping`, { file: path }, { cause: err });
  }
  const columns = parquetSchema(metadata).children;
  const names = columns.map((c) => c.element.name);
  const temporal = columns.map((c) => TEMPORAL_CONVERTED.has(c.element.converted_type ?? '')
    || c.element.logical_type?.type === 'DATE' || c.element.logical_type?.type === 'TIMESTAMP' || c.element.type === 'INT96');
  const handler = onHeader({ names, temporal });
  const row = new ParquetRow(names);
  let groupStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    await parquetRead({
      file, metadata, rowStart: groupStart, rowEnd: groupStart + groupRows, rowFormat: 'array',
      onComplete: (rows: unknown[][]) => {
        for (let r = 0; r < rows.length; r++) {
          row.load(rows[r]!, groupStart + r + 1);
          handler(row);
        }
      },
    });
    groupStart += groupRows;
    bytesDone += Number(group.total_compressed_size ?? group.total_byte_size);
    onProgress?.(Math.min(bytesDone, file.byteLength));
  }
}

class ParquetRow implements RawRecord {
  buf = Buffer.alloc(1024);
  scratch = new Uint8Array(0);
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  inScratch: Uint8Array;
  line = 0;
  malformed = false;
  private values: unknown[] = [];

  constructor(private readonly names: readonly string[]) {
    this.count = names.length;
    this.starts = new Int32Array(names.length);
    this.ends = new Int32Array(names.length);
    this.inScratch = new Uint8Array(names.length);
  }

  load(values: unknown[], line: number): void {
    this.values = values;
    this.line = line;
    let at = 0;
    for (let i = 0; i < this.names.length; i++) {
      const text = asText(values[i]);
      const need = at + Buffer.byteLength(text);
      if (need > this.buf.length) {
        const bigger = Buffer.alloc(need * 2);
        this.buf.copy(bigger, 0, 0, at);
        this.buf = bigger;
      }
      this.starts[i] = at;
      at += this.buf.write(text, at, 'utf8');
      this.ends[i] = at;
    }
  }

  rawText(): string {
    const obj: Record<string, unknown> = {};
    this.names.forEach((name, i) => {
      const v = this.values[i];
      obj[name] = typeof v === 'bigint' ? v.toString() : v instanceof Date ? asText(v) : v;
    });
    return JSON.stringify(obj);
  }
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return 'invalid-date';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
