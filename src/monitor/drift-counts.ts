import type { FeatureMatrix } from '../core/feature-matrix.js';
import { canonicalExactSum, ExactSumAccumulator, mergeExactSums } from './exact-sum.js';
import { binOf } from './histogram.js';

/** One numeric feature on fixed bins: everything drift needs, all of it additive. */
export interface NumericCounts {
  readonly name: string;
  /** Interior edges (see `Histogram`), fixed at training. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Per bin, the exact sum of its values (partials: see exact-sum.ts). */
  readonly sums: readonly (readonly number[])[];
  /** Exact sum of the squared values (the rounded squares, so shards agree bit for bit). */
  readonly sumSquares: readonly number[];
  /** Values that were not finite: in no bin and no sum. */
  readonly missing: number;
}

/**
 * What a run (or a shard of it, or training) looked like, as counts and exact sums only, so any
 * split of the clients adds back up to the whole with `mergeDriftCounts`.
 */
export interface DriftCounts {
  readonly rows: number;
  readonly features: readonly NumericCounts[];
  /** Categorical client columns: column → category → clients. */
  readonly categories: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Clients per behavioural segment id. */
  readonly segments: Readonly<Record<string, number>>;
  /** Clients per predicted risk class. */
  readonly risk: Readonly<Record<string, number>>;
  /** Clients per predicted need (at the need's threshold; a client can have several). */
  readonly needs: Readonly<Record<string, number>>;
}

/** The model's outputs for every row, as codes. */
export interface PredictionCounts {
  readonly segmentIds: Int32Array;
  readonly riskClass: Int32Array;
  readonly riskClasses: readonly string[];
  /** Multi-hot predicted needs, row-major rows × needs. */
  readonly needs: Uint8Array;
  readonly needNames: readonly string[];
}

/**
 * Counts one run on the reference's edges: per feature its bin counts, per-bin sums and sum of
 * squares; per categorical column its categories; the model's segments, risk classes and needs.
 *
 * @example
 * const current = countDrift(matrix, reference.features, { asset_tier: tiers }, predictions);
 */
export function countDrift(
  matrix: FeatureMatrix,
  bins: readonly { readonly name: string; readonly edges: readonly number[] }[],
  categories: Readonly<Record<string, readonly string[]>>,
  predictions: PredictionCounts,
): DriftCounts {
  const features = bins.map(({ name, edges }) => {
    const j = matrix.names.indexOf(name);
    if (j < 0) throw new RangeError(`the features have no column ${name}`);
    const counts = new Array<number>(edges.length + 1).fill(0);
    const sums = counts.map(() => new ExactSumAccumulator());
    const squares = new ExactSumAccumulator();
    let missing = 0;
    for (let i = 0; i < matrix.rows; i++) {
      const v = matrix.values[i * matrix.cols + j]!;
      if (!Number.isFinite(v)) { missing++; continue; }
      const b = binOf(edges, v);
      counts[b]!++;
      sums[b]!.add(v);
      squares.add(v * v);
    }
    return { name, edges: [...edges], counts, sums: sums.map((s) => canonicalExactSum(s.partials())), sumSquares: canonicalExactSum(squares.partials()), missing };
  });
  const categoryCounts = Object.fromEntries(Object.entries(categories).map(([column, values]) => [column, tally(values)]));
  return { rows: matrix.rows, features, categories: categoryCounts, ...countPredictions(predictions) };
}

/** Counts of segments, risk classes and needs, by name; additive across shards and runs. */
export function countPredictions(p: PredictionCounts): Pick<DriftCounts, 'segments' | 'risk' | 'needs'> {
  const segments: Record<string, number> = {};
  for (const id of p.segmentIds) segments[id] = (segments[id] ?? 0) + 1;
  const risk: Record<string, number> = Object.fromEntries(p.riskClasses.map((c) => [c, 0]));
  for (const c of p.riskClass) risk[p.riskClasses[c]!]! += 1;
  const k = p.needNames.length;
  const needs: Record<string, number> = Object.fromEntries(p.needNames.map((n) => [n, 0]));
  for (let i = 0; i < p.needs.length; i++) if (p.needs[i]) needs[p.needNames[i % k]!]! += 1;
  return { segments: sortedKeys(segments), risk, needs };
}

/**
 * The counts of two disjoint sets of clients on the same edges: shards of one run, or runs.
 * Counts add; sums merge exactly. Different edges or features are refused: they cannot add up.
 *
 * @example
 * const whole = shards.reduce(mergeDriftCounts);
 */
export function mergeDriftCounts(a: DriftCounts, b: DriftCounts): DriftCounts {
  if (a.features.length !== b.features.length) throw new RangeError('drift counts of different features cannot be merged');
  const features = a.features.map((fa, j) => {
    const fb = b.features[j]!;
    if (fa.name !== fb.name || fa.edges.length !== fb.edges.length || fa.edges.some((e, i) => e !== fb.edges[i])) {
      throw new RangeError(`drift counts of ${fa.name} on different edges cannot be merged`);
    }
    return {
      name: fa.name, edges: [...fa.edges],
      counts: fa.counts.map((c, i) => c + fb.counts[i]!),
      sums: fa.sums.map((s, i) => canonicalExactSum(mergeExactSums(s, fb.sums[i]!))),
      sumSquares: canonicalExactSum(mergeExactSums(fa.sumSquares, fb.sumSquares)),
      missing: fa.missing + fb.missing,
    };
  });
  const columns = [...new Set([...Object.keys(a.categories), ...Object.keys(b.categories)])].sort();
  return {
    rows: a.rows + b.rows,
    features,
    categories: Object.fromEntries(columns.map((c) => [c, addTallies(a.categories[c] ?? {}, b.categories[c] ?? {})])),
    segments: addTallies(a.segments, b.segments),
    risk: addTallies(a.risk, b.risk),
    needs: addTallies(a.needs, b.needs),
  };
}

function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return sortedKeys(out);
}

function addTallies(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return sortedKeys(out);
}

/** Keys in a fixed order (numbers numerically), so the same counts serialise to the same bytes. */
function sortedKeys(record: Readonly<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(record).sort((x, y) => {
    const nx = Number(x), ny = Number(y);
    return Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
  });
  return Object.fromEntries(keys.map((k) => [k, record[k]!]));
}
