/** Pearson's chi-square test that two samples of counts come from one categorical distribution. */
export interface ChiSquareTest {
  readonly statistic: number;
  /** Categories seen in either sample, minus one. */
  readonly df: number;
  readonly pValue: number;
  /**
   * Cramér's V, √(χ² / N) for two samples: the effect size that decides, since on a million
   * clients a shift nobody cares about still has p ≈ 0.
   */
  readonly cramersV: number;
}

/**
 * The 2 × k test of homogeneity: χ² = Σ (O − E)² / E over both samples, E = row total × column
 * total / N. Categories empty in both samples are left out; with fewer than two left, χ² = 0.
 *
 * @example
 * chiSquareTest([10, 20], [20, 10]).statistic; // 6.667 (df 1, p ≈ 0.0098)
 */
export function chiSquareTest(reference: readonly number[], current: readonly number[]): ChiSquareTest {
  if (reference.length !== current.length) throw new RangeError(`chi-square needs the same categories: ${reference.length} and ${current.length}`);
  const n1 = reference.reduce((s, v) => s + v, 0), n2 = current.reduce((s, v) => s + v, 0), n = n1 + n2;
  let statistic = 0, categories = 0;
  for (let i = 0; i < reference.length; i++) {
    const column = reference[i]! + current[i]!;
    if (column === 0) continue;
    categories++;
    const e1 = (n1 * column) / n, e2 = (n2 * column) / n;
    if (e1 > 0) statistic += (reference[i]! - e1) ** 2 / e1;
    if (e2 > 0) statistic += (current[i]! - e2) ** 2 / e2;
  }
  const df = Math.max(0, categories - 1);
  return {
    statistic,
    df,
    pValue: df === 0 ? 1 : upperRegularizedGamma(df / 2, statistic / 2),
    cramersV: n > 0 ? Math.sqrt(statistic / n) : 0,
  };
}

/** Q(a, x) = Γ(a, x) / Γ(a): the series below a + 1, the continued fraction above (Numerical Recipes). */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let k = 1; k < 1000 && Math.abs(term) > Math.abs(sum) * 1e-16; k++) { term *= x / (a + k); sum += term; }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(lnPrefix) * h);
}

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Γ(z) for z > 0 (Lanczos, g = 7), about 15 significant digits. */
function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const w = z - 1;
  let x = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) x += LANCZOS[i]! / (w + i);
  const t = w + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (w + 0.5) * Math.log(t) - t + Math.log(x);
}
