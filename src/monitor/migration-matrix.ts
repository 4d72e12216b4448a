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
 * Counts as it reads `current` and keeps the previous run in compact columns: at a million
 * clients, keeping each pair (this run's subject is a whole client profile) held a gigabyte.
 *
 * @example
 * const m = migrationBetween(lastNight, tonight);
 * m.behaviour.stayRate; // 0.97
 */
export function migrationBetween(previous: Iterable<MigrationSubject>, current: Iterable<MigrationSubject>, ids: SegmentIdBasis = { basis: 'same_model' }): Migration {
  const before = new PreviousRun(previous);
  const mapped = previousSegmentMap(ids);
  const behaviour = new MoveCounts(), risk = new MoveCounts(), tier = new MoveCounts();
  let matched = 0, entered = 0, unmapped = 0, tierMoved = 0, tierWithBehaviour = 0, tierUnknown = 0;
  for (const now of current) {
    const at = before.indexOf(now.clientId);
    if (at === undefined) { entered++; continue; }
    matched++;
    // Only a previous segment that reads in this model's ids says anything about behaviour.
    const was = mapped(before.segments[at]!);
    if (was === null) unmapped++;
    else behaviour.add(String(was), String(now.behaviourSegment));
    risk.add(before.risk(at), now.riskSegment);
    const thenTier = before.tier(at);
    tier.add(thenTier, now.assetTier);
    if (thenTier === now.assetTier) continue;
    tierMoved++;
    if (was === null) tierUnknown++;
    else if (was !== now.behaviourSegment) tierWithBehaviour++;
  }
  return {
    matched,
    entered,
    left: before.size - matched,
    behaviour: behaviour.matrix(byNumber),
    segmentIds: ids,
    behaviourUnmapped: unmapped,
    risk: risk.matrix(compareRisk),
    tier: tier.matrix(byTier),
    tierMoves: {
      total: tierMoved, boundary: tierMoved - tierWithBehaviour - tierUnknown, behaviour: tierWithBehaviour,
      ...(tierUnknown > 0 ? { unknown: tierUnknown } : {}),
    },
  };
}

/** The previous run's subjects as columns: client id → row, segment ids, and risk and tier codes. */
class PreviousRun {
  readonly segments: Int32Array;
  private readonly rows = new Map<string, number>();
  private readonly risks: Uint16Array;
  private readonly tiers: Uint16Array;
  private readonly names: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(subjects: Iterable<MigrationSubject>) {
    const list = Array.isArray(subjects) ? subjects as readonly MigrationSubject[] : [...subjects];
    this.segments = new Int32Array(list.length);
    this.risks = new Uint16Array(list.length);
    this.tiers = new Uint16Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      // A client listed twice counts once, with its last entry, as a map from id to subject did.
      const row = this.rows.get(s.clientId) ?? this.rows.size;
      this.rows.set(s.clientId, row);
      this.segments[row] = s.behaviourSegment;
      this.risks[row] = this.code(s.riskSegment);
      this.tiers[row] = this.code(s.assetTier);
    }
  }

  get size(): number { return this.rows.size; }
  indexOf(clientId: string): number | undefined { return this.rows.get(clientId); }
  risk(row: number): string { return this.names[this.risks[row]!]!; }
  tier(row: number): string { return this.names[this.tiers[row]!]!; }

  private code(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.names.push(name) - 1;
      this.codes.set(name, code);
    }
    return code;
  }
}

/** Clients counted by (previous category, current category) of one dimension. */
class MoveCounts {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly labels = new Set<string>();
  private total = 0;
  private stayed = 0;

  add(from: string, to: string): void {
    this.labels.add(from).add(to);
    let row = this.counts.get(from);
    if (row === undefined) { row = new Map(); this.counts.set(from, row); }
    row.set(to, (row.get(to) ?? 0) + 1);
    this.total++;
    if (from === to) this.stayed++;
  }

  matrix(order: (a: string, b: string) => number): MigrationMatrix {
    const labels = [...this.labels].sort(order);
    const counts = labels.map((from) => labels.map((to) => this.counts.get(from)?.get(to) ?? 0));
    return { labels, counts, stayRate: this.total === 0 ? Number.NaN : this.stayed / this.total };
  }
}

/** The previous run's segment id in this run's ids; null when it has none. */
function previousSegmentMap(ids: SegmentIdBasis): (id: number) => number | null {
  if (ids.basis === 'same_model') return (id) => id;
  if (ids.basis === 'not_comparable') return () => null;
  const to = new Map(ids.mapping.map((m) => [m.from, m.to]));
  return (id) => to.get(id) ?? null;
}

const byNumber = (a: string, b: string): number => Number(a) - Number(b);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byTier = (a: string, b: string): number => rank(a) - rank(b) || byText(a, b);
const rank = (tier: string): number => (TIER_ORDER.includes(tier) ? TIER_ORDER.indexOf(tier) : TIER_ORDER.length);
