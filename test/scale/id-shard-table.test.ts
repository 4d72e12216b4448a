import { describe, expect, it } from 'vitest';
import { IdShardTable } from '../../src/scale/id-shard-table.js';

describe('IdShardTable', () => {
  it('remembers the first shard of every id through growth', () => {
    const table = new IdShardTable(16);
    const id = (i: number) => Buffer.from(`T${String(i).padStart(9, '0')}`);
    for (let i = 0; i < 50_000; i++) expect(table.shardFor(id(i), 0, 10, i % 7)).toBe(i % 7);
    expect(table.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(table.shardFor(id(i), 0, 10, 6 - (i % 7))).toBe(i % 7);
    expect(table.size).toBe(50_000);
  });

  it('knows shard 0 from an empty slot and tells ids by their bytes in range', () => {
    const table = new IdShardTable();
    const buf = Buffer.from('xxT1yyT1');
    expect(table.shardFor(buf, 2, 4, 0)).toBe(0);
    expect(table.shardFor(buf, 6, 8, 3)).toBe(0);
    expect(table.shardFor(buf, 0, 4, 3)).toBe(3);
  });
});
