import { describe, expect, it } from 'vitest';
import { overrideRateFigure } from '../../src/report/override-rate-figure.js';

describe('overrideRateFigure', () => {
  it('draws a bar per segment and lists the counts, escaped', () => {
    const html = overrideRateFigure([
      { segment: 0, nameZh: '稳健持有型', nameEn: 'steady holder', clients: 40, overridden: 4, riskOverrides: 3, needDismissals: 2, rate: 0.1 },
      { segment: 1, nameZh: '<b>', nameEn: '<b>', clients: 10, overridden: 0, riskOverrides: 0, needDismissals: 0, rate: 0 },
    ]);
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain('0 steady holder: 0.1');
    expect(html).toContain('<td>40</td><td>4</td><td>3</td><td>2</td><td>0.100</td>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('1 &lt;b&gt;');
  });
});
