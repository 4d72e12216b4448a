import { describe, expect, it } from 'vitest';
import { confusionMatrixChart } from '../../src/report/charts/confusion-matrix-chart.js';
import { kSelectionChart } from '../../src/report/charts/k-selection-chart.js';
import { reliabilityChart } from '../../src/report/charts/reliability-chart.js';
import { shareBarsChart } from '../../src/report/charts/share-bars-chart.js';

/** The outer svg's declared size: every chart must have one, or a browser may draw it as nothing. */
function size(svg: string): [number, number] {
  const open = /^<svg[^>]*>/.exec(svg)![0];
  return [Number(/width="(\d+)"/.exec(open)![1]), Number(/height="(\d+)"/.exec(open)![1])];
}

describe('inline charts', () => {
  it('draws the k-selection curve with a point per k and a rule at the chosen k, also for a single fixed k', () => {
    const curve = [3, 4, 5].map((k) => ({ k, inertia: 1000 / k, silhouette: 0.2 + k / 100, daviesBouldin: 1.5 - k / 10 }));
    const svg = kSelectionChart(curve, 4, { title: 'k' });
    expect(svg.match(/<circle/g)).toHaveLength(9);
    expect(svg).toContain('k = 4');
    // Each measure on its own scale: silhouette's best k sits at the top of its panel, and
    // Davies–Bouldin's best (lowest) at the bottom of its own, not squeezed onto one axis.
    const cy = (name: string, k: number) => Number(new RegExp(`cy="([\\d.]+)"[^>]*><title>${name} at k = ${k}:`).exec(svg)![1]);
    expect(cy('silhouette ↑', 5)).toBeLessThan(cy('silhouette ↑', 3) - 50);
    expect(cy('Davies–Bouldin ↓', 5)).toBeGreaterThan(cy('Davies–Bouldin ↓', 3) + 50);
    // Davies–Bouldin's panel lies below silhouette's: no point of one inside the other's band.
    expect(Math.min(cy('Davies–Bouldin ↓', 3), cy('Davies–Bouldin ↓', 5))).toBeGreaterThan(Math.max(cy('silhouette ↑', 3), cy('silhouette ↑', 5)));
    const one = kSelectionChart([curve[0]!], 3, { title: 'k' });
    expect(one.match(/<circle/g)).toHaveLength(3);
    expect(one).not.toContain('NaN');
    expect(size(one).every((v) => v > 0)).toBe(true);
  });

  it('draws the reliability curve through the non-empty bins only, and an empty one without failing', () => {
    const bins = Array.from({ length: 10 }, (_, b) => ({ lower: b / 10, upper: (b + 1) / 10, count: b >= 5 ? 10 : 0, confidence: b >= 5 ? b / 10 + 0.05 : 0, accuracy: b >= 5 ? b / 10 : 0 }));
    const svg = reliabilityChart(bins, { title: 'r', ece: 0.05 });
    expect(svg.match(/<circle/g)).toHaveLength(5);
    expect(svg).toContain('ECE 0.050');
    const empty = reliabilityChart(bins.map((b) => ({ ...b, count: 0 })), { title: 'r' });
    expect(empty).not.toContain('<circle');
    expect(empty).not.toContain('NaN');
  });

  it('shows each confusion cell with its count and row share, a row without rows as zeros', () => {
    const svg = confusionMatrixChart([[3, 1], [0, 0]], ['a', 'b'], { title: 'c' });
    expect(svg).toContain('true a, predicted a: 3 (75.0% of the row)');
    expect(svg).toContain('true b, predicted b: 0 (0.0% of the row)');
    expect(svg).not.toContain('NaN');
  });

  it('splits each bar by share and leaves an empty row grey', () => {
    const svg = shareBarsChart([{ label: 's1', counts: { x: 1, y: 3 } }, { label: 's2', counts: {} }], [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }], { title: 'mix' });
    expect(svg).toContain('s1: Y 3 (75.0%)');
    expect(svg).not.toContain('s2: X');
    expect(size(svg).every((v) => v > 0)).toBe(true);
  });
});
