export interface PrPoint {
  /** Rows with a score at or above this are predicted positive. */
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
}

export interface PrCurve {
  /** At most `maxPoints` points from the highest threshold down, evenly spaced over the distinct scores. */
  readonly points: readonly PrPoint[];
  /** Average precision: Σ (recall step) × precision over every distinct score (scikit-learn's definition). */
  readonly averagePrecision: number;
  readonly positives: number;
  readonly rows: number;
}

/**
 * The precision–recall curve of scores against 0/1 labels, thinned for a chart, with average
 * precision computed on the full curve. Tied scores enter together.
 *
 * @example
 * precisionRecallCurve([0.9, 0.7, 0.4, 0.2], [1, 0, 1, 0]).averagePrecision; // 1·0.5 + (2/3)·0.5 = 0.833
 */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 60): PrCurve {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`scores has ${n} rows, labels ${labels.length}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]) positives++;
  const all: PrPoint[] = [];
  let tp = 0, fp = 0, ap = 0, lastRecall = 0;
  for (let i = 0; i < n;) {
    const s = scores[order[i]!]!;
    while (i < n && scores[order[i]!] === s) { if (labels[order[i]!]) tp++; else fp++; i++; }
    const recall = positives > 0 ? tp / positives : 0;
    const precision = tp / (tp + fp);
    ap += (recall - lastRecall) * precision;
    lastRecall = recall;
    all.push({ threshold: s, precision, recall });
  }
  const keep = Math.max(2, maxPoints);
  const points = all.length <= keep ? all
    : Array.from({ length: keep }, (_, j) => all[Math.round((j * (all.length - 1)) / (keep - 1))]!);
  return { points, averagePrecision: positives > 0 ? ap : Number.NaN, positives, rows: n };
}
