/** The part of a network's configuration the search chooses. */
export interface NetworkConfig {
  readonly hiddenUnits: readonly number[];
  readonly learningRate: number;
  readonly l2: number;
}

/**
 * What the search tries besides the configured network ([32], lr 0.003, L2 1e-4): wider, deeper
 * and narrower with less L2, a faster learning rate with more. Kept small because the members
 * score as one network M times as wide (a second layer block-diagonal), and a million clients
 * must still score at ≥ 100k/s: 3 members of [32, 16] cost 30 µs a client of CPU.
 */
export const SEARCH_CANDIDATES: readonly NetworkConfig[] = [
  { hiddenUnits: [48], learningRate: 0.003, l2: 1e-5 },
  { hiddenUnits: [16, 8], learningRate: 0.003, l2: 1e-5 },
  { hiddenUnits: [32], learningRate: 0.01, l2: 1e-3 },
];

/** The configured network first, then the candidates that differ from it. */
export function searchCandidates(own: NetworkConfig): NetworkConfig[] {
  const key = (c: NetworkConfig): string => JSON.stringify([c.hiddenUnits, c.learningRate, c.l2]);
  const first = { hiddenUnits: [...own.hiddenUnits], learningRate: own.learningRate, l2: own.l2 };
  return [first, ...SEARCH_CANDIDATES.filter((c) => key(c) !== key(first))];
}
