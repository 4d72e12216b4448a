import type { Encoding } from './text-decoder.js';

let gbkTable: Map<string, number> | undefined;

/** Character → two-byte GBK code, built once by decoding every two-byte sequence. */
function gbkCodes(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, number>();
  const decoder = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

/**
 * Text as bytes in an input's encoding (mapping constants must match the file's own bytes).
 * Returns undefined for a character GBK cannot write in two bytes.
 *
 * @example
 * encodeText('张三', 'gbk'); // Uint8Array [0xd5, 0xc5, 0xc8, 0xfd]
 */
export function encodeText(text: string, encoding: Encoding): Uint8Array | undefined {
  if (encoding === 'utf8' || encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = gbkCodes().get(ch);
    if (code === undefined) return undefined;
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}
