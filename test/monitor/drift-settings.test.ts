import { describe, expect, it } from 'vitest';
import { compareDrift, DriftSettingsSchema, mergeDriftSettings, type DriftCounts, type NumericCounts } from '../../src/index.js';

/** A feature whose bins hold `counts` values each equal to the bin's index (as in compare-drift.test.ts). */
function feature(name: string, counts: number[]): NumericCounts {
  let sq = 0;
  counts.forEach((c, i) => { sq += c * i * i; });
  return { name, edges: counts.slice(1).map((_, i) => i + 0.5), counts, sums: counts.map((c, i) => [c * i]), sumSquares: [sq], missing: 0 };
}
const counts = (features: NumericCounts[], tier: Record<string, number>): DriftCounts =>
  ({ rows: 1000, features, categories: { tier }, segments: { 0: 500, 1: 500 }, risk: { low: 500, high: 500 }, needs: { n: 500 } });

const reference = counts([feature('still', [250, 250, 250, 250]), feature('moved', [250, 250, 250, 250])], { mass: 800, hnw: 200 });
// PSI 0.2272 (watch on 0.1/0.25), normalised Wasserstein 0.447 (alert on 0.1/0.2): see compare-drift.test.ts.
const current = counts([feature('still', [250, 250, 250, 250]), feature('moved', [100, 200, 300, 400])], { mass: 800, hnw: 200 });

describe('drift settings', () => {
  it('judge one feature on its own bands, leaving the others on the global ones', () => {
    expect(compareDrift(reference, current).features[1]!.verdict).toBe('alert');
    const ownWasserstein = compareDrift(reference, current, { features: { moved: { wasserstein: [0.5, 1] } } });
    const moved = ownWasserstein.features[1]!;
    // Wasserstein 0.447 is now ok; PSI 0.227 is still watch on the global PSI bands.
    expect(moved).toMatchObject({ name: 'moved', verdict: 'watch', thresholds: { psi: [0.1, 0.25], wasserstein: [0.5, 1], jensenShannon: [0.1, 0.2], minRows: 100 } });
    expect(ownWasserstein.verdict).toBe('watch');
    const both = compareDrift(reference, current, { features: { moved: { psi: [0.3, 0.5], wasserstein: [0.5, 1] } } });
    expect([both.features[1]!.verdict, both.verdict]).toStrictEqual(['ok', 'ok']);
    // A band just under the measured PSI puts it back: the band is used, not ignored.
    expect(compareDrift(reference, current, { features: { moved: { psi: [0.1, 0.227], wasserstein: [0.5, 1] } } }).verdict).toBe('alert');
    expect(both.features[0]).not.toHaveProperty('thresholds');
    expect(both.thresholds.psi).toStrictEqual([0.1, 0.25]);
  });

  it('move the global bands for every feature without a rule', () => {
    const loose = compareDrift(reference, current, { thresholds: { psi: [0.3, 0.5], wasserstein: [0.5, 1] } });
    expect(loose.verdict).toBe('ok');
    expect(loose.thresholds).toStrictEqual({ psi: [0.3, 0.5], wasserstein: [0.5, 1], jensenShannon: [0.1, 0.2], minRows: 100 });
  });

  it('exclude a feature from the verdict while still measuring, marking and plotting it', () => {
    const report = compareDrift(reference, current, { features: { moved: { exclude: true } } });
    expect(report.verdict).toBe('ok');
    const moved = report.features[1]!;
    expect(moved).toMatchObject({ name: 'moved', verdict: 'alert', excluded: true });
    expect(moved.kind === 'numeric' && moved.distribution).toStrictEqual({ edges: [0.5, 1.5, 2.5], reference: [250, 250, 250, 250], current: [100, 200, 300, 400] });
    // An ok feature carries no plot data.
    expect(report.features[0]).not.toHaveProperty('distribution');
    // A categorical column and the segment mix are excluded by name the same way.
    const tiers = counts(current.features as NumericCounts[], { mass: 500, hnw: 500 });
    expect(compareDrift(reference, tiers, { features: { moved: { exclude: true } } }).verdict).toBe('alert');
    expect(compareDrift(reference, tiers, { features: { moved: { exclude: true }, tier: { exclude: true } } }).verdict).toBe('ok');
  });

  it('are strict JSON: a misspelt key or a band upside down is refused', () => {
    expect(DriftSettingsSchema.safeParse({ features: { x: { exclued: true } } }).success).toBe(false);
    expect(DriftSettingsSchema.safeParse({ thresholds: { psi: [0.3, 0.1] } }).success).toBe(false);
    expect(DriftSettingsSchema.parse({ reference: { kind: 'seasonal' } })).toStrictEqual({ reference: { kind: 'seasonal', monthsBack: 12, toleranceDays: 3 } });
  });

  it('merge flags over a pipeline block feature by feature', () => {
    const merged = mergeDriftSettings(
      { thresholds: { psi: [0.2, 0.3] }, features: { a: { exclude: true }, b: { psi: [0.2, 0.4] } }, reference: { kind: 'model' } },
      { thresholds: { minRows: 50 }, features: { b: { exclude: true } }, reference: { kind: 'pooled', months: 3 } },
    );
    expect(merged).toStrictEqual({
      thresholds: { psi: [0.2, 0.3], minRows: 50 },
      features: { a: { exclude: true }, b: { psi: [0.2, 0.4], exclude: true } },
      reference: { kind: 'pooled', months: 3 },
    });
  });
});
