import type { DriftReport } from '../monitor/compare-drift.js';

/** The drift verdict and what drove it, for the terminal: the features not ok, worst first. */
export function formatDriftSummary(drift: DriftReport, file: string): string {
  const moved = drift.features.filter((f) => f.verdict !== 'ok')
    .sort((a, b) => (a.verdict === b.verdict ? a.name.localeCompare(b.name) : a.verdict === 'alert' ? -1 : 1))
    .map((f) => `${f.name} (${f.verdict}${f.excluded === true ? ', excluded from the verdict' : ''})`);
  const shares = [
    ...[drift.segments, drift.predictions.risk].filter((s) => s.verdict !== 'ok').map((s) => `${s.name} shares (${s.verdict})`),
    ...drift.predictions.needs.filter((n) => n.verdict !== 'ok').map((n) => `need ${n.name} (${n.verdict})`),
  ];
  const lines = [`drift: ${drift.verdict}${drift.lowSample ? ` (fewer than ${drift.thresholds.minRows} rows: verdicts held at ok)` : ''} → ${file}`];
  if (moved.length + shares.length > 0) lines.push(`  moved: ${[...moved, ...shares].join(', ')}`);
  const ref = drift.reference;
  // Documents stored before drift settings existed have no reference: it was the model's.
  if (ref !== undefined && ref.kind !== 'model') lines.push(`  reference: ${ref.kind}, runs of ${(ref.runs ?? []).map((r) => r.asOf).join(', ')}`);
  if (ref?.fallback !== undefined) lines.push(`  reference: the model's training data (${ref.fallback})`);
  return lines.join('\n');
}
