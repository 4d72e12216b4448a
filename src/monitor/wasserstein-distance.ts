/** A distribution summarised on fixed bins: per bin, the count and the sum of its values. */
export interface BinnedMass {
  readonly counts: readonly number[];
  readonly sums: readonly number[];
}

/**
 * Wasserstein-1 (earth mover's) distance between two binned distributions, each bin's mass put
 * at its own mean (sum / count): ∫ |F − G| over the merged atoms. Counts and sums add up
 * across shards, so this does too. Against the exact W₁ of the raw values it errs by at most
 * the spread of the values inside their bins; unlike a W₁ on fixed bin centres, it still sees a
 * shift inside the open-ended outer bins (amounts ×3 pile into the top bin and move its mean).
 *
 * @example
 * binnedWasserstein({ counts: [1, 1], sums: [0, 1] }, { counts: [0, 2], sums: [0, 2] }); // 0.5
 */
export function binnedWasserstein(p: BinnedMass, q: BinnedMass): number {
  const np = p.counts.reduce((s, c) => s + c, 0), nq = q.counts.reduce((s, c) => s + c, 0);
  if (np === 0 || nq === 0) return 0;
  const atoms: { x: number; wp: number; wq: number }[] = [];
  p.counts.forEach((c, i) => { if (c > 0) atoms.push({ x: p.sums[i]! / c, wp: c / np, wq: 0 }); });
  q.counts.forEach((c, i) => { if (c > 0) atoms.push({ x: q.sums[i]! / c, wp: 0, wq: c / nq }); });
  atoms.sort((a, b) => a.x - b.x);
  let f = 0, g = 0, distance = 0;
  for (let i = 0; i < atoms.length - 1; i++) {
    f += atoms[i]!.wp; g += atoms[i]!.wq;
    distance += Math.abs(f - g) * (atoms[i + 1]!.x - atoms[i]!.x);
  }
  return distance;
}

/**
 * W₁ divided by the reference's standard deviation (Evidently's "normed Wasserstein"), so one
 * threshold (DESIGN.md: 0.1) serves features in days, shares and log-CNY alike. A constant
 * reference (σ = 0) gives 0 when nothing moved and Infinity otherwise.
 *
 * @example
 * normalisedWasserstein(0.5, 2); // 0.25
 */
export function normalisedWasserstein(distance: number, referenceStd: number): number {
  if (referenceStd > 0) return distance / referenceStd;
  return distance > 0 ? Infinity : 0;
}
