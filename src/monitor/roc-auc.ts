/**
 * Area under the ROC curve from ranks (Mann–Whitney U), tied scores sharing their average rank,
 * so a tie between a positive and a negative counts one half. NaN when either class is absent.
 *
 * @example
 * rocAuc([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1]); // (1 + 1 + 0.5 + 1) / 4 = 0.875
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`scores has ${n} rows, labels ${labels.length}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let r = i; r <= j; r++) if (labels[order[r]!]) { nPos++; rankSum += avgRank; }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Share of positives among the `k` highest scores (the clients an advisor would call first).
 * Equal scores keep input order, so the result is deterministic; k is capped at the row count.
 *
 * @example
 * precisionAtK([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0], 2); // 0.5
 */
export function precisionAtK(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`scores has ${n} rows, labels ${labels.length}`);
  const top = Math.min(k, n);
  if (top <= 0) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  for (let r = 0; r < top; r++) if (labels[order[r]!]) hits++;
  return hits / top;
}
