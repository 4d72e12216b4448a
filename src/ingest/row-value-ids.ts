import { ByteCodeTable } from './byte-code-table.js';
import type { Condition } from './code-rules-schema.js';
import { FieldCursor } from './field-cursor.js';
import type { RawRecord } from './raw-record.js';
import type { BytesToText } from './text-decoder.js';

/**
 * The value ids of the columns that conditions name, looked up once per row for all the
 * condition tables of a file: skip rules and each field's code rules often read the same columns
 * (a type column, an operation column), and each lookup would otherwise be repeated per table.
 * A column's ids: 0 empty, 1…n a value some condition names, n + 1 any other value. Call
 * `nextRow` before the first condition of each row is matched.
 *
 * @example
 * const ids = new RowValueIds([{ TYPE: '1' }, { TYPE: '2', OP: 'X' }], header, decode);
 * ids.nextRow();
 * ids.id(row, ids.slot(header.indexOf('TYPE'))); // 1, 2, 0 (empty) or 3 (another value)
 */
export class RowValueIds {
  /** Value → id, per slot (a column some condition names). */
  readonly valueIds: readonly ReadonlyMap<string, number>[];
  /** Distinct ids per slot: n + 2. */
  readonly sizes: Int32Array;
  private readonly columns: Int32Array;
  private readonly slots = new Map<number, number>();
  private readonly values: readonly ByteCodeTable[];
  private readonly rowOf: Float64Array;
  private readonly idOf: Int32Array;
  /** Combinations of all slots' ids, or 0 when there are more than `maxJoint`. */
  readonly jointSize: number;
  private row = 0;
  private jointRow = -1;
  private jointIndex = 0;
  private readonly at = new FieldCursor();

  /**
   * Columns the header lacks are left out: the condition table naming them reports that. With
   * `maxJoint`, rows also get one index over every slot's id (`joint`) when the slots have at most
   * that many combinations, so each table answers with one array read.
   */
  constructor(conditions: readonly Condition[], header: readonly string[], decode: BytesToText, maxJoint = 0) {
    const columns: number[] = [];
    const valueIds: Map<string, number>[] = [];
    for (const c of conditions) {
      for (const [name, wanted] of Object.entries(c)) {
        const col = header.indexOf(name);
        if (col < 0) continue;
        let slot = this.slots.get(col);
        if (slot === undefined) {
          slot = columns.length;
          this.slots.set(col, slot);
          columns.push(col);
          valueIds.push(new Map());
        }
        const ids = valueIds[slot]!;
        for (const v of Array.isArray(wanted) ? wanted : [wanted]) if (v !== '' && !ids.has(v)) ids.set(v, ids.size + 1);
      }
    }
    this.columns = Int32Array.from(columns);
    this.valueIds = valueIds;
    this.sizes = Int32Array.from(valueIds, (ids) => ids.size + 2);
    this.values = valueIds.map((ids) => new ByteCodeTable(ids, decode));
    this.rowOf = new Float64Array(columns.length).fill(-1);
    this.idOf = new Int32Array(columns.length);
    let joint = 1;
    for (const n of this.sizes) joint *= n;
    this.jointSize = joint <= maxJoint ? joint : 0;
  }

  /** The slot of header column `col` (one the conditions name). */
  slot(col: number): number {
    return this.slots.get(col)!;
  }

  /** Forgets the ids of the previous row. */
  nextRow(): void {
    this.row++;
  }

  /** The row's index over all slots' ids (slot 0 varies fastest); needs a `jointSize`. */
  joint(rec: RawRecord): number {
    if (this.jointRow === this.row) return this.jointIndex;
    let index = 0;
    let stride = 1;
    for (let s = 0; s < this.sizes.length; s++) {
      index += this.id(rec, s) * stride;
      stride *= this.sizes[s]!;
    }
    this.jointRow = this.row;
    this.jointIndex = index;
    return index;
  }

  /** The slot's id in joint index `index`. */
  idInJoint(index: number, slot: number): number {
    for (let s = 0; s < slot; s++) index = Math.floor(index / this.sizes[s]!);
    return index % this.sizes[slot]!;
  }

  /** The id of the row's value in the slot's column, looked up on the first ask of the row. */
  id(rec: RawRecord, slot: number): number {
    if (this.rowOf[slot] === this.row) return this.idOf[slot]!;
    const at = this.at;
    let id = 0;
    if (at.column(rec, this.columns[slot]!)) {
      id = this.values[slot]!.lookup(at.buf, at.start, at.end);
      if (id < 0) id = this.sizes[slot]! - 1;
    }
    this.rowOf[slot] = this.row;
    this.idOf[slot] = id;
    return id;
  }
}
