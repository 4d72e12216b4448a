import { hungarian } from '../core/hungarian.js';
import { adjustedRandIndex } from './adjusted-rand-index.js';

export interface SegmentAgreement {
  /** Adjusted Rand index of the two segmentations (1: the same partition, whatever the ids). */
  readonly ari: number;
  /** Clients whose segment in B is not the one matched to their segment in A. */
  readonly changed: number;
  readonly changedShare: number;
  /** Segment ids in order of the contingency rows (A) and columns (B). */
  readonly idsA: readonly number[];
  readonly idsB: readonly number[];
  /** counts[i][j]: clients in A's segment idsA[i] and B's segment idsB[j]. */
  readonly counts: readonly (readonly number[])[];
  /** A's segment → B's matched segment (null when B has fewer segments), with the clients they share. */
  readonly matches: readonly { readonly a: number; readonly b: number | null; readonly shared: number }[];
}

/**
 * How two segmentations of the same clients agree: the ARI, and how many clients change segment
 * once B's segments are matched one-to-one to A's by the Hungarian algorithm on their overlap,
 * so a mere renumbering changes nobody.
 *
 * @example
 * segmentAgreement(Int32Array.of(0, 0, 1), Int32Array.of(5, 5, 7)).changed; // 0
 */
export function segmentAgreement(a: Int32Array, b: Int32Array): SegmentAgreement {
  const idsA = [...new Set(a)].sort((x, y) => x - y);
  const idsB = [...new Set(b)].sort((x, y) => x - y);
  const rowOf = new Map(idsA.map((id, i) => [id, i]));
  const colOf = new Map(idsB.map((id, j) => [id, j]));
  const counts = idsA.map(() => new Array<number>(idsB.length).fill(0));
  for (let i = 0; i < a.length; i++) counts[rowOf.get(a[i]!)!]![colOf.get(b[i]!)!]! += 1;
  const match = hungarian(counts.map((row) => row.map((v) => -v)));
  let kept = 0;
  const matches = idsA.map((id, i) => {
    const j = match[i]!;
    const shared = j >= 0 ? counts[i]![j]! : 0;
    kept += shared;
    return { a: id, b: j >= 0 ? idsB[j]! : null, shared };
  });
  const changed = a.length - kept;
  return { ari: adjustedRandIndex(a, b), changed, changedShare: a.length > 0 ? changed / a.length : 0, idsA, idsB, counts, matches };
}
