import { open, type FileHandle } from 'node:fs/promises';
import { PipelineError } from '../core/errors.js';
import { ByteCodeTable } from '../ingest/byte-code-table.js';
import type { Encoding } from '../ingest/text-decoder.js';
import { planColumns, type ColumnMapping, type FieldSource } from '../ingest/plan-columns.js';
import { textDecoder, type BytesToText } from '../ingest/text-decoder.js';
import { IdShardTable } from './id-shard-table.js';
import { fnv1a32 } from './shard-of-client.js';

const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 20;
// As scanCsv: a quote that does not close within this many bytes breaks one physical line only.
const MAX_RECORD = 1 << 20;
const FLUSH = 1 << 18;
// Shard numbers are kept in 16 bits by the repeated-id table.
const MAX_SHARDS = 65_535;

export interface SplitCsvOptions {
  readonly source: string;
  /** One output path per shard; each gets the header row and then its clients' rows. */
  readonly targets: readonly string[];
  readonly mapping: SplitMapping | undefined;
  /**
   * Rows are keyed by account: account id → shard (see accountShards). A row whose account is not
   * listed goes to the shard of the empty id, where ingest rejects it (orphan_account).
   */
  readonly accountShards?: ReadonlyMap<string, number>;
  /**
   * A canonical field whose repeated values must meet in one shard (transactions: 'txn_id'), so
   * ingest's duplicate check sees a repeat even when another client's row repeats the id.
   */
  readonly sameShardFor?: string;
}

/** What the split reads of a mapping section: the layout and the column placement. */
export interface SplitMapping extends ColumnMapping {
  readonly format?: 'csv' | 'parquet' | undefined;
  readonly encoding?: Encoding | undefined;
  readonly delimiter?: string | undefined;
  readonly quote?: string | undefined;
}

export interface SplitCounts {
  /** Data rows written to each shard (not the header). */
  readonly rows: readonly number[];
  /** Rows sent to the shard where their `sameShardFor` value first went, not to their client's. */
  readonly rerouted: number;
}

/**
 * Streams one CSV input into shard files by the client's shard (see shardOfClient), copying every
 * row's bytes unchanged, so each shard file is an input ingest reads exactly as it would have read
 * those rows in the whole file. Record boundaries follow scanCsv's grammar (quoted fields may hold
 * newlines; an unclosed quote breaks one physical line), so every row lands in one shard. A row
 * whose client_id cannot be found (malformed, empty) still goes to a shard — the one of the empty
 * id — where ingest rejects it: every row stays accounted for.
 *
 * @example
 * await splitCsvByClient({ source: 'tx.csv', targets: ['tx-0.csv', 'tx-1.csv'], mapping: undefined });
 */
export async function splitCsvByClient(options: SplitCsvOptions): Promise<SplitCounts> {
  const { mapping, source } = options;
  if (mapping?.format === 'parquet' || /\.(parquet|pq)$/i.test(source)) {
    throw new PipelineError('config_invalid', `${source} is Parquet: the distributed run splits CSV inputs only; convert it to CSV or partition it yourself by the shard rule (README, "Scale-out") and pass --shard-input`, { file: source });
  }
  let input: FileHandle;
  try {
    input = await open(source, 'r');
  } catch (err) {
    throw new PipelineError('input_missing', `input file ${source} does not exist or cannot be read: check the path`, { file: source }, { cause: err });
  }
  if (options.targets.length < 1 || options.targets.length > MAX_SHARDS) {
    throw new PipelineError('config_invalid', `${options.targets.length} shards: choose between 1 and ${MAX_SHARDS}`);
  }
  const outputs = await Promise.all(options.targets.map((t) => open(t, 'w')));
  try {
    const splitter = new CsvSplitter(options, outputs);
    await splitter.run(input);
    return { rows: splitter.counts, rerouted: splitter.rerouted };
  } finally {
    await input.close();
    await Promise.all(outputs.map((o) => o.close()));
  }
}

class CsvSplitter {
  readonly counts: number[];
  rerouted = 0;
  private readonly firstShards: IdShardTable | undefined;
  private idSource: FieldSource | undefined;
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly decode: BytesToText;
  private readonly utf8: boolean;
  private readonly pending: Buffer[][];
  private readonly pendingBytes: number[];
  private header: Buffer | undefined;
  private source: FieldSource | undefined;
  private readonly accounts: ByteCodeTable | undefined;
  // Field ranges of the current record; quoted fields with doubled quotes are marked escaped.
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private escaped = new Uint8Array(64);
  private fields = 0;
  private at: { buf: Uint8Array; start: number; end: number } = { buf: new Uint8Array(0), start: 0, end: 0 };

