import { describe, expect, it } from 'vitest';
import { fnv1a32, shardOfClient } from '../../src/scale/shard-of-client.js';

describe('shardOfClient', () => {
  it('is FNV-1a 32-bit, matching the published test vectors', () => {
    const of = (text: string) => fnv1a32(Buffer.from(text, 'utf8'));
    expect(of('')).toBe(0x811c9dc5);
    expect(of('a')).toBe(0xe40c292c);
    expect(of('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of the id, modulo the shard count', () => {
    expect(shardOfClient('foobar', 7)).toBe(0xbf9cf968 % 7);
    expect(shardOfClient('客户001', 5)).toBe(fnv1a32(Buffer.from('客户001', 'utf8')) % 5);
  });

  it('spreads sequential ids evenly over the shards', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 16_000; i++) counts[shardOfClient(`C${String(i).padStart(7, '0')}`, 8)]!++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});
