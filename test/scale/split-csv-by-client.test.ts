import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOfClient } from '../../src/scale/shard-of-client.js';
import { splitCsvByClient } from '../../src/scale/split-csv-by-client.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-split-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const targets = (name: string, n: number) => Array.from({ length: n }, (_, s) => path.join(dir, `${name}-${s}.csv`));

describe('splitCsvByClient', () => {
  it('copies every row, byte for byte, to the shard of its client and the header to every shard', async () => {
    const rows = [
      'T1,C1,2026-01-02,10',
      'T2,"C2",2026-01-03,"1,5"',
      'T3, C1 ,2026-01-04,"multi\nline"',
      'T4,"C""3",2026-01-05,7',
      'T5,客户4,2026-01-06,8',
    ];
    const source = path.join(dir, 'tx.csv');
    await writeFile(source, '\uFEFFtxn_id,client_id,date,amount\r\n' + rows.join('\r\n') + '\r\n\r\n');
    const out = targets('tx', 3);
    const counts = await splitCsvByClient({ source, targets: out, mapping: undefined });
    expect(counts.rows.reduce((a, b) => a + b, 0)).toBe(5);
    const texts = await Promise.all(out.map((f) => readFile(f, 'utf8')));
    const expected = ['', '', ''].map(() => 'txn_id,client_id,date,amount\r\n');
    const ids = ['C1', 'C2', 'C1', 'C"3', '客户4'];
    rows.forEach((row, i) => { expected[shardOfClient(ids[i]!, 3)] += row + '\r\n'; });
    expect(texts).toEqual(expected);
  });

  it('finds the client id through the mapping and reads a GBK file', async () => {
    const source = path.join(dir, 'gbk.csv');
    const gbk = (text: string) => Buffer.from(new TextEncoder().encode(text));
    // "客户" in GBK is BF CD BB A7.
    await writeFile(source, Buffer.concat([gbk('LSH;KHH\n'), gbk('1;'), Buffer.from([0xbf, 0xcd, 0xbb, 0xa7]), gbk('9\n'), gbk('2;C7\n')]));
    const out = targets('gbk', 4);
    const counts = await splitCsvByClient({ source, targets: out, mapping: { encoding: 'gbk', delimiter: ';', columns: { client_id: 'KHH' } } });
    expect(counts.rows.reduce((a, b) => a + b, 0)).toBe(2);
    const gbkShard = shardOfClient('客户9', 4);
    const text = await readFile(out[gbkShard]!);
    expect(text.includes(Buffer.from([0xbf, 0xcd, 0xbb, 0xa7]))).toBe(true);
    expect((await readFile(out[shardOfClient('C7', 4)]!, 'latin1')).endsWith('2;C7\n')).toBe(true);
  });

  it('sends a row whose txn_id another client used first to that first row\'s shard', async () => {
    const source = path.join(dir, 'repeat.csv');
    // Two clients in different shards; T2 is used by both, T1 twice by one.
    const [a, b] = ['C1', 'C2', 'C3', 'C4', 'C5'].filter((id, _, all) => shardOfClient(id, 2) !== shardOfClient(all[0]!, 2) || id === all[0]);
    await writeFile(source, `txn_id,client_id\nT1,${a}\nT2,${a}\nT1,${a}\n"T""2",${b}\nT2 ,${b}\nT3,${b}\n`);
    const out = targets('repeat', 2);
    const counts = await splitCsvByClient({ source, targets: out, mapping: undefined, sameShardFor: 'txn_id' });
    expect(counts).toEqual({ rows: counts.rows, rerouted: 1 });
    const shardA = await readFile(out[shardOfClient(a!, 2)]!, 'utf8');
    const shardB = await readFile(out[shardOfClient(b!, 2)]!, 'utf8');
    expect(shardA).toBe(`txn_id,client_id\nT1,${a}\nT2,${a}\nT1,${a}\nT2 ,${b}\n`);
    expect(shardB).toBe(`txn_id,client_id\n"T""2",${b}\nT3,${b}\n`);
  });

  it('keeps an unclosed quote to one physical line, sent to the shard of the empty id', async () => {
    const source = path.join(dir, 'broken.csv');
    await writeFile(source, 'txn_id,client_id\nT1,"C1\nT2,C2\n');
    const out = targets('broken', 2);
    const counts = await splitCsvByClient({ source, targets: out, mapping: undefined });
    expect(counts.rows.reduce((a, b) => a + b, 0)).toBe(2);
    const all = (await Promise.all(out.map((f) => readFile(f, 'utf8')))).join('');
    expect(all).toContain('T1,"C1\n');
    expect(all).toContain('T2,C2\n');
    expect(await readFile(out[shardOfClient('', 2)]!, 'utf8')).toContain('T1,"C1\n');
  });

  it('refuses what it cannot split with the right code', async () => {
    await expect(splitCsvByClient({ source: path.join(dir, 'none.csv'), targets: targets('x', 2), mapping: undefined })).rejects.toMatchObject({ code: 'input_missing' });
    await expect(splitCsvByClient({ source: path.join(dir, 'data.parquet'), targets: targets('y', 2), mapping: undefined })).rejects.toMatchObject({ code: 'config_invalid' });
    const noId = path.join(dir, 'noid.csv');
    await writeFile(noId, 'txn_id,amount\nT1,3\n');
    await expect(splitCsvByClient({ source: noId, targets: targets('z', 2), mapping: undefined })).rejects.toMatchObject({ code: 'input_invalid' });
  });
});
