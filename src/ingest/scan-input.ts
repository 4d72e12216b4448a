import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { PipelineError } from '../core/errors.js';
import { noProgress, type Progress } from '../core/progress.js';
import type { InputMapping } from './mapping-schema.js';
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from './parse-number.js';
import type { RecordHandler } from './raw-record.js';
import { scanCsv, type CsvPosition, type ScanCsvOptions } from './scan-csv.js';
import { scanParquet } from './scan-parquet.js';
import { textDecoder, type BytesToText, type Encoding } from './text-decoder.js';

/** What a validator needs to know about the file behind the rows. */
export interface InputInfo {
  readonly format: 'csv' | 'parquet';
  readonly header: readonly string[];
  /** Columns whose values are dates already (Parquet DATE/TIMESTAMP): parse them as ISO whatever the mapping says. */
  readonly temporal: readonly boolean[];
  readonly encoding: Encoding;
  readonly decode: BytesToText;
  readonly numberFormat: NumberFormat;
  /** File size in bytes (sizes hash tables up front). */
  readonly sizeBytes: number;
}

/** The bytes that structure a CSV input. */
export interface CsvLayout {
  readonly delimiter: number;
  readonly quote: number;
}

/**
 * Reads a CSV's rows from `from` (the line after the header) some faster way than row by row on
 * this thread, and resolves to where the byte scanner must go on, or undefined when it read to the
 * end. `onProgress` takes the file offset read up to.
 */
export type CsvFastPath = (info: InputInfo, layout: CsvLayout, from: CsvPosition, onProgress: (bytes: number) => void) => Promise<CsvPosition | undefined>;

/**
 * Opens a CSV or Parquet input, reads its header, asks `onHeader` for a row handler and streams
 * every data row to it, reporting progress in bytes. A missing file is 'input_missing'; an empty
 * file or one without a header is 'input_invalid'. With `fastPath`, a CSV's data rows go to it
 * first, and the handler gets only the rows from where it stops.
 *
 * @example
 * await scanInput('clients.csv', undefined, noProgress, (info) => (row) => handle(row));
 */
export async function scanInput(
  path: string, mapping: InputMapping | undefined, progress: Progress | undefined,
  onHeader: (info: InputInfo) => RecordHandler, fastPath?: CsvFastPath,
): Promise<void> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (err) {
    throw new PipelineError('input_missing', `input file ${path} does not exist or is not a file: check the path`, { file: path }, { cause: err });
  }
  if (size === 0) throw new PipelineError('input_invalid', `input file ${path} is empty: it needs a header row and data rows`, { file: path });
  const format = mapping?.format ?? formatFromExtension(path);
  const bar = progress ?? noProgress;
  bar.start(path, size);
  try {
    if (format === 'parquet') {
      await scanParquet(path, (h) => onHeader({
        format, header: h.names, temporal: h.temporal, encoding: 'utf8', decode: textDecoder('utf8'), numberFormat: DEFAULT_NUMBER_FORMAT, sizeBytes: size,
      }), (n) => bar.update(n));
      return;
    }
    const encoding = mapping?.encoding ?? 'utf8';
    const decode = textDecoder(encoding);
    const numberFormat: NumberFormat = {
      decimal: (mapping?.decimalSeparator ?? '.').charCodeAt(0),
      thousands: mapping?.thousandsSeparator ? mapping.thousandsSeparator.charCodeAt(0) : -1,
    };
    let handler: RecordHandler | undefined;
    let info: InputInfo | undefined;
    const layout: CsvLayout = { delimiter: (mapping?.delimiter ?? ',').charCodeAt(0), quote: (mapping?.quote ?? '"').charCodeAt(0) };
    const csvOptions: ScanCsvOptions = {
      ...layout,
      decode,
      stripBom: encoding === 'utf8' || encoding === 'utf-8',
      onProgress: (n) => bar.update(n),
    };
    const onRow: RecordHandler = (row) => {
      if (handler) {
        handler(row);
        return;
      }
      if (row.malformed) throw new PipelineError('input_invalid', `${path} line ${row.line}: the header row is malformed (unclosed quote?): fix the header`, { file: path, line: row.line });
      const header: string[] = [];
      for (let i = 0; i < row.count; i++) {
        const buf = row.inScratch[i] ? row.scratch : row.buf;
        header.push(decode(buf, row.starts[i]!, row.ends[i]!).trim());
      }
      info = { format: 'csv', header, temporal: header.map(() => false), encoding, decode, numberFormat, sizeBytes: size };
      handler = onHeader(info);
    };
    if (!fastPath) {
      await scanCsv(path, csvOptions, onRow);
    } else {
      const afterHeader = await scanCsv(path, { ...csvOptions, maxRecords: 1 }, onRow);
      const resume = info ? await fastPath(info, layout, afterHeader, (n) => bar.update(n)) : undefined;
      if (resume) await scanCsv(path, { ...csvOptions, startOffset: resume.offset, firstLine: resume.line }, onRow);
    }
    if (!handler) throw new PipelineError('input_invalid', `input file ${path} has no header row (only blank lines): export it with a header`, { file: path });
  } finally {
    bar.stop();
  }
}

function formatFromExtension(path: string): 'csv' | 'parquet' {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  throw new PipelineError('input_invalid', `cannot tell the format of ${path} from its extension: name it .csv/.txt/.parquet or set "format" in the mapping`, { file: path });
}
