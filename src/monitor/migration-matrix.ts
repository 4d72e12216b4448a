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

export interface Migration {
  /** Clients in both runs: the matrices count these. */
  readonly matched: number;
  /** Clients only in the current run. */
  readonly entered: number;
  /** Clients only in the previous run. */
  readonly left: number;
  readonly behaviour: MigrationMatrix;
  readonly risk: MigrationMatrix;
  readonly tier: MigrationMatrix;
  /**
   * Tier moves split by cause: `boundary` when the behaviour segment stayed (the assets crossed a
   * threshold, the behaviour did not change), `behaviour` when the segment moved with the tier.
   */
  readonly tierMoves: { readonly total: number; readonly boundary: number; readonly behaviour: number };
}

const TIER_ORDER = ['mass', 'hnw', 'uhnw'];

/**
 * The migration of clients between two runs, matched by client id.
 *
 * @example
 * const m = migrationBetween(lastNight, tonight);
 * m.behaviour.stayRate; // 0.97
 */
export function migrationBetween(previous: Iterable<MigrationSubject>, current: Iterable<MigrationSubject>): Migration {
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
  let tierMoved = 0, tierWithBehaviour = 0;
  for (const [then, now] of pairs) {
    if (then.assetTier === now.assetTier) continue;
    tierMoved++;
    if (then.behaviourSegment !== now.behaviourSegment) tierWithBehaviour++;
  }
  return {
    matched: pairs.length,
    entered,
    left: before.size - pairs.length,
    behaviour: matrixOf(pairs, (s) => String(s.behaviourSegment), byNumber),
    risk: matrixOf(pairs, (s) => s.riskSegment, byText),
    tier: matrixOf(pairs, (s) => s.assetTier, byTier),
    tierMoves: { total: tierMoved, boundary: tierMoved - tierWithBehaviour, behaviour: tierWithBehaviour },
  };
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
