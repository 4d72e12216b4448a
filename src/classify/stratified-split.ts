import type { Rng } from '../core/rng.js';

export interface Split {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
}

/**
 * Seeded stratified train/validation split over the rows whose stratum is ≥ 0 (a stratum of -1
 * marks an unlabelled row, left out of both). Each stratum sends round(fraction · size) rows to
 * validation, at least one when it has two or more, so every class is seen on both sides.
 *
 * @example
 * const { train, validation } = stratifiedSplit(Int32Array.from([0, 0, 1, 1, -1]), 0.5, rng);
 * // train and validation each hold one row of class 0 and one of class 1; row 4 is in neither
 */
export function stratifiedSplit(strata: Int32Array, fraction: number, rng: Rng): Split {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const s = strata[i]!;
    if (s < 0) continue;
    let g = groups.get(s);
    if (!g) { g = []; groups.set(s, g); }
    g.push(i);
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffled(groups.get(key)!);
    let nVal = Math.round(rows.length * fraction);
    if (rows.length >= 2) nVal = Math.min(rows.length - 1, Math.max(1, nVal));
    else nVal = 0;
    validation.push(...rows.slice(0, nVal));
    train.push(...rows.slice(nVal));
  }
  return {
    train: Uint32Array.from(train).sort(),
    validation: Uint32Array.from(validation).sort(),
  };
}
