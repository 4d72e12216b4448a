/**
 * Per-row results of a stretch of transaction rows, column-wise in one ArrayBuffer so a worker
 * thread can hand them to the main thread by transfer instead of copy (42 bytes a row). Row i
 * is accepted when `status[i]` is 0, else rejected with reason REJECT_REASONS[status[i] - 1].
 *
 * @example
 * const b = TxnBatch.create(1024);
 * b.day[0] = 19_800;
 * const same = TxnBatch.wrap(b.buffer, 1024); // same.day[0] === 19800
 */
export class TxnBatch {
  readonly amount: Float64Array;
  readonly clientIndex: Int32Array;
  readonly day: Int32Array;
  /** Lines from the stretch's first line to the row's (blank lines count). */
  readonly line: Int32Array;
  /** Byte offset of the row from the stretch's first byte, and its length without the line end. */
  readonly offset: Int32Array;
  readonly length: Int32Array;
  /** The txn_id's `hashId` pair at [2i, 2i + 1]. */
  readonly idHash: Uint32Array;
  readonly status: Uint8Array;
  readonly direction: Uint8Array;
  readonly type: Uint8Array;
  readonly assetClass: Int8Array;
  readonly productRisk: Int8Array;
  readonly isCny: Uint8Array;

  private constructor(readonly buffer: ArrayBuffer, readonly capacity: number) {
    const n = capacity;
    let at = 0;
    const take = (bytes: number): number => {
      const from = at;
      at += bytes * n;
      return from;
    };
    this.amount = new Float64Array(buffer, take(8), n);
    this.clientIndex = new Int32Array(buffer, take(4), n);
    this.day = new Int32Array(buffer, take(4), n);
    this.line = new Int32Array(buffer, take(4), n);
    this.offset = new Int32Array(buffer, take(4), n);
    this.length = new Int32Array(buffer, take(4), n);
    this.idHash = new Uint32Array(buffer, take(8), 2 * n);
    this.status = new Uint8Array(buffer, take(1), n);
    this.direction = new Uint8Array(buffer, take(1), n);
    this.type = new Uint8Array(buffer, take(1), n);
    this.assetClass = new Int8Array(buffer, take(1), n);
    this.productRisk = new Int8Array(buffer, take(1), n);
    this.isCny = new Uint8Array(buffer, take(1), n);
  }

  static create(capacity: number): TxnBatch {
    return new TxnBatch(new ArrayBuffer(capacity * TxnBatch.BYTES_PER_ROW), capacity);
  }

  /** Views a buffer made by `create(capacity)` (e.g. after a transfer). */
  static wrap(buffer: ArrayBuffer, capacity: number): TxnBatch {
    return new TxnBatch(buffer, capacity);
  }

  static readonly BYTES_PER_ROW = 8 + 5 * 4 + 8 + 6;
}
