import { describe, expect, it } from 'vitest';
import { idBytesProblem } from '../../src/ingest/id-bytes-problem.js';

const check = (bytes: number[] | string, encoding: 'utf8' | 'gbk' = 'utf8'): string | undefined => {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  // Inside a larger buffer, as the validators pass it.
  const framed = Buffer.concat([Buffer.from('xx'), buf, Buffer.from('yy')]);
  return idBytesProblem(framed, 2, 2 + buf.length, encoding);
};

describe('idBytesProblem', () => {
  it.each([
    ['plain ASCII', 'C0000001', undefined],
    ['Chinese in UTF-8', '客户张三', undefined],
    ['a real U+FFFD written in the file', 'C\uFFFD1', undefined],
    ['NUL', [0x43, 0x00, 0x31], 'a control character (0x00)'],
    ['tab', [0x43, 0x09, 0x31], 'a control character (0x09)'],
    ['DEL', [0x43, 0x7f], 'a control character (0x7f)'],
    ['a C1 control', [0x43, 0xc2, 0x85], 'a control character (U+0085)'],
    ['a lone continuation byte', [0x43, 0x80, 0x31], 'bytes that are not valid UTF-8'],
    ['a truncated sequence', [0x43, 0xe5, 0xbc], 'bytes that are not valid UTF-8'],
    ['an overlong NUL', [0x43, 0xc0, 0x80], 'bytes that are not valid UTF-8'],
  ])('UTF-8: %s', (_what, bytes, expected) => {
    expect(check(bytes)).toBe(expected);
  });

  it.each([
    ['张三 in GBK', [0xd5, 0xc5, 0xc8, 0xfd], undefined],
    ['a four-byte GB18030 character', [0x81, 0x30, 0x81, 0x30], undefined],
    ['0xFF, which GBK never uses', [0x43, 0xff], 'bytes that are not valid GBK'],
    ['a lead byte without its trail', [0x43, 0xd5], 'bytes that are not valid GBK'],
    ['NUL', [0xd5, 0xc5, 0x00], 'a control character (0x00)'],
  ])('GBK: %s', (_what, bytes, expected) => {
    expect(check(bytes, 'gbk')).toBe(expected);
  });
});
