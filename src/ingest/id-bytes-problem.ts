import { isUtf8 } from 'node:buffer';
import type { Encoding } from './text-decoder.js';

let strictGb18030: { decode(input: Uint8Array): string } | undefined;

/**
 * Why an id's bytes cannot be kept as they are, or undefined when they can. A control character
 * (C0, DEL, or a C1 control in UTF-8) would break a store (PostgreSQL refuses NUL in text) or a
 * rejects line; bytes invalid in the file's encoding would decode to U+FFFD, and two different
 * ids would then become one client. Only ids with a byte ≥ 0x80 pay for the encoding check.
 *
 * @example
 * idBytesProblem(Buffer.from('C1\0'), 0, 3, 'utf8'); // 'a control character (0x00)'
 */
export function idBytesProblem(buf: Uint8Array, start: number, end: number, encoding: Encoding): string | undefined {
  // The hot path (every transaction row, two ids): printable ASCII, one small loop the JIT inlines.
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x20 || c >= 0x7f) return slowProblem(buf, start, end, encoding);
  }
  return undefined;
}

function slowProblem(buf: Uint8Array, start: number, end: number, encoding: Encoding): string | undefined {
  let high = false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x20 || c === 0x7f) return `a control character (0x${c.toString(16).padStart(2, '0')})`;
    if (c >= 0x80) high = true;
  }
  if (!high) return undefined;
  const bytes = buf.subarray(start, end);
  if (encoding === 'utf8' || encoding === 'utf-8') {
    if (!isUtf8(bytes)) return 'bytes that are not valid UTF-8';
    // C1 controls U+0080–U+009F are C2 80 – C2 9F in UTF-8.
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] === 0xc2 && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0x9f) return `a control character (U+00${bytes[i + 1]!.toString(16).toUpperCase()})`;
    }
    return undefined;
  }
  strictGb18030 ??= new TextDecoder('gb18030', { fatal: true });
  try {
    strictGb18030.decode(bytes);
    return undefined;
  } catch {
    return `bytes that are not valid ${encoding.toUpperCase()}`;
  }
}
