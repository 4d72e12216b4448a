import { PipelineError } from '../core/errors.js';
import { ByteCodeTable } from './byte-code-table.js';
import type { Condition } from './code-rules-schema.js';
import { FieldCursor } from './field-cursor.js';
import type { RawRecord } from './raw-record.js';
import type { BytesToText } from './text-decoder.js';

/** Combinations of column values up to this many get a precomputed answer (2 bytes each). */
const MAX_COMBINATIONS = 1 << 16;

/**
 * Ordered conditions over several source columns, compiled to tables so a row is matched with a
 * few byte lookups and no string: each column's value becomes a small id (0 empty, 1…n a value
 * some condition names, n + 1 any other value) through a ByteCodeTable, and when the columns'
 * ids have few combinations (≤ 65,536) the first matching condition of every combination is
 * computed once, so a row costs one lookup per column plus one table read.
 *
 * @example
 * const t = new ConditionTable([{ TYPE: 'PRIJEM', OP: ['VKLAD', ''] }, { TYPE: 'VYDAJ' }], header, decode, 'rules.type');
 * t.match(row); // 0, 1, or -1 when no condition holds
 */
export class ConditionTable {
  /** Source column indexes of the row, in the order `otherValue` reports them. */
  readonly columns: readonly number[];
  readonly columnNames: readonly string[];
  private readonly values: readonly ByteCodeTable[];
  /** Distinct ids per column: n + 2. */
  private readonly sizes: Int32Array;
  /** Per condition, per column: 1 where the value id satisfies it (absent column: any). */
  private readonly accept: readonly (readonly (Uint8Array | undefined)[])[];
  private readonly firstMatch: Int16Array | undefined;
  /** Value ids of the row matched last. */
  private readonly ids: Int32Array;
  private readonly at = new FieldCursor();

  constructor(conditions: readonly Condition[], header: readonly string[], decode: BytesToText, where: string) {
    const names: string[] = [];
    for (const c of conditions) for (const name of Object.keys(c)) if (!names.includes(name)) names.push(name);
    this.columnNames = names;
    this.columns = names.map((name) => {
      const i = header.indexOf(name);
      if (i < 0) {
        throw new PipelineError('input_invalid', `the file has no column "${name}" (named in ${where}): fix the mapping; the file's columns are ${header.join(', ')}`, { column: name, where, header });
      }
      return i;
    });
    const valueIds = names.map(() => new Map<string, number>());
    for (const c of conditions) {
      for (const [name, wanted] of Object.entries(c)) {
        const ids = valueIds[names.indexOf(name)]!;
        for (const v of Array.isArray(wanted) ? wanted : [wanted]) if (v !== '' && !ids.has(v)) ids.set(v, ids.size + 1);
      }
    }
    this.values = valueIds.map((ids) => new ByteCodeTable(ids, decode));
    this.sizes = Int32Array.from(valueIds, (ids) => ids.size + 2);
    this.accept = conditions.map((c) => names.map((name, k) => {
      const wanted = c[name];
      if (wanted === undefined) return undefined;
      const ok = new Uint8Array(this.sizes[k]!);
      for (const v of Array.isArray(wanted) ? wanted : [wanted]) ok[v === '' ? 0 : valueIds[k]!.get(v)!] = 1;
      return ok;
    }));
    this.ids = new Int32Array(names.length);
    let combinations = 1;
    for (const n of this.sizes) combinations *= n;
    if (combinations <= MAX_COMBINATIONS) {
      const table = new Int16Array(combinations);
      for (let index = 0; index < combinations; index++) {
        let rest = index;
        for (let k = 0; k < names.length; k++) {
          this.ids[k] = rest % this.sizes[k]!;
          rest = Math.floor(rest / this.sizes[k]!);
        }
        table[index] = this.evaluate();
      }
      this.firstMatch = table;
    }
  }

  /** Index of the first condition the row satisfies, or -1. */
  match(rec: RawRecord): number {
    const { at, ids, sizes, columns, values } = this;
    let index = 0;
    let stride = 1;
    for (let k = 0; k < columns.length; k++) {
      let id = 0;
      if (at.column(rec, columns[k]!)) {
        id = values[k]!.lookup(at.buf, at.start, at.end);
        if (id < 0) id = sizes[k]! - 1;
      }
      ids[k] = id;
      index += id * stride;
      stride *= sizes[k]!;
    }
    return this.firstMatch ? this.firstMatch[index]! : this.evaluate();
  }

  /** Whether column k of the row matched last held a value that no condition names. */
  otherValue(k: number): boolean {
    return this.ids[k] === this.sizes[k]! - 1;
  }

  private evaluate(): number {
    const { accept, ids } = this;
    for (let r = 0; r < accept.length; r++) {
      const cols = accept[r]!;
      let ok = true;
      for (let k = 0; k < cols.length && ok; k++) {
        const a = cols[k];
        if (a !== undefined && a[ids[k]!] !== 1) ok = false;
      }
      if (ok) return r;
    }
    return -1;
  }
}
