/** Node's Buffer has these (undocumented, untyped) slicers; they skip toString's argument checks. */
interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Encodings a CSV input may be in; 'utf8' also reads UTF-8 with a BOM. */
export const ENCODINGS = ['utf8', 'utf-8', 'gbk', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Turns field bytes into text; ASCII-only bytes take a latin1 fast path in every encoding. */
export type BytesToText = (buf: Uint8Array, start: number, end: number) => string;

/**
 * A decoder for one input encoding. GBK and GB18030 both decode as GB18030 (a superset), and
 * ASCII bytes decode the same in all of them, so the common case never goes through TextDecoder.
 *
 * @example
 * textDecoder('gbk')(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), 0, 4); // '张三'
 */
export function textDecoder(encoding: Encoding): BytesToText {
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  const decoder = utf8 ? undefined : new TextDecoder('gb18030');
  return (buf, start, end) => {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    const b = (Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)) as unknown as FastSlices;
    if (ascii) return b.latin1Slice(start, end);
    return decoder ? decoder.decode(buf.subarray(start, end)) : b.utf8Slice(start, end);
  };
}
