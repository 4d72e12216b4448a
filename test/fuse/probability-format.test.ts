import { describe, expect, it } from 'vitest';
import { fullProbability, Rng } from '../../src/index.js';

const significantDigits = (s: string): number => s.replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;

describe('fullProbability', () => {
  it('writes a float32 with the digits it holds and no float64 noise', () => {
    expect([0.3, 0.123456789, 0.5, 1, 0, 1e-8, 0.99999994].map((v) => fullProbability(Math.fround(v))))
      .toStrictEqual(['0.3', '0.12345679', '0.5', '1', '0', '1e-8', '0.99999994']);
    expect(String(Math.fround(0.3))).toBe('0.30000001192092896');
  });

  it('reads back as exactly the same float32, in at most 9 significant digits, for any probability', () => {
    const rng = new Rng('float32');
    for (let i = 0; i < 20_000; i++) {
      const v = Math.fround(i % 2 === 0 ? rng.next() : rng.next() ** 8);
      const s = fullProbability(v);
      expect(Math.fround(Number(s))).toBe(v);
      expect(significantDigits(s)).toBeLessThanOrEqual(9);
    }
  });

  it('keeps more than toFixed(4) does', () => {
    const v = Math.fround(0.01234567);
    expect(v.toFixed(4)).toBe('0.0123');
    expect(fullProbability(v)).toBe('0.01234567');
  });

  it('writes a value that is not a float32 in full', () => {
    expect([0.1, Number.NaN].map(fullProbability)).toStrictEqual(['0.1', 'NaN']);
  });
});
