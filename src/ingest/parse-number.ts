/** How numbers are written in a file: the byte of the decimal separator and of the optional thousands separator. */
export interface NumberFormat {
  /** Byte of the decimal separator; default '.' (0x2e). */
  readonly decimal: number;
  /** Byte of the thousands separator, or -1 for none (the default). */
  readonly thousands: number;
}

export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimal: 0x2e, thousands: -1 };

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses a decimal straight from bytes, without making a string: `-1234.5`, with a format
 * `1.234,5` or `1,234.5`. Surrounding spaces are ignored; thousands groups must have three digits.
 * Returns NaN when the text is not a number. Up to 15 significant digits the result is
 * `mantissa / 10^k`, one correctly rounded division, hence the same double as `Number(text)`.
 *
 * @example
 * parseNumberBytes(Buffer.from('1.234,56'), 0, 8, { decimal: 0x2c, thousands: 0x2e }); // 1234.56
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number, format: NumberFormat = DEFAULT_NUMBER_FORMAT): number {
  let i = start;
  let e = end;
  while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  while (e > i && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
  if (i === e) return NaN;
  let negative = false;
  const first = buf[i];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  const dec = format.decimal;
  const ths = format.thousands;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDecimal = false;
  let groups = 0;
  let groupLen = 0;
  for (; i < e; i++) {
    const c = buf[i]!;
    const d = c - 0x30;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (seenDecimal) fraction++;
      else groupLen++;
      continue;
    }
    if (c === dec && !seenDecimal) {
      if (groups > 0 && groupLen !== 3) return NaN;
      seenDecimal = true;
      continue;
    }
    if (c === ths && !seenDecimal) {
      if (groupLen === 0 || groupLen > 3 || (groups > 0 && groupLen !== 3)) return NaN;
      groups++;
      groupLen = 0;
      continue;
    }
    if ((c === 0x65 || c === 0x45) && digits > 0) return parseSlow(buf, start, end, format);
    return NaN;
  }
  if (digits === 0) return NaN;
  if (groups > 0 && !seenDecimal && groupLen !== 3) return NaN;
  if (digits > 15) return parseSlow(buf, start, end, format);
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
  return negative ? -value : value;
}

/** Long mantissas and exponents: normalise to JS syntax and let Number() round. */
function parseSlow(buf: Uint8Array, start: number, end: number, format: NumberFormat): number {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === format.thousands) continue;
    text += c === format.decimal ? '.' : String.fromCharCode(c);
  }
  text = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}
