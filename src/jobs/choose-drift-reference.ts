import { formatDay, parseIsoDay, type DayNumber } from '../core/days.js';
import { addMonths } from '../features/feature-window.js';
import type { DriftReferenceSource } from '../monitor/compare-drift.js';
import { mergeDriftCounts, type DriftCounts } from '../monitor/drift-counts.js';
import { DriftCountsSchema } from '../monitor/drift-reference.js';
import type { DriftReferenceRule } from '../monitor/drift-settings.js';

/** An earlier run's drift counts (drift.json's `counts`, or the store's drift document). */
export interface PastRunCounts {
  /** The store's run id, when the run came from a store. */
  readonly id?: string;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly counts: DriftCounts;
}

export interface ChosenReference {
  readonly counts: DriftCounts;
  readonly source: DriftReferenceSource;
}

/**
 * The counts a run's drift is measured against. `model` (or no rule): the model's training
 * reference. `seasonal`: the earlier run nearest the same calendar phase `monthsBack` months
 * before (month ends stay month ends), within `toleranceDays`. `pooled`: every earlier run with
 * an as-of in [as-of − months, as-of), one per as-of, counts added up. Only runs counted on the
 * model's own bins qualify (another model version bins differently); with none the model's
 * reference is used and `source.fallback` says why, so a first year of runs still measures drift.
 *
 * @example
 * const { counts, source } = chooseDriftReference(model.driftReference, { kind: 'seasonal', monthsBack: 12, toleranceDays: 3 }, asOf, history);
 */
export function chooseDriftReference(
  model: DriftCounts, rule: DriftReferenceRule | undefined, asOf: DayNumber, history: readonly PastRunCounts[],
): ChosenReference {
  if (rule === undefined || rule.kind === 'model') return { counts: model, source: { kind: 'model' } };
  const usable = history
    .map((run) => ({ run, day: parseIsoDay(run.asOf) }))
    .filter((r): r is { run: PastRunCounts; day: DayNumber } => r.day !== undefined && r.day < asOf && sameBins(r.run.counts, model));
  const fallback = (why: string): ChosenReference => ({ counts: model, source: { kind: 'model', fallback: why } });
  const describe = (runs: readonly PastRunCounts[]) => runs.map((r) => (r.id === undefined ? { asOf: r.asOf } : { id: r.id, asOf: r.asOf }));
  if (rule.kind === 'seasonal') {
    const target = addMonths(asOf, -rule.monthsBack);
    const near = usable.filter((r) => Math.abs(r.day - target) <= rule.toleranceDays)
      .sort((a, b) => Math.abs(a.day - target) - Math.abs(b.day - target) || b.day - a.day);
    if (near.length === 0) return fallback(`no earlier run on the model's bins within ${rule.toleranceDays} days of ${formatDay(target)} (${rule.monthsBack} months before)`);
    const chosen = near[0]!.run;
    return { counts: chosen.counts, source: { kind: 'seasonal', runs: describe([chosen]) } };
  }
  const from = addMonths(asOf, -rule.months);
  const byDay = new Map<number, PastRunCounts>();
  for (const r of usable) if (r.day >= from && !byDay.has(r.day)) byDay.set(r.day, r.run);
  const runs = [...byDay.entries()].sort(([a], [b]) => a - b).map(([, run]) => run);
  if (runs.length === 0) return fallback(`no earlier run on the model's bins from ${formatDay(from)} on (${rule.months} months)`);
  return { counts: runs.map((r) => r.counts).reduce(mergeDriftCounts), source: { kind: 'pooled', runs: describe(runs) } };
}

/** An earlier run's counts from a drift document (drift.json, or the store's copy); undefined when it has none of this form. */
export function pastRunCountsOf(document: unknown, id?: string): PastRunCounts | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const { asOf, counts } = document as { asOf?: unknown; counts?: unknown };
  const parsed = DriftCountsSchema.safeParse(counts);
  if (typeof asOf !== 'string' || !parsed.success) return undefined;
  return { ...(id === undefined ? {} : { id }), asOf, counts: parsed.data };
}

function sameBins(a: DriftCounts, b: DriftCounts): boolean {
  return a.features.length === b.features.length && a.features.every((f, j) => {
    const g = b.features[j]!;
    return f.name === g.name && f.edges.length === g.edges.length && f.edges.every((e, i) => e === g.edges[i]);
  });
}
