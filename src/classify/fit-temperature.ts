export interface TemperatureFit {
  readonly temperature: number;
  /** Mean negative log-likelihood of the labels at T = 1 and at the fitted T. */
  readonly nllBefore: number;
  readonly nllAfter: number;
}

/**
 * Temperature scaling (Guo et al. 2017): the T in [minT, maxT] that minimises the mean NLL of
 * softmax(logits / T). The NLL is convex in 1/T, so a golden-section search over 1/T finds the
 * minimum without gradients. `logits` is n × C row-major; `labels` are class indices.
 *
 * @example
 * fitTemperature(Float32Array.from([4, 0, 0, 4]), Int32Array.from([0, 1]), 2).temperature; // 0.05: confident and right
 */
export function fitTemperature(logits: ArrayLike<number>, labels: Int32Array, classes: number, minT = 0.05, maxT = 20): TemperatureFit {
  const nll = (beta: number): number => meanNll(logits, labels, classes, beta);
  let lo = 1 / maxT;
  let hi = 1 / minT;
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 80 && hi - lo > 1e-6; i++) {
    if (fa <= fb) { hi = b; b = a; fb = fa; a = hi - g * (hi - lo); fa = nll(a); }
    else { lo = a; a = b; fa = fb; b = lo + g * (hi - lo); fb = nll(b); }
  }
  const beta = (lo + hi) / 2;
  let best = beta;
  let bestNll = nll(beta);
  // The bounds themselves are candidates: golden-section only narrows the interior.
  for (const edge of [1 / maxT, 1 / minT]) {
    const v = nll(edge);
    if (v < bestNll) { best = edge; bestNll = v; }
  }
  return { temperature: 1 / best, nllBefore: nll(1), nllAfter: bestNll };
}

/** Mean NLL of softmax(beta · logits) at the labels. */
export function meanNll(logits: ArrayLike<number>, labels: Int32Array, classes: number, beta = 1): number {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) max = Math.max(max, beta * logits[i * classes + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(beta * logits[i * classes + c]! - max);
    total += max + Math.log(sum) - beta * logits[i * classes + labels[i]!]!;
  }
  return n > 0 ? total / n : 0;
}
