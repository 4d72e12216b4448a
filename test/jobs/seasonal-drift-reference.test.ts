import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/features/feature-window.js';
import {
  buildDriftReference, chooseDriftReference, compareDrift, countDrift, dayNumber, formatDay, Rng,
  type DriftCounts, type PastRunCounts, type PredictionCounts,
} from '../../src/index.js';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';

// A monthly run on a client base whose interest is posted at each quarter end: at a quarter's
// last day nearly every client had a transaction in the last few days; in other months the last
// one is weeks back. Days since the last transaction follow the calendar, not the clients.
const CLIENTS = 1000;
const isQuarterEnd = (day: number) => (new Date(day * 86_400_000).getUTCMonth() + 1) % 3 === 0;

function monthOf(asOf: number, seed: string): { matrix: FeatureMatrix } {
  const rng = new Rng(seed);
  const values = new Float64Array(CLIENTS * 2);
  for (let i = 0; i < CLIENTS; i++) {
    values[2 * i] = isQuarterEnd(asOf) ? Math.floor(rng.next() * 4) : 5 + Math.floor(rng.next() * 26);
    values[2 * i + 1] = 20 + rng.next() * 50;
  }
  return { matrix: { names: ['recency_days', 'age_years'], rows: CLIENTS, cols: 2, values, clientIds: Array.from({ length: CLIENTS }, (_, i) => `C${i}`) } };
}
const predictions: PredictionCounts = {
  segmentIds: new Int32Array(CLIENTS), riskClass: new Int32Array(0), riskClasses: [], needs: new Uint8Array(0), needNames: [],
};
// The model was trained at a quarter end (as of 2025-06-30).
const model = buildDriftReference(monthOf(dayNumber(2025, 6, 30), 'training').matrix, predictions);
const runCounts = (asOf: number): DriftCounts => countDrift(monthOf(asOf, `run ${formatDay(asOf)}`).matrix, model.features, {}, predictions);
// Twelve stored monthly runs, 2025-06-30 to 2026-05-31, newest first as the store lists them.
const history: PastRunCounts[] = Array.from({ length: 12 }, (_, m) => addMonths(dayNumber(2026, 5, 31), -m))
  .map((day) => ({ id: `run-${formatDay(day)}`, asOf: formatDay(day), counts: runCounts(day) }));
const recency = (report: ReturnType<typeof compareDrift>) => report.features.find((f) => f.name === 'recency_days')!;

describe('a seasonal drift reference', () => {
  it('alerts on quarterly postings against the previous month, and not against the same phase of the quarter or of last year', () => {
    const june = dayNumber(2026, 6, 30);
    const current = runCounts(june);
    const drift = (monthsBack: number) => {
      const chosen = chooseDriftReference(model, { kind: 'seasonal', monthsBack, toleranceDays: 3 }, june, history);
      return compareDrift(chosen.counts, current, {}, chosen.source);
    };
    const previousMonth = drift(1);
    expect(previousMonth.reference).toStrictEqual({ kind: 'seasonal', runs: [{ id: 'run-2026-05-31', asOf: '2026-05-31' }] });
    expect([recency(previousMonth).verdict, previousMonth.verdict]).toStrictEqual(['alert', 'alert']);
    for (const [monthsBack, asOf] of [[3, '2026-03-31'], [12, '2025-06-30']] as const) {
      const samePhase = drift(monthsBack);
      expect(samePhase.reference?.runs).toStrictEqual([{ id: `run-${asOf}`, asOf }]);
      expect({ monthsBack, verdict: samePhase.verdict }).toStrictEqual({ monthsBack, verdict: 'ok' });
      // Not ok by a hair: a fresh draw of the same phase is far inside the watch band.
      const r = recency(samePhase);
      expect(r.kind === 'numeric' && r.psi).toBeLessThan(0.05);
    }
  });

  it('clears the alert a quarter-end training month raises on an ordinary month', () => {
    const may = dayNumber(2026, 5, 31);
    const current = runCounts(may);
    expect(recency(compareDrift(model, current)).verdict).toBe('alert');
    const earlier = history.filter((r) => r.asOf < '2026-05-31');
    const chosen = chooseDriftReference(model, { kind: 'seasonal', monthsBack: 12, toleranceDays: 3 }, may, [...earlier, { asOf: '2025-05-31', counts: runCounts(dayNumber(2025, 5, 31)) }]);
    expect(chosen.source).toStrictEqual({ kind: 'seasonal', runs: [{ asOf: '2025-05-31' }] });
    expect(compareDrift(chosen.counts, current, {}, chosen.source).verdict).toBe('ok');
  });

  it('pools the last months into one reference, and falls back to the model with the reason when no run fits', () => {
    const june = dayNumber(2026, 6, 30);
    const pooled = chooseDriftReference(model, { kind: 'pooled', months: 3 }, june, history);
    expect(pooled.source.runs?.map((r) => r.asOf)).toStrictEqual(['2026-03-31', '2026-04-30', '2026-05-31']);
    expect(pooled.counts.rows).toBe(3 * CLIENTS);
    expect(pooled.counts.features[0]!.counts.reduce((s, c) => s + c, 0)).toBe(3 * CLIENTS);
    const none = chooseDriftReference(model, { kind: 'seasonal', monthsBack: 24, toleranceDays: 3 }, june, history);
    expect(none.counts).toBe(model);
    expect(none.source).toStrictEqual({ kind: 'model', fallback: "no earlier run on the model's bins within 3 days of 2024-06-30 (24 months before)" });
    // A run counted on other bins (another model version) never becomes the reference.
    const otherBins = history.map((r) => ({ ...r, counts: { ...r.counts, features: r.counts.features.map((f) => ({ ...f, edges: f.edges.map((e) => e + 0.5) })) } }));
    expect(chooseDriftReference(model, { kind: 'seasonal', monthsBack: 1, toleranceDays: 3 }, june, otherBins).source.kind).toBe('model');
  });
});
