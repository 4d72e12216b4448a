import type { UnmappedCode } from '../core/records.js';
import { ByteCodeTable } from './byte-code-table.js';
import type { BytesToText } from './text-decoder.js';

/** Hands every new text the next id: a ByteCodeTable over it assigns ids to bytes as they come. */
class AssigningMap extends Map<string, number> {
  override get(key: string): number {
    let id = super.get(key);
    if (id === undefined) {
      id = this.size;
      this.set(key, id);
    }
    return id;
  }
}

interface Column {
  readonly field: string;
  readonly column: string;
  readonly texts: AssigningMap;
  readonly table: ByteCodeTable;
  rows: number[];
}

/**
 * Counts unmapped code values per field, column and value, on bytes: each distinct value is
 * decoded once (ByteCodeTable caches its id), so counting costs a lookup per unmapped row.
 *
 * @example
 * const u = new UnmappedCodes(decode);
 * const col = u.column('type', 'JYLX');
 * u.count(col, buf, start, end);
 * u.list(); // [{ field: 'type', column: 'JYLX', value: '99', rows: 1 }]
 */
export class UnmappedCodes {
  private readonly columns: Column[] = [];

  constructor(private readonly decode: BytesToText) {}

  /** A handle for counting values of `column` read for `field`. */
  column(field: string, column: string): number {
    const at = this.columns.findIndex((c) => c.field === field && c.column === column);
    if (at >= 0) return at;
    const texts = new AssigningMap();
    this.columns.push({ field, column, texts, table: new ByteCodeTable(texts, this.decode), rows: [] });
    return this.columns.length - 1;
  }

  count(handle: number, buf: Uint8Array, start: number, end: number): void {
    const c = this.columns[handle]!;
    const id = c.table.lookup(buf, start, end);
    c.rows[id] = (c.rows[id] ?? 0) + 1;
  }

  /** Adds counts listed elsewhere (a worker thread's). */
  addAll(list: readonly UnmappedCode[]): void {
    for (const u of list) {
      const c = this.columns[this.column(u.field, u.column)]!;
      const id = c.texts.get(u.value);
      c.rows[id] = (c.rows[id] ?? 0) + u.rows;
    }
  }

  /** Every counted value, most rows first (then by field, column, value), and forgets them. */
  take(): UnmappedCode[] {
    const list = this.list();
    for (const c of this.columns) c.rows = [];
    return list;
  }

  /** Every counted value, most rows first, then by field, column and value. */
  list(): UnmappedCode[] {
    const out: UnmappedCode[] = [];
    for (const c of this.columns) {
      for (const [value, id] of c.texts) {
        const rows = c.rows[id];
        if (rows) out.push({ field: c.field, column: c.column, value, rows });
      }
    }
    return out.sort((a, b) => b.rows - a.rows || a.field.localeCompare(b.field) || a.column.localeCompare(b.column) || a.value.localeCompare(b.value));
  }
}
