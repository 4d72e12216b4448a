import { describe, expect, it } from 'vitest';
import { compareDrift, DEFAULT_DRIFT_THRESHOLDS, type DriftCounts, type NumericCounts } from '../../src/index.js';
import { bandOf, verdictReaches, worstVerdict } from '../../src/monitor/drift-verdict.js';

/** A feature whose bins hold `counts` values each equal to the bin's index. */
function feature(name: string, counts: number[]): NumericCounts {
  let sq = 0;
  counts.forEach((c, i) => { sq += c * i * i; });
  return { name, edges: counts.slice(1).map((_, i) => i + 0.5), counts, sums: counts.map((c, i) => [c * i]), sumSquares: [sq], missing: 0 };
}

function counts(rows: number, features: NumericCounts[], tier: Record<string, number>, segments: Record<string, number>, needs: Record<string, number> = { n: rows / 2 }): DriftCounts {
  return { rows, features, categories: { tier }, segments, risk: { low: rows / 2, high: rows / 2 }, needs };
}

describe('the drift verdict', () => {
  const reference = counts(1000, [feature('still', [250, 250, 250, 250]), feature('moved', [250, 250, 250, 250])], { mass: 800, hnw: 200 }, { 0: 500, 1: 500 });

  it('bands each statistic and takes the worst for features and overall', () => {
    const current = counts(1000, [feature('still', [250, 250, 250, 250]), feature('moved', [100, 200, 300, 400])], { mass: 800, hnw: 200 }, { 0: 500, 1: 500 });
    const report = compareDrift(reference, current);
    const [still, moved] = report.features;
    expect(still).toMatchObject({ name: 'still', kind: 'numeric', psi: 0, wasserstein: 0, verdict: 'ok' });
    // PSI of (¼,¼,¼,¼) → (0.1,0.2,0.3,0.4) with the ½ pseudo-count = Σ (aᵢ − eᵢ) ln(aᵢ/eᵢ) with eᵢ = 250.5/1002, a = (100.5, 200.5, 300.5, 400.5)/1002 ≈ 0.22716 (watch); W₁ = 0.5 over σ = 1.118 ≈ 0.447 (alert).
    expect(moved!.kind).toBe('numeric');
    if (moved!.kind !== 'numeric') return;
    expect(moved!.psi).toBeCloseTo(0.227161, 6);
    expect(moved!.wasserstein).toBeCloseTo(0.5 / Math.sqrt(1.25), 10);
    expect(moved!.current.mean).toBeCloseTo(2, 12);
    expect(moved!.verdict).toBe('alert');
    expect(report.features[2]).toMatchObject({ name: 'tier', kind: 'categorical', jensenShannon: 0, verdict: 'ok' });
    expect(report.verdict).toBe('alert');
    expect(report.lowSample).toBe(false);
  });

  it('judges segment shares as a mix and one by one', () => {
    const current = counts(1000, reference.features as NumericCounts[], { mass: 800, hnw: 200 }, { 0: 300, 1: 500, 2: 200 });
    const report = compareDrift(reference, current);
    expect(report.features.every((f) => f.verdict === 'ok')).toBe(true);
    const byName = Object.fromEntries(report.segments.categories.map((c) => [c.name, c]));
    expect(byName['2']).toMatchObject({ reference: 0, current: 0.2 });
    expect(byName['2']!.verdict).toBe('alert');
    expect(byName['1']!.verdict).toBe('ok');
    expect(report.segments.verdict).toBe('alert');
    expect(report.verdict).toBe('alert');
  });

  it('holds verdicts at ok below the minimum n, and leaves out categories the run did not count', () => {
    const small = counts(40, [feature('still', [40, 0, 0, 0]), feature('moved', [0, 0, 0, 40])], { mass: 0, hnw: 40 }, { 0: 40 }, { n: 0 });
    const report = compareDrift(reference, small);
    expect(report.lowSample).toBe(true);
    expect(report.verdict).toBe('ok');
    expect(report.features.every((f) => f.verdict === 'ok')).toBe(true);
    const noCategories = compareDrift(reference, { ...reference, categories: {} });
    expect(noCategories.features.map((f) => f.name)).toStrictEqual(['still', 'moved']);
    expect(() => compareDrift(reference, { ...reference, features: [feature('still', [1, 1, 1, 1])] })).toThrow(RangeError);
    expect(() => compareDrift(reference, { ...reference, features: [feature('still', [1, 1, 1]), feature('moved', [1, 1, 1])] })).toThrow(RangeError);
  });

  it('has documented bands', () => {
    expect(DEFAULT_DRIFT_THRESHOLDS.psi).toStrictEqual([0.1, 0.25]);
    expect([0.05, 0.1, 0.249, 0.25, Infinity, Number.NaN].map((v) => bandOf(v, [0.1, 0.25]))).toStrictEqual(['ok', 'watch', 'watch', 'alert', 'alert', 'ok']);
    expect(worstVerdict([])).toBe('ok');
    expect(worstVerdict(['ok', 'watch', 'ok'])).toBe('watch');
    expect([verdictReaches('watch', 'alert'), verdictReaches('alert', 'watch'), verdictReaches('watch', 'watch')]).toStrictEqual([false, true, true]);
  });
});
