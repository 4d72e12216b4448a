import type { BytesToText } from './text-decoder.js';

const CACHE_LIMIT = 4096;
const MEMO_VOCABULARY = 64;
const MEMO_SLOTS = 64;

/** A filled table's arrays: a lookup table starts from them (cloned to a worker too) instead of seeding from strings. */
export interface ByteTableState {
  readonly slots: Int32Array;
  readonly pool: Uint8Array;
  readonly poolUsed: number;
  readonly entries: number;
}

/**
 * Keys built from bytes: ASCII spellings in `bytes` (they read the same in every input encoding),
 * the rest in `text`, looked up after decoding. What the accounts reader hands the transactions.
 */
export interface ByteKeyedCodes {
  readonly bytes: ByteTableState;
  readonly text: ReadonlyMap<string, number>;
}

/**
 * Looks a coded value up from its bytes without making a string: an open-addressing table of the
 * ASCII spellings, filled lazily for the rest. A miss decodes the bytes once, looks the text up in
 * `codes` and caches the answer (unknown values too, up to 4,096 entries), so a GBK code such as
 * '买入' costs one decode per distinct spelling, not per row. Also serves client ids (one entry per
 * client), so transactions find their client without making a string.
 *
 * @example
 * const t = new ByteCodeTable(new Map([['buy', 5]]), textDecoder('utf8'));
 * t.lookup(Buffer.from('buy'), 0, 3); // 5; unknown spellings give -1
 */
export class ByteCodeTable {
  // One slot = [hash, pool offset (-1: empty), length, value], interleaved so a probe touches one
  // cache line; bytes are compared only when the hash matches.
  private slots: Int32Array = emptySlots(256);
  private mask = 255;
  private pool: Uint8Array = new Uint8Array(4096);
  private poolUsed = 0;
  private entries = 0;
  // Vocabulary tables (a few dozen spellings) also keep a direct-mapped memo of hits, indexed by
  // length, first and last byte: one compare instead of hashing every byte and probing. Entry =
  // [pool offset (-1: empty), length, value]. Id tables (thousands of similar spellings) go without.
  private readonly memo: Int32Array | undefined;
  private seeded: number;

  /**
   * With `state`, the table starts from those arrays (a copy of them, unless `adopt`: arrays that
   * came to a worker in a message are its own already) and `codes` is only the fallback for
   * spellings not in them; `capacity` sizes an empty table that `add` will fill.
   */
  constructor(
    private readonly codes: ReadonlyMap<string, number>, private readonly decode: BytesToText,
    state?: ByteTableState, capacity = 0, adopt = false,
  ) {
    if (state) {
      this.slots = adopt ? state.slots : state.slots.slice();
      this.mask = (state.slots.length >> 2) - 1;
      this.pool = adopt ? state.pool : state.pool.slice();
      this.poolUsed = state.poolUsed;
      this.entries = state.entries;
      this.seeded = state.entries;
      this.memo = undefined;
      return;
    }
    // Sized for the seeds up front: an id table (tens of thousands of accounts) then fills
    // without a dozen rehashes and pool copies.
    let slots = 256;
    while (slots < 2 * (Math.max(codes.size, capacity) + 1)) slots *= 2;
    if (slots > 256) {
      this.slots = emptySlots(slots);
      this.mask = slots - 1;
      let chars = 0;
      for (const text of codes.keys()) chars += text.length;
      this.pool = new Uint8Array(Math.max(4096, chars, capacity * 16));
    }
    for (const [text, code] of codes) if (text.length <= 1024) this.seed(text, code);
    this.seeded = this.entries;
    this.memo = codes.size <= MEMO_VOCABULARY && capacity === 0 ? new Int32Array(MEMO_SLOTS * 3).fill(-1) : undefined;
  }

