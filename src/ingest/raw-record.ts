/**
 * One input row as byte ranges, shared by the CSV and Parquet readers so one validator serves
 * both. The reader reuses the object for every row: read it inside the callback only.
 */
export interface RawRecord {
  /** Bytes of the fields (a window of the read buffer; Parquet rows are re-encoded as UTF-8). */
  buf: Uint8Array;
  /** Unescaped copies of quoted fields that held doubled quotes. */
  scratch: Uint8Array;
  /** Number of fields in the row (may exceed the header's; only the first header-many have ranges). */
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where field i lives in `scratch` instead of `buf`. */
  inScratch: Uint8Array;
  /** CSV: the physical line the row starts on (header = 1). Parquet: the 1-based row number. */
  line: number;
  /** Unclosed quote, text after a closing quote, or a line too long to be a row. */
  malformed: boolean;
  /** What made the row malformed, for the rejects file (set by readers that can tell). */
  malformedWhy?: string;
  /** The original row for the rejects file: CSV text, or JSON for Parquet. */
  rawText(): string;
}

/** Receives each row of an input; the first CSV row is the header. */
export type RecordHandler = (record: RawRecord) => void;
