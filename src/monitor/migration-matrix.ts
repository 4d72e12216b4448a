import { compareRisk } from '../core/risk-order.js';
/** What migration compares of one client between two runs. */
export interface MigrationSubject {
  readonly clientId: string;
  readonly behaviourSegment: number;
  readonly riskSegment: string;
  readonly assetTier: string;
}

/** Clients moving between the categories of one dimension: counts[from][to] over `labels`. */
export interface MigrationMatrix {
  readonly labels: readonly string[];
  readonly counts: readonly (readonly number[])[];
  /** Share of the clients in both runs who kept their category (NaN when none are in both). */
  readonly stayRate: number;
}

/**
 * How the two runs' behaviour segment ids relate. `same_model`: both runs used one model, ids
 * compare as they are. `aligned`: another model version scored the previous run, and its ids are
 * mapped to this model's through the segment alignment (`mapping`; old ids without a counterpart
 * map to null and their clients are `unmapped`, not counted as moving). `not_comparable`: the ids
 * cannot be related (`reason` says why) and no behaviour migration is given.
 */
export type SegmentIdBasis =
  | { readonly basis: 'same_model' }
  | { readonly basis: 'aligned'; readonly previousModel: string; readonly currentModel: string; readonly mapping: readonly { readonly from: number; readonly to: number | null }[] }
  | { readonly basis: 'not_comparable'; readonly previousModel?: string; readonly currentModel?: string; readonly reason: string };

export interface Migration {
  /** Clients in both runs: the matrices count these. */
  readonly matched: number;
  /** Clients only in the current run. */
  readonly entered: number;
  /** Clients only in the previous run. */
  readonly left: number;
  /**
   * Behaviour segments by this run's ids (the previous run's mapped through `segmentIds`); empty
   * with a NaN stay rate when the ids are not comparable.
   */
  readonly behaviour: MigrationMatrix;
  /** How the previous run's segment ids were read (absent in documents from before model-version checks). */
  readonly segmentIds?: SegmentIdBasis;
  /** Clients in both runs whose previous segment has no counterpart in this model (or all of them when not comparable): in no behaviour cell. */
  readonly behaviourUnmapped?: number;
  readonly risk: MigrationMatrix;
  readonly tier: MigrationMatrix;
  /**
   * Tier moves split by cause: `boundary` when the behaviour segment stayed (the assets crossed a
   * threshold, the behaviour did not change), `behaviour` when the segment moved with the tier.
   * `unknown` when the previous segment has no counterpart in this model (see `segmentIds`).
   */
  readonly tierMoves: { readonly total: number; readonly boundary: number; readonly behaviour: number; readonly unknown?: number };
}

const TIER_ORDER = ['mass', 'hnw', 'uhnw'];

/**
 * The migration of clients between two runs, matched by client id. A previous run scored by
 * another model version passes the `SegmentIdBasis` relating the ids: its segments are then
 * read through the alignment, so a model change is not counted as clients moving.
 *
 * @example
 * const m = migrationBetween(lastNight, tonight);
 * m.behaviour.stayRate; // 0.97
 */
export function migrationBetween(previous: Iterable<MigrationSubject>, current: Iterable<MigrationSubject>, ids: SegmentIdBasis = { basis: 'same_model' }): Migration {
  const before = new Map<string, MigrationSubject>();
  for (const subject of previous) before.set(subject.clientId, subject);
  const pairs: [MigrationSubject, MigrationSubject][] = [];
  let entered = 0;
  const seen = new Set<string>();
  for (const now of current) {
    seen.add(now.clientId);
    const then = before.get(now.clientId);
    if (then === undefined) entered++;
    else pairs.push([then, now]);
  }
  const mapped = previousSegmentMap(ids);
  // Pairs whose previous segment reads in this model's ids: only these say anything about behaviour.
  const comparable = pairs.filter(([then]) => mapped(then.behaviourSegment) !== null);
  let tierMoved = 0, tierWithBehaviour = 0, tierUnknown = 0;
  for (const [then, now] of pairs) {
    if (then.assetTier === now.assetTier) continue;
    tierMoved++;
    const was = mapped(then.behaviourSegment);
    if (was === null) tierUnknown++;
    else if (was !== now.behaviourSegment) tierWithBehaviour++;
  }
  return {
    matched: pairs.length,
    entered,
    left: before.size - pairs.length,
    behaviour: matrixOf(comparable.map(([then, now]) => [{ ...then, behaviourSegment: mapped(then.behaviourSegment)! }, now]), (s) => String(s.behaviourSegment), byNumber),
    segmentIds: ids,
    behaviourUnmapped: pairs.length - comparable.length,
    risk: matrixOf(pairs, (s) => s.riskSegment, compareRisk),
    tier: matrixOf(pairs, (s) => s.assetTier, byTier),
    tierMoves: {
      total: tierMoved, boundary: tierMoved - tierWithBehaviour - tierUnknown, behaviour: tierWithBehaviour,
      ...(tierUnknown > 0 ? { unknown: tierUnknown } : {}),
    },
  };
}

/** The previous run's segment id in this run's ids; null when it has none. */
function previousSegmentMap(ids: SegmentIdBasis): (id: number) => number | null {
  if (ids.basis === 'same_model') return (id) => id;
  if (ids.basis === 'not_comparable') return () => null;
  const to = new Map(ids.mapping.map((m) => [m.from, m.to]));
  return (id) => to.get(id) ?? null;
}

function matrixOf(pairs: readonly [MigrationSubject, MigrationSubject][], key: (s: MigrationSubject) => string, order: (a: string, b: string) => number): MigrationMatrix {
  const labelSet = new Set<string>();
  for (const [then, now] of pairs) labelSet.add(key(then)).add(key(now));
  const labels = [...labelSet].sort(order);
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  let stayed = 0;
  for (const [then, now] of pairs) {
    const from = index.get(key(then))!, to = index.get(key(now))!;
    counts[from]![to]!++;
    if (from === to) stayed++;
  }
  return { labels, counts, stayRate: pairs.length === 0 ? Number.NaN : stayed / pairs.length };
}

const byNumber = (a: string, b: string): number => Number(a) - Number(b);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byTier = (a: string, b: string): number => rank(a) - rank(b) || byText(a, b);
const rank = (tier: string): number => (TIER_ORDER.includes(tier) ? TIER_ORDER.indexOf(tier) : TIER_ORDER.length);
