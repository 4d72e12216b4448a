import { describe, expect, it } from 'vitest';
import { buildDriftReference, compareDrift, countDrift, parseDriftReference, type DriftReference, type FeatureMatrix, type NumericDrift, type PredictionCounts } from '../../src/index.js';
import { quantileEdges } from '../../src/monitor/histogram.js';
import { atomEdges, isolateConstant, nextAbove, trainingAtom, trainingConstant } from '../../src/monitor/training-constant.js';

/**
 * `rows` clients with two features: `spread` = i mod 10 (an ordinary feature) and `insurance`,
 * 0 for everyone except the first `moved` clients, who have `movedTo`.
 */
function matrixOf(rows: number, moved = 0, movedTo = 0.3, constant = 0): FeatureMatrix {
  const values = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    values[i * 2] = i % 10;
    values[i * 2 + 1] = i < moved ? movedTo : constant;
  }
  return { names: ['spread', 'insurance'], clientIds: Array.from({ length: rows }, (_, i) => `C${i}`), rows, cols: 2, values };
}

function predictionsOf(rows: number): PredictionCounts {
  return { segmentIds: new Int32Array(rows), riskClass: new Int32Array(rows), riskClasses: ['low'], needs: new Uint8Array(0), needNames: [] };
}

const reference = buildDriftReference(matrixOf(2000), predictionsOf(2000));

function driftOf(rows: number, moved: number, movedTo = 0.3, ref: DriftReference = reference, constant = 0): { spread: NumericDrift; insurance: NumericDrift; verdict: string; lowSample: boolean } {
  const current = countDrift(matrixOf(rows, moved, movedTo, constant), ref.features, {}, predictionsOf(rows));
  const report = compareDrift(ref, current);
  const [spread, insurance] = report.features as NumericDrift[];
  return { spread: spread!, insurance: insurance!, verdict: report.verdict, lowSample: report.lowSample };
}

/** Jensen–Shannon distance (base 2) between "everyone at the constant" and a share p away, by hand. */
function jensenShannonOfShare(p: number): number {
  const m = 1 - p / 2;
  const away = p > 0 ? p * Math.log2(p / (p / 2)) : 0;
  const at = p < 1 ? (1 - p) * Math.log2((1 - p) / m) : 0;
  return Math.sqrt(0.5 * Math.log2(1 / m) + 0.5 * (at + away));
}

describe('a feature constant at training', () => {
  it('gets a bin of its own in the drift reference, so a move up is counted', () => {
    const insurance = reference.features[1]!;
    expect(insurance.edges).toStrictEqual([0, Number.MIN_VALUE]);
    expect(insurance.counts).toStrictEqual([0, 2000, 0]);
    expect(trainingConstant(insurance)).toStrictEqual({ value: 0, bin: 1 });
    expect(reference.features[0]!.counts).toHaveLength(10);
    expect(trainingConstant(reference.features[0]!)).toBeUndefined();
    // Clients moving up land in the bin above the constant's, and down in the one below.
    const current = countDrift(matrixOf(1000, 30, 0.3), reference.features, {}, predictionsOf(1000));
    expect(current.features[1]!.counts).toStrictEqual([0, 970, 30]);
    expect(countDrift(matrixOf(1000, 30, -1), reference.features, {}, predictionsOf(1000)).features[1]!.counts).toStrictEqual([30, 970, 0]);
  });

  it('is judged by the share of clients away from its value: 0.2 % ok, 2 % watch, 10 % alert', () => {
    // Jensen–Shannon of the split at / away with a category share's bands (0.1, 0.2): watch from
    // 2.0 % of clients away (1.9 % gives 0.0978), alert from 7.8 % (7.7 % gives 0.1990).
    const cases = [[2, 'ok'], [19, 'ok'], [20, 'watch'], [50, 'watch'], [77, 'watch'], [78, 'alert'], [100, 'alert']] as const;
    for (const [moved, verdict] of cases) {
      const { insurance, verdict: overall } = driftOf(1000, moved);
      const share = moved / 1000;
      expect({ moved, verdict: insurance.verdict, overall }).toStrictEqual({ moved, verdict, overall: verdict });
      expect(insurance.constantAtTraining!.value).toBe(0);
      expect(insurance.constantAtTraining!.shareAway).toBe(share);
      expect(insurance.constantAtTraining!.jensenShannon).toBeCloseTo(jensenShannonOfShare(share), 12);
      // The σ-normalised distance is still reported, and is what used to alert on any move.
      expect(insurance.wasserstein).toBe(Infinity);
    }
    // A move down is a move too; nothing moved is 0.
    expect(driftOf(1000, 100, -0.5).insurance.constantAtTraining!.shareAway).toBe(0.1);
    expect(driftOf(1000, 0).insurance).toMatchObject({ wasserstein: 0, constantAtTraining: { value: 0, shareAway: 0, jensenShannon: 0 }, verdict: 'ok' });
  });

  it('leaves an ordinary feature as it was judged, and keeps the minimum-n guard', () => {
    const { spread } = driftOf(1000, 100);
    expect(spread.constantAtTraining).toBeUndefined();
    expect(spread).toMatchObject({ psi: 0, wasserstein: 0, verdict: 'ok' });
    // The ordinary feature moved: PSI and Wasserstein still decide (all ten deciles into the top one).
    const shifted = countDrift({ ...matrixOf(1000), values: matrixOf(1000).values.map((v, i) => (i % 2 === 0 ? 9 : v)) }, reference.features, {}, predictionsOf(1000));
    expect(compareDrift(reference, shifted).features[0]!.verdict).toBe('alert');
    // 20 % away, but only 50 clients: held at ok, the share still reported.
    const small = driftOf(50, 10);
    expect(small.lowSample).toBe(true);
    expect(small.insurance.verdict).toBe('ok');
    expect(small.insurance.constantAtTraining!.shareAway).toBe(0.2);
  });

  it('gets its own bin in an older bundle\'s reference too, exactly, and only when it was constant', () => {
    // How bundles were counted before: training deciles, a constant column on one edge c, its bin [c, ∞).
    const legacy = (constant: number) => {
      const matrix = matrixOf(2000, 0, 0, constant);
      const column = Array.from({ length: 2000 }, (_, i) => matrix.values[i * 2 + 1]!);
      const edges = [{ name: 'spread', edges: quantileEdges(Array.from({ length: 2000 }, (_, i) => i % 10)) }, { name: 'insurance', edges: quantileEdges(column) }];
      return { format: reference.format, ...countDrift(matrix, edges, {}, predictionsOf(2000)) };
    };
    const [, atZero] = legacy(0).features;
    expect(atZero).toStrictEqual({ name: 'insurance', edges: [0], counts: [0, 2000], sums: [[], []], sumSquares: [], missing: 0 });
    expect(isolateConstant(atZero!)).toStrictEqual({ name: 'insurance', edges: [0, 5e-324], counts: [0, 2000, 0], sums: [[], [], []], sumSquares: [], missing: 0 });
    expect(isolateConstant(legacy(3.7).features[1]!).edges).toStrictEqual([3.7, nextAbove(3.7)]);
    // A spike at 0 with a tail above it (share_alternative in the sample) spreads: left alone.
    const spike = { ...atZero!, sums: [[], [10.2652873480461]], sumSquares: [1.5] };
    expect(isolateConstant(spike)).toBe(spike);
    expect(trainingConstant(spike)).toBeUndefined();
    const parsed = parseDriftReference(JSON.parse(JSON.stringify(legacy(0))))!;
    expect(parsed.features[1]!.edges).toStrictEqual([0, 5e-324]);
    expect(parsed.features[0]).toStrictEqual(reference.features[0]);
    // Counted on the upgraded reference, a run that moved 10 % up alerts; on the old one, no count changed.
    expect(driftOf(1000, 100, 0.3, parsed).insurance).toMatchObject({ constantAtTraining: { shareAway: 0.1 }, verdict: 'alert' });
    expect(countDrift(matrixOf(1000, 100), legacy(0).features, {}, predictionsOf(1000)).features[1]!.counts).toStrictEqual([0, 1000]);
  });

  it('has a bin of its own however large its value', () => {
    expect([nextAbove(0), nextAbove(1), nextAbove(-1), nextAbove(1e6)]).toStrictEqual([Number.MIN_VALUE, 1 + Number.EPSILON, -1 + Number.EPSILON / 2, 1e6 + 2 ** -33]);
    const at = buildDriftReference(matrixOf(500, 0, 0, 1e6), predictionsOf(500));
    expect(at.features[1]!.edges).toStrictEqual([1e6, 1e6 + 2 ** -33]);
    expect(driftOf(500, 25, 1e6 + 1, at, 1e6).insurance.constantAtTraining).toMatchObject({ value: 1e6, shareAway: 0.05 });
  });
});

