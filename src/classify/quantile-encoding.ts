import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { FeatureRows } from './feature-rows.js';
import { normalQuantile } from './normal-quantile.js';

/** The encoding as stored in a network's spec: per feature, increasing knots and their normal scores. */
export const QuantileEncodingSchema = z.strictObject({
  /** Quantile levels fitted per feature; ties merge, so a feature may keep fewer knots. */
  levels: z.number().int().min(2),
  knots: z.array(z.array(z.number()).min(1)),
  scores: z.array(z.array(z.number()).min(1)),
});
export type QuantileEncodingJSON = z.infer<typeof QuantileEncodingSchema>;

/** Default quantile levels per feature (sklearn's QuantileTransformer uses up to 1,000; 128 is plenty for a network). */
export const DEFAULT_QUANTILE_LEVELS = 128;

/**
 * A per-feature monotone map onto normal scores, fitted at training quantiles: each value is
 * interpolated piecewise-linearly between the knots (like sklearn's
 * QuantileTransformer(output_distribution='normal')) and clamped beyond the outermost ones, so a
 * heavy tail or a sentinel such as −999 lands at most about 2.7 from the median instead of
 * hundreds of standard deviations away. One output per input, in order: gradient × input on the
 * scores stays a reason per original feature. Non-finite values become 0, the median's score.
 *
 * @example
 * const enc = fitQuantileEncoding(rows);
 * const u = enc.transform(rows); // Float32Array values, same shape and names
 */
export class QuantileEncoding {
  private constructor(
    readonly levels: number,
    private readonly knots: readonly Float64Array[],
    private readonly scores: readonly Float64Array[],
  ) {}

  get features(): number { return this.knots.length; }

  /** The encoded rows (float32, same names and shape). */
  transform(x: FeatureRows): FeatureRows & { values: Float32Array } {
    if (x.cols !== this.knots.length) {
      throw new PipelineError('model_incompatible', `the quantile encoding has ${this.knots.length} features and the rows ${x.cols}; retrain the model`,
        { encoding: this.knots.length, cols: x.cols });
    }
    const d = x.cols;
    const out = new Float32Array(x.rows * d);
    const { knots, scores } = this;
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < d; j++) out[i * d + j] = encodeValue(x.values[i * d + j]!, knots[j]!, scores[j]!);
    }
    return { names: x.names, rows: x.rows, cols: d, values: out };
  }

  toJSON(): QuantileEncodingJSON {
    return { levels: this.levels, knots: this.knots.map((k) => Array.from(k)), scores: this.scores.map((s) => Array.from(s)) };
  }

  /** Rebuilds a stored encoding; knots must increase and pair with their scores. */
  static fromJSON(json: QuantileEncodingJSON): QuantileEncoding {
    json.knots.forEach((k, j) => {
      const s = json.scores[j];
      if (!s || s.length !== k.length || k.some((v, i) => i > 0 && !(v > k[i - 1]!))) {
        throw new PipelineError('model_incompatible', `the quantile encoding of feature ${j} is damaged; retrain the model`, { feature: j });
      }
    });
    if (json.scores.length !== json.knots.length) {
      throw new PipelineError('model_incompatible', 'the quantile encoding has scores for another number of features; retrain the model', {});
    }
    return new QuantileEncoding(json.levels, json.knots.map((k) => Float64Array.from(k)), json.scores.map((s) => Float64Array.from(s)));
  }

  /** Fits from the listed rows of `x` (all rows when omitted); see fitQuantileEncoding. */
  static fit(x: FeatureRows, rows?: ArrayLike<number>, levels = DEFAULT_QUANTILE_LEVELS): QuantileEncoding {
    const n = rows ? rows.length : x.rows;
    const knots: Float64Array[] = [];
    const scores: Float64Array[] = [];
    const column = new Float64Array(n);
    for (let j = 0; j < x.cols; j++) {
      let m = 0;
      for (let r = 0; r < n; r++) {
        const v = x.values[(rows ? rows[r]! : r) * x.cols + j]!;
        if (Number.isFinite(v)) column[m++] = v;
      }
      const sorted = column.subarray(0, m).sort();
      const fitted = columnKnots(sorted, levels);
      knots.push(fitted.knots);
      scores.push(fitted.scores);
    }
    return new QuantileEncoding(levels, knots, scores);
  }
}

/**
 * Fits the encoding on the listed rows of `x` (default all): `levels` quantile levels
 * (i + ½) / levels per feature, ties merged into one knot whose score is that of their middle level,
 * so a constant column encodes to 0 and a 0/1 column to two scores.
 *
 * @example
 * const enc = fitQuantileEncoding(rows, trainRows);
 */
export function fitQuantileEncoding(x: FeatureRows, rows?: ArrayLike<number>, levels = DEFAULT_QUANTILE_LEVELS): QuantileEncoding {
  return QuantileEncoding.fit(x, rows, levels);
}

function columnKnots(sorted: Float64Array, levels: number): { knots: Float64Array; scores: Float64Array } {
  const n = sorted.length;
  if (n === 0) return { knots: Float64Array.of(0), scores: Float64Array.of(0) };
  const knots: number[] = [];
  const scores: number[] = [];
  let levelSum = 0;
  let tied = 0;
  const flush = (): void => { scores.push(normalQuantile(levelSum / tied)); };
  for (let i = 0; i < levels; i++) {
    const p = (i + 0.5) / levels;
    const h = p * (n - 1);
    const lo = Math.floor(h);
    const q = lo + 1 < n ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
    if (knots.length > 0 && q <= knots[knots.length - 1]!) {
      levelSum += p; tied++;
      continue;
    }
    if (knots.length > 0) flush();
    knots.push(q);
    levelSum = p; tied = 1;
  }
  flush();
  return { knots: Float64Array.from(knots), scores: Float64Array.from(scores) };
}

function encodeValue(v: number, knots: Float64Array, scores: Float64Array): number {
  if (!Number.isFinite(v)) return 0;
  const last = knots.length - 1;
  if (v <= knots[0]!) return last === 0 ? 0 : scores[0]!;
  if (v >= knots[last]!) return scores[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (knots[mid]! <= v) lo = mid; else hi = mid;
  }
  return scores[lo]! + (v - knots[lo]!) / (knots[hi]! - knots[lo]!) * (scores[hi]! - scores[lo]!);
}