  /** The code of the bytes, or -1 when they spell no known value. */
  lookup(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const { pool, memo } = this;
    let m = -1;
    if (memo && len > 0) {
      m = (((len * 31) ^ buf[start]! ^ (buf[end - 1]! << 3)) & (MEMO_SLOTS - 1)) * 3;
      const off = memo[m]!;
      if (off >= 0 && memo[m + 1] === len) {
        let k = 0;
        while (k < len && pool[off + k] === buf[start + k]) k++;
        if (k === len) return memo[m + 2]!;
      }
    }
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const { slots, mask } = this;
    for (let slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const off = slots[at + 1]!;
      if (off < 0) break;
      if (slots[at] !== h || slots[at + 2] !== len) continue;
      let k = 0;
      while (k < len && pool[off + k] === buf[start + k]) k++;
      if (k === len) {
        if (memo && m >= 0) {
          memo[m] = off;
          memo[m + 1] = len;
          memo[m + 2] = slots[at + 3]!;
        }
        return slots[at + 3]!;
      }
    }
    const code = this.codes.get(this.decode(buf, start, end)) ?? -1;
    if (this.entries - this.seeded < CACHE_LIMIT) this.insert(buf, start, end, code);
    return code;
  }

  /**
   * The code stored for exactly these bytes; when they are not in the table, adds them with
   * `code` (as a key of its own, not a cached miss) and returns -1. No decoding.
   */
  findOrAdd(buf: Uint8Array, start: number, end: number, code: number): number {
    const len = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const { slots, mask, pool } = this;
    for (let slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const off = slots[at + 1]!;
      if (off < 0) break;
      if (slots[at] !== h || slots[at + 2] !== len) continue;
      let k = 0;
      while (k < len && pool[off + k] === buf[start + k]) k++;
      if (k === len) return slots[at + 3]!;
    }
    this.insert(buf, start, end, code, h);
    this.seeded++;
    return -1;
  }

  /** Replaces every stored code c by `to[c]`. */
  remapCodes(to: Int32Array): void {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 4) if (slots[at + 1]! >= 0) slots[at + 3] = to[slots[at + 3]!]!;
  }

  /** The arrays behind the table, to start other tables from (see the constructor's `state`). */
  state(): ByteTableState {
    return { slots: this.slots, pool: this.pool, poolUsed: this.poolUsed, entries: this.entries };
  }

  /** Adds a printable-ASCII spelling straight into the pool (its bytes are its char codes); others wait for a lookup. */
  private seed(text: string, code: number): void {
    const len = text.length;
    if ((this.entries + 1) * 2 > this.mask + 1) this.grow();
    if (this.poolUsed + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const pool = this.pool;
    const off = this.poolUsed;
    let h = 0x811c9dc5;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return;
      pool[off + i] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.place(h, off, len, code);
    this.poolUsed += len;
    this.entries++;
  }

  private insert(buf: Uint8Array, start: number, end: number, code: number, hash?: number): void {
    if ((this.entries + 1) * 2 > this.mask + 1) this.grow();
    const len = end - start;
    if (this.poolUsed + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const pool = this.pool;
    const off = this.poolUsed;
    for (let i = 0; i < len; i++) pool[off + i] = buf[start + i]!;
    let h = hash ?? 0x811c9dc5;
    if (hash === undefined) for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    this.place(h, off, len, code);
    this.poolUsed += len;
    this.entries++;
  }

  private place(h: number, off: number, len: number, code: number): void {
    const { slots, mask } = this;
    let slot = (h ^ (h >>> 16)) & mask;
    while (slots[(slot << 2) + 1]! >= 0) slot = (slot + 1) & mask;
    const at = slot << 2;
    slots[at] = h;
    slots[at + 1] = off;
    slots[at + 2] = len;
    slots[at + 3] = code;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = emptySlots(size);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1]! >= 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}

/** Every field -1 (one native fill): a slot is empty while its pool offset is -1; `place` sets all four. */
function emptySlots(n: number): Int32Array {
  return new Int32Array(n * 4).fill(-1);
}
