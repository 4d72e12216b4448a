import { PipelineError } from '../core/errors.js';
import type { Condition } from './code-rules-schema.js';
import type { RawRecord } from './raw-record.js';
import type { RowValueIds } from './row-value-ids.js';

/** Combinations of column values up to this many get a precomputed answer (2 bytes each). */
const MAX_COMBINATIONS = 1 << 16;

/**
 * Ordered conditions over several source columns, compiled to tables so a row is matched with a
 * few byte lookups and no string: each column's value becomes a small id through the file's
 * RowValueIds (shared by all its condition tables, so a column is looked up once per row), and
 * when the columns' ids have few combinations (≤ 65,536) the first matching condition of every
 * combination is computed once, so a row costs one lookup per column plus one table read.
 *
 * @example
 * const conditions = [{ TYPE: 'PRIJEM', OP: ['VKLAD', ''] }, { TYPE: 'VYDAJ' }];
 * const t = new ConditionTable(conditions, header, 'rules.type', new RowValueIds(conditions, header, decode));
 * t.match(row); // 0, 1, or -1 when no condition holds
 */
export class ConditionTable {
  /** Source column indexes of the row, in the order `otherValue` reports them. */
  readonly columns: readonly number[];
  readonly columnNames: readonly string[];
  /** Slot of each column in `shared`. */
  private readonly slots: Int32Array;
  /** Distinct ids per column (the shared vocabulary's). */
  private readonly sizes: Int32Array;
  /** Per column: 1 where the value id is empty or one this table's conditions name. */
  private readonly named: readonly Uint8Array[];
  /** Per condition, per column: 1 where the value id satisfies it (absent column: any). */
  private readonly accept: readonly (readonly (Uint8Array | undefined)[])[];
  private readonly firstMatch: Int16Array | undefined;
  /** First match per joint index of the shared ids, when the file's rule columns have few combinations. */
  private readonly byJoint: Int16Array | undefined;
  private lastJoint = -1;
  /** Value ids of the row matched last. */
  private readonly ids: Int32Array;

  constructor(conditions: readonly Condition[], header: readonly string[], where: string, private readonly shared: RowValueIds) {
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
    this.slots = Int32Array.from(this.columns, (col) => shared.slot(col));
    this.sizes = Int32Array.from(this.slots, (slot) => shared.sizes[slot]!);
    const idOf = (k: number, v: string): number => (v === '' ? 0 : shared.valueIds[this.slots[k]!]!.get(v)!);
    this.named = names.map((name, k) => {
      const named = new Uint8Array(this.sizes[k]!);
      named[0] = 1;
      for (const c of conditions) {
        const wanted = c[name];
        if (wanted !== undefined) for (const v of Array.isArray(wanted) ? wanted : [wanted]) named[idOf(k, v)] = 1;
      }
      return named;
    });
    this.accept = conditions.map((c) => names.map((name, k) => {
      const wanted = c[name];
      if (wanted === undefined) return undefined;
      const ok = new Uint8Array(this.sizes[k]!);
      for (const v of Array.isArray(wanted) ? wanted : [wanted]) ok[idOf(k, v)] = 1;
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
    if (shared.jointSize > 0) {
      const table = new Int16Array(shared.jointSize);
      for (let index = 0; index < table.length; index++) {
        for (let k = 0; k < names.length; k++) this.ids[k] = shared.idInJoint(index, this.slots[k]!);
        table[index] = this.evaluate();
      }
      this.byJoint = table;
    }
  }

  /** Index of the first condition the row satisfies, or -1. */
  match(rec: RawRecord): number {
    if (this.byJoint) {
      this.lastJoint = this.shared.joint(rec);
      return this.byJoint[this.lastJoint]!;
    }
    const { ids, sizes, slots, shared } = this;
    let index = 0;
    let stride = 1;
    for (let k = 0; k < slots.length; k++) {
      const id = shared.id(rec, slots[k]!);
      ids[k] = id;
      index += id * stride;
      stride *= sizes[k]!;
    }
    return this.firstMatch ? this.firstMatch[index]! : this.evaluate();
  }

  /** Whether column k of the row matched last held a value that none of this table's conditions names. */
  otherValue(k: number): boolean {
    const id = this.byJoint ? this.shared.idInJoint(this.lastJoint, this.slots[k]!) : this.ids[k]!;
    return this.named[k]![id] === 0;
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
