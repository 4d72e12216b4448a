export interface PlattFit {
  /** p = sigmoid(a · logit + b). */
  readonly a: number;
  readonly b: number;
}

/**
 * Platt scaling: a logistic regression of the labels on one logit, fitted by Newton's method on
 * Platt's smoothed targets ((n₊ + 1) / (n₊ + 2) and 1 / (n₋ + 2)), which keeps the fit finite when
 * the classes separate. Returns `fallback` when there are too few positives or negatives to fit.
 *
 * @example
 * const { a, b } = fitPlatt(Float64Array.from([-2, -1, 1, 2]), Uint8Array.from([0, 0, 1, 1]));
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>, fallback: PlattFit = { a: 1, b: 0 }, minEach = 3): PlattFit {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) nPos++;
  const nNeg = n - nPos;
  if (nPos < minEach || nNeg < minEach) return fallback;
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  let a = fallback.a;
  let b = fallback.b;
  for (let iter = 0; iter < 100; iter++) {
    let gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
    for (let i = 0; i < n; i++) {
      const z = logits[i]!;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const d = p - (labels[i] ? tPos : tNeg);
      const w = p * (1 - p);
      gA += d * z; gB += d;
      hAA += w * z * z; hAB += w * z; hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(det > 0)) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    a -= stepA; b -= stepB;
    if (Math.abs(stepA) < 1e-10 && Math.abs(stepB) < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : fallback;
}