describe('a feature at one value for all but a handful of training clients (a spike at 0)', () => {
  // 8 of 2,000 training clients off 0 (0.4 %), like buy_share_fx in a generated base.
  const sparse = buildDriftReference(matrixOf(2000, 8), predictionsOf(2000));

  it('gets the spike a bin of its own and the deciles of the rest, in the reference', () => {
    expect(sparse.features[1]!.edges).toStrictEqual([0, Number.MIN_VALUE, 0.3]);
    expect(trainingAtom(sparse.features[1]!, 100)).toStrictEqual({ value: 0, bin: 1, away: 8 });
    expect(trainingAtom(sparse.features[0]!, 100)).toBeUndefined();
    expect(atomEdges([0, 0, 0, 0, 0, 0, 0, 5, 6, 7], 5)).toStrictEqual([0, Number.MIN_VALUE, 5, 6, 7]);
    // A value held by a tenth of the clients only, as every value of i mod 10 is: plain deciles.
    expect(atomEdges(Array.from({ length: 100 }, (_, i) => i % 10))).toStrictEqual(quantileEdges(Array.from({ length: 100 }, (_, i) => i % 10)));
  });

  it('is judged by the share away, as a constant is: a few more clients off 0 is not drift, a tenth is', () => {
    // 12 of 1,000 (1.2 %) against 0.4 %: a σ made by 8 clients puts the normalised Wasserstein
    // past 0.1, which used to give watch; the share away barely moved.
    const few = driftOf(1000, 12, 0.3, sparse).insurance;
    expect(few.wasserstein).toBeGreaterThan(0.1);
    expect(few.constantAtTraining).toBeUndefined();
    expect(few.nearlyConstantAtTraining).toMatchObject({ value: 0, shareAway: 0.012, shareAwayAtTraining: 0.004 });
    expect(few.verdict).toBe('ok');
    const many = driftOf(1000, 100, 0.3, sparse).insurance;
    expect(many.nearlyConstantAtTraining!.jensenShannon).toBeGreaterThan(0.2);
    expect(many.verdict).toBe('alert');
  });

  it('is judged by PSI and Wasserstein again once minRows training clients are off the spike', () => {
    const spread = buildDriftReference(matrixOf(2000, 400), predictionsOf(2000));
    expect(trainingAtom(spread.features[1]!, 100)).toBeUndefined();
    const moved = driftOf(1000, 400, 0.3, spread).insurance; // 20 % off 0 at training, 40 % now
    expect(moved.nearlyConstantAtTraining).toBeUndefined();
    expect(moved.verdict).toBe('alert');
  });
});
