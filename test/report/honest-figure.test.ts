import { describe, expect, it } from 'vitest';
import { honestCell, honestText, tooFew } from '../../src/report/honest-figure.js';

const ci = { low: 0.55, high: 0.67, level: 0.95, resamples: 200 };

describe('honest figures', () => {
  it('withhold a figure measured on fewer than 20 positives and say how many there were', () => {
    expect(honestText(0.9, 19, ci)).toBe('too few: 19');
    expect(honestCell(0.9, 19, ci)).toStrictEqual({ html: '<span class="too-few"><span lang="zh">过少: 19</span><span lang="en">too few: 19</span></span>' });
    expect(tooFew(0)).toStrictEqual({ zh: '过少: 0', en: 'too few: 0' });
  });

  it('show the figure with its interval from 20 positives on', () => {
    expect(honestText(0.612, 20, ci)).toBe('0.612 (95% CI 0.550–0.670)');
    expect(honestCell(0.612, 20, ci)).toStrictEqual({ html: '0.612 (0.550–0.670)' });
    expect(honestText(0.612, 500)).toBe('0.612');
    expect(honestCell(Number.NaN, 500, null)).toStrictEqual({ html: '—' });
  });
});