  constructor(private readonly options: SplitCsvOptions, private readonly outputs: readonly FileHandle[]) {
    const { mapping } = options;
    this.delimiter = (mapping?.delimiter ?? ',').charCodeAt(0);
    this.quote = (mapping?.quote ?? '"').charCodeAt(0);
    const encoding = mapping?.encoding ?? 'utf8';
    this.utf8 = encoding === 'utf8' || encoding === 'utf-8';
    this.decode = textDecoder(encoding);
    this.counts = outputs.map(() => 0);
    this.pending = outputs.map(() => []);
    this.pendingBytes = outputs.map(() => 0);
    this.firstShards = options.sameShardFor === undefined ? undefined : new IdShardTable();
    this.accounts = options.accountShards === undefined ? undefined : new ByteCodeTable(options.accountShards, this.decode);
  }

  async run(input: FileHandle): Promise<void> {
    let buf = Buffer.allocUnsafe(CHUNK + MAX_RECORD + 1);
    let len = 0;
    let pos = 0;
    let offset = 0;
    let eof = false;
    let first = true;
    while (!eof) {
      if (pos > 0) {
        buf.copyWithin(0, pos, len);
        len -= pos;
        pos = 0;
      }
      if (buf.length - 1 - len < CHUNK) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await input.read(buf, len, CHUNK, offset);
      offset += bytesRead;
      len += bytesRead;
      if (bytesRead === 0) {
        eof = true;
        if (len > 0 && buf[len - 1] !== LF) buf[len++] = LF;
      }
      if (first && this.utf8 && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      first = false;
      for (;;) {
        const next = this.parseRecord(buf, pos, len);
        if (next >= 0) {
          await this.route(buf, pos, next, false);
          pos = next;
          continue;
        }
        if (pos >= len || (!eof && len - pos <= MAX_RECORD)) break;
        // An unclosed quote: this physical line is one (malformed) row, as scanCsv reads it.
        const at = buf.indexOf(LF, pos);
        const end = at < 0 || at >= len ? len : at + 1;
        await this.route(buf, pos, end, true);
        pos = end;
      }
    }
    if (this.header === undefined) throw new PipelineError('input_invalid', `input file ${this.options.source} has no header row: export it with a header`, { file: this.options.source });
    for (let s = 0; s < this.outputs.length; s++) await this.flush(s);
  }

  private async route(buf: Buffer, start: number, end: number, broken: boolean): Promise<void> {
    if (!broken && this.fields === 1 && this.ends[0] === this.starts[0] && buf[start] !== this.quote) return; // blank line
    const row = Buffer.from(buf.subarray(start, end));
    if (this.header === undefined) {
      if (broken) throw new PipelineError('input_invalid', `${this.options.source}: the header row is malformed (unclosed quote?): fix the header`, { file: this.options.source });
      this.header = row;
      this.planHeader(buf);
      for (let s = 0; s < this.outputs.length; s++) this.add(s, row);
      return;
    }
    let shard = broken ? this.shardOfEmpty() : this.shardOf(buf);
    if (!broken && this.firstShards !== undefined && this.field(buf, this.idSource)) {
      const first = this.firstShards.shardFor(this.at.buf, this.at.start, this.at.end, shard);
      if (first !== shard) { shard = first; this.rerouted++; }
    }
    this.counts[shard]!++;
    this.add(shard, row);
    if (this.pendingBytes[shard]! >= FLUSH) await this.flush(shard);
  }

  private planHeader(buf: Buffer): void {
    const names: string[] = [];
    for (let i = 0; i < this.fields; i++) names.push(this.text(buf, i).trim());
    const extra = this.options.sameShardFor;
    const key = this.accounts === undefined ? 'client_id' : 'account_id';
    const fields = extra === undefined ? [key] : [key, extra];
    const plan = planColumns(names, fields, [key], this.options.mapping, this.options.source, this.options.mapping?.encoding ?? 'utf8');
    this.source = plan[key];
    this.idSource = extra === undefined ? undefined : plan[extra];
  }

  private shardOf(buf: Buffer): number {
    if (!this.field(buf, this.source)) return this.shardOfEmpty();
    if (this.accounts !== undefined) {
      const shard = this.accounts.lookup(this.at.buf, this.at.start, this.at.end);
      return shard < 0 ? this.shardOfEmpty() : shard;
    }
    return this.shardOfBytes(this.at.buf, this.at.start, this.at.end);
  }

  /**
   * Points `at` at the source's constant or first non-empty column, trimmed of spaces and tabs and
   * with doubled quotes made single, as ingest's FieldCursor reads it; false when all are empty.
   */
  private field(buf: Buffer, src: FieldSource | undefined): boolean {
    if (src === undefined) return false;
    if (src.constant) {
      this.at = { buf: src.constant, start: 0, end: src.constant.length };
      return src.constant.length > 0;
    }
    for (const col of src.columns) {
      if (col >= this.fields) continue;
      let b: Uint8Array = buf, s = this.starts[col]!, e = this.ends[col]!;
      if (this.escaped[col]) {
        b = this.unescape(buf, s, e);
        s = 0;
        e = b.length;
      }
      while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
      while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
      if (e > s) {
        this.at = { buf: b, start: s, end: e };
        return true;
      }
    }
    return false;
  }

  private unescape(buf: Buffer, s: number, e: number): Buffer {
    const out = Buffer.allocUnsafe(e - s);
    let n = 0;
    for (let i = s; i < e; i++) {
      out[n++] = buf[i]!;
      if (buf[i] === this.quote) i++;
    }
    return out.subarray(0, n);
  }

  private shardOfEmpty(): number {
    return fnv1a32(new Uint8Array(0)) % this.outputs.length;
  }

  /** Hashes the id's UTF-8 bytes: the file's own bytes when they are UTF-8 or ASCII, else re-encoded. */
  private shardOfBytes(bytes: Uint8Array, s: number, e: number): number {
    let ascii = true;
    for (let i = s; i < e; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
    if (ascii || this.utf8) return fnv1a32(bytes, s, e) % this.outputs.length;
    return fnv1a32(Buffer.from(this.decode(bytes, s, e), 'utf8')) % this.outputs.length;
  }

  private text(buf: Buffer, i: number): string {
    if (!this.escaped[i]) return this.decode(buf, this.starts[i]!, this.ends[i]!);
    const bytes = this.unescape(buf, this.starts[i]!, this.ends[i]!);
    return this.decode(bytes, 0, bytes.length);
  }

  private add(shard: number, row: Buffer): void {
    this.pending[shard]!.push(row);
    this.pendingBytes[shard]! += row.length;
  }

  private async flush(shard: number): Promise<void> {
    if (this.pendingBytes[shard] === 0) return;
    const chunk = Buffer.concat(this.pending[shard]!);
    this.pending[shard] = [];
    this.pendingBytes[shard] = 0;
    await this.outputs[shard]!.write(chunk);
  }

  /**
   * scanCsv's record grammar on bytes: the position after the row's newline, or -1 when the buffer
   * ends first. Fills the field ranges (without the quotes) of the row.
   */
  private parseRecord(buf: Buffer, start: number, n: number): number {
    const { delimiter: delim, quote } = this;
    let p = start;
    let f = 0;
    for (;;) {
      if (p >= n) return -1;
      let fs = p;
      let fe: number;
      let escaped = false;
      if (buf[p] === quote) {
        fs = ++p;
        for (;;) {
          while (p < n && buf[p] !== quote) p++;
          if (p + 1 >= n) return -1;
          if (buf[p + 1] !== quote) break;
          escaped = true;
          p += 2;
        }
        fe = p++;
        const c = buf[p];
        if (c === CR && buf[p + 1] === LF) p++;
        else if (c !== delim && c !== LF) {
          while (p < n && buf[p] !== delim && buf[p] !== LF) p++;
          if (p >= n) return -1;
        }
      } else {
        while (p < n && buf[p] !== delim && buf[p] !== LF) p++;
        if (p >= n) return -1;
        fe = p;
        if (buf[p] === LF && fe > fs && buf[fe - 1] === CR) fe--;
      }
      if (f >= this.starts.length) this.growFields();
      this.starts[f] = fs;
      this.ends[f] = fe;
      this.escaped[f] = escaped ? 1 : 0;
      f++;
      if (buf[p] === LF) break;
      p++;
    }
    this.fields = f;
    return p + 1;
  }

  private growFields(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size), ends = new Int32Array(size), escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }
}
