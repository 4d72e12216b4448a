import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/ingest/scan-csv.js';
import { textDecoder } from '../../src/ingest/text-decoder.js';
import { fixtureDir } from './helpers.js';

interface Row { line: number; fields: string[]; malformed: boolean; raw: string }

async function rows(content: string | Uint8Array, opts: { delimiter?: string; chunkBytes?: number; maxRecordBytes?: number; encoding?: 'utf8' | 'gbk' } = {}): Promise<Row[]> {
  const dir = fixtureDir({ 'a.csv': content });
  const decode = textDecoder(opts.encoding ?? 'utf8');
  const out: Row[] = [];
  await scanCsv(join(dir, 'a.csv'), {
    decode, delimiter: (opts.delimiter ?? ',').charCodeAt(0), chunkBytes: opts.chunkBytes, maxRecordBytes: opts.maxRecordBytes,
  }, (r) => {
    const fields: string[] = [];
    for (let i = 0; i < r.count; i++) fields.push(decode(r.inScratch[i] ? r.scratch : r.buf, r.starts[i]!, r.ends[i]!));
    out.push({ line: r.line, fields, malformed: r.malformed, raw: r.rawText() });
  });
  return out;
}

describe('scanCsv', () => {
  it('splits LF and CRLF rows and skips blank lines (which still count as lines)', async () => {
    expect(await rows('a,b\r\n1,2\r\n\r\n3,\n\n')).toEqual([
      { line: 1, fields: ['a', 'b'], malformed: false, raw: 'a,b' },
      { line: 2, fields: ['1', '2'], malformed: false, raw: '1,2' },
      { line: 4, fields: ['3', ''], malformed: false, raw: '3,' },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines, and numbers lines physically', async () => {
    const csv = 'id,note\n1,"a,b"\n2,"say ""hi"""\n3,"line1\nline2\r\nline3"\n4,x';
    expect(await rows(csv)).toEqual([
      { line: 1, fields: ['id', 'note'], malformed: false, raw: 'id,note' },
      { line: 2, fields: ['1', 'a,b'], malformed: false, raw: '1,"a,b"' },
      { line: 3, fields: ['2', 'say "hi"'], malformed: false, raw: '2,"say ""hi"""' },
      { line: 4, fields: ['3', 'line1\nline2\r\nline3'], malformed: false, raw: '3,"line1\nline2\r\nline3"' },
      { line: 7, fields: ['4', 'x'], malformed: false, raw: '4,x' },
    ]);
  });

  it('gives the same rows whatever the chunk size (rows across read boundaries)', async () => {
    const csv = 'id,note\n' + Array.from({ length: 50 }, (_, i) => `${i},"q""${i}\n${'z'.repeat(i % 7)}",end`).join('\n') + '\n';
    const whole = await rows(csv);
    for (const chunkBytes of [1, 3, 7, 64]) expect(await rows(csv, { chunkBytes, maxRecordBytes: 64 })).toEqual(whole);
    expect(whole).toHaveLength(51);
    expect(whole[50]).toEqual({ line: 100, fields: ['49', 'q"49\n', 'end'], malformed: false, raw: '49,"q""49\n",end' });
  });

  it('strips a UTF-8 BOM and decodes UTF-8 text', async () => {
    const r = await rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名字,x\n张三,1\n')]));
    expect(r.map((x) => x.fields)).toEqual([['名字', 'x'], ['张三', '1']]);
  });

  it('reads GBK bytes with ASCII delimiters found on raw bytes', async () => {
    // 张三 = D5 C5 C8 FD; 李四 = C0 EE CB C4
    const bytes = Uint8Array.from([0x6e, 0x2c, 0x78, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a, 0x22, 0xc0, 0xee, 0x2c, 0xcb, 0xc4, 0x22, 0x2c, 0x32, 0x0a]);
    const r = await rows(bytes, { encoding: 'gbk' });
    expect(r.map((x) => x.fields)).toEqual([['n', 'x'], ['张三', '1'], ['李,四', '2']]);
    expect(r[2]!.raw).toBe('"李,四",2');
  });

  it('uses another delimiter', async () => {
    expect((await rows('a;b\n"1;2";3\n', { delimiter: ';' })).map((x) => x.fields)).toEqual([['a', 'b'], ['1;2', '3']]);
  });

  it('marks text after a closing quote as malformed and keeps going', async () => {
    const r = await rows('a,b\n"x"y,2\n3,4\n');
    expect(r.map((x) => [x.line, x.malformed, x.raw])).toEqual([[1, false, 'a,b'], [2, true, '"x"y,2'], [3, false, '3,4']]);
  });

  it('turns an unclosed quote into one malformed line and resumes on the next line', async () => {
    const r = await rows('a,b\n1,"oops\n2,3\n4,5');
    expect(r.map((x) => [x.line, x.malformed, x.fields.length, x.raw])).toEqual([
      [1, false, 2, 'a,b'], [2, true, 0, '1,"oops'], [3, false, 2, '2,3'], [4, false, 2, '4,5'],
    ]);
  });

  it('gives up on a quote still open after maxRecordBytes', async () => {
    const r = await rows(`a,b\n1,"${'x'.repeat(40)}\n${'y'.repeat(40)}\n2,3\n`, { chunkBytes: 16, maxRecordBytes: 32 });
    expect(r.map((x) => [x.line, x.malformed, x.fields.length])).toEqual([[1, false, 2], [2, true, 0], [3, false, 1], [4, false, 2]]);
  });

  it('stops after maxRecords at the next line start and resumes there with the same lines', async () => {
    const text = '\uFEFFa,b\n\n"x\ny",1\n2,3\n4,5';
    const dir = fixtureDir({ 'a.csv': text });
    const decode = textDecoder('utf8');
    const seen: [number, string][] = [];
    const onRow = (r: Parameters<Parameters<typeof scanCsv>[2]>[0]): void => { seen.push([r.line, r.rawText()]); };
    const path = join(dir, 'a.csv');
    const first = await scanCsv(path, { decode, maxRecords: 2 }, onRow);
    const bytes = Buffer.byteLength(text);
    expect(first).toEqual({ offset: Buffer.byteLength('\uFEFFa,b\n\n"x\ny",1\n'), line: 5 });
    const end = await scanCsv(path, { decode, startOffset: first.offset, firstLine: first.line }, onRow);
    expect(end).toEqual({ offset: bytes, line: 7 });
    expect(seen).toEqual([[1, 'a,b'], [3, '"x\ny",1'], [5, '2,3'], [6, '4,5']]);
  });
});
