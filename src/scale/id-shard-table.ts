import { hashId } from '../ingest/hash-id-set.js';

/**
 * The shard each id was first sent to, keyed by the id's 64-bit hash (ingest's hashId, so two ids
 * are the same here exactly when ingest's duplicate check finds them the same): 10 bytes a slot,
 * open addressing, doubling at 3/4 load — about 20 bytes per id, and no id text.
 *
 * @example
 * const first = new IdShardTable();
 * first.shardFor(Buffer.from('T1'), 0, 2, 3); // 3: new, remembered as shard 3
 * first.shardFor(Buffer.from('T1'), 0, 2, 5); // 3: seen before, in shard 3
 */
export class IdShardTable {
  // Slot i holds (h1, h2) at [2i, 2i+1] and its shard + 1 at shards[i]; 0 there marks an empty slot.
  private slots: Uint32Array;
  private shards: Uint16Array;
  private mask: number;
  private count = 0;
  private readonly pair = new Uint32Array(2);

  constructor(initialCapacity = 1 << 16) {
    let size = 16;
    while (size < initialCapacity) size *= 2;
    this.slots = new Uint32Array(size * 2);
    this.shards = new Uint16Array(size);
    this.mask = size - 1;
  }

  get size(): number { return this.count; }

  /** The shard the id went to first; when the id is new, `shard`, which is remembered for it. */
  shardFor(buf: Uint8Array, start: number, end: number, shard: number): number {
    hashId(buf, start, end, this.pair, 0);
    return this.put(this.pair[0]!, this.pair[1]!, shard);
  }

  private put(h1: number, h2: number, shard: number): number {
    const { slots, shards, mask } = this;
    let slot = h1 & mask;
    while (shards[slot] !== 0) {
      if (slots[slot << 1] === h1 && slots[(slot << 1) + 1] === h2) return shards[slot]! - 1;
      slot = (slot + 1) & mask;
    }
    slots[slot << 1] = h1;
    slots[(slot << 1) + 1] = h2;
    shards[slot] = shard + 1;
    this.count++;
    if (this.count * 4 > (mask + 1) * 3) this.grow();
    return shard;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldShards = this.shards;
    this.slots = new Uint32Array(oldSlots.length * 2);
    this.shards = new Uint16Array(oldShards.length * 2);
    this.mask = oldShards.length * 2 - 1;
    this.count = 0;
    for (let i = 0; i < oldShards.length; i++) {
      if (oldShards[i] !== 0) this.put(oldSlots[i << 1]!, oldSlots[(i << 1) + 1]!, oldShards[i]! - 1);
    }
  }
}
