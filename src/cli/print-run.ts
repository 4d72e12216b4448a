import type { Migration } from '../monitor/migration-matrix.js';
import type { RunRecord } from '../store/store.js';

/** One line per stored run outcome, for the score, sample and run commands. */
export function formatStoredRun(run: RunRecord, outcome: 'completed' | 'already_completed', location: string): string {
  if (outcome === 'already_completed') return `store: run ${run.id} was already completed in ${location}; nothing added`;
  const drift = run.driftVerdict === null ? '' : `, drift ${run.driftVerdict}`;
  return `store: run ${run.id} completed in ${location} (${run.counts.scored} clients${drift}${run.attempts > 1 ? `, attempt ${run.attempts}` : ''})`;
}

/** How many clients kept their segment, risk and tier since the previous run. */
export function formatMigration(previousRunId: string, m: Migration): string {
  const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
  return `migration since ${previousRunId}: ${m.matched} clients in both (${m.entered} new, ${m.left} gone); stayed: behaviour ${pct(m.behaviour.stayRate)}, risk ${pct(m.risk.stayRate)}, tier ${pct(m.tier.stayRate)} (${m.tierMoves.boundary} tier moves at a boundary, ${m.tierMoves.behaviour} with a behaviour change)${segmentIdsNote(m)}`;
}

/** A model change is not a client move: say how the previous run's segment ids were read. */
function segmentIdsNote(m: Migration): string {
  const ids = m.segmentIds;
  if (ids === undefined || ids.basis === 'same_model') return '';
  if (ids.basis === 'not_comparable') return `; behaviour ids not comparable: ${ids.reason}`;
  return `; segment ids of model ${ids.previousModel} read through the alignment to ${ids.currentModel}${(m.behaviourUnmapped ?? 0) > 0 ? ` (${m.behaviourUnmapped} clients in segments with no counterpart)` : ''}`;
}
