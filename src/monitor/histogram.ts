/**
 * Histograms on fixed bin edges. The edges are fixed at training (quantiles of the training
 * data) and stored in the bundle; counts on fixed edges add up exactly across shards and runs.
 */
export interface Histogram {
  /** Interior edges e₀ < e₁ < … ; bin 0 is (−∞, e₀), bin i is [eᵢ₋₁, eᵢ), the last is [eₙ₋₁, ∞). */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** Interior edges at the training data's quantiles, duplicates dropped (a spike at 0 is one edge). */
export function quantileEdges(values: ArrayLike<number>, bins = 10): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  for (let q = 1; q < bins; q++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / bins))]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  // A constant column still gets one edge c; on its own, its bin [c, ∞) would hide a shift up,
  // so the drift reference gives the constant a bin of its own (isolateConstant).
  if (edges.length === 0) edges.push(sorted[0]!);
  return edges;
}

/** The bin of a value: binary search over the interior edges. */
export function binOf(edges: readonly number[], value: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value >= edges[mid]!) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function histogram(edges: readonly number[], values: ArrayLike<number>): Histogram {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i]!)]!++;
  return { edges: [...edges], counts };
}

/** Sum of histograms on the same edges (shards, runs). */
export function addHistograms(a: Histogram, b: Histogram): Histogram {
  if (a.edges.length !== b.edges.length || a.edges.some((e, i) => e !== b.edges[i])) {
    throw new Error('histograms on different edges cannot be added');
  }
  return { edges: [...a.edges], counts: a.counts.map((c, i) => c + b.counts[i]!) };
}
