// Child process: stores N scores as one run (batches, completion) in a store, and times it.
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { NEEDS } from '../src/core/contract.js';
import { WritesInFlight } from '../src/core/writes-in-flight.js';
import { storeWritePlan } from '../src/jobs/store-write-plan.js';
import { openStore } from '../src/store/open-store.js';
import type { ScoreRecord } from '../src/store/store.js';
import { peakRssMiB } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [url, count, batchText] = process.argv.slice(2);
if (!url || !count) throw new Error('usage: store-throughput STORE_URL CLIENTS [BATCH]');
const n = Number(count);
const TIERS = ['mass', 'hnw', 'uhnw'];

/** A realistic row: the sample's field sizes (16 reason codes, 7 propensities, 3 probabilities). */
function row(i: number): ScoreRecord {
  const p = (k: number) => ((i * 7919 + k * 104729) % 10007) / 10007;
  return {
    clientId: `C${String(i).padStart(9, '0')}`, advisorId: `A${String(i % 400).padStart(3, '0')}`,
    assetTier: TIERS[i % 3]!, tierCode: 'CBA'[i % 3]!, lifecycleStage: 'mature', behaviourSegment: i % 7,
    behaviourSegmentName: '稳健持有型', behaviourSegmentNameEn: 'Steady holder', riskSegment: 'balanced',
    riskProbabilities: { conservative: p(1), balanced: p(2), aggressive: p(3) }, declaredRisk: 'balanced', suitability: 'R3',
    predictedNeeds: ['retirement', 'protection'], needPropensities: Object.fromEntries(NEEDS.map((need, k) => [need, p(k + 4)])),
    reasons: Array.from({ length: 16 }, (_, k) => `need_protection_feature_${k}_up`), flags: ['near_tier_boundary'],
  };
}

const store = await openStore(url);
// Batches as score-into-store writes them to this engine, unless the command line sets their size.
const plan = storeWritePlan(store.engine, batchText === undefined ? undefined : Number(batchText));
const batchSize = plan.batch;
// Only the store's own work is timed: making the rows is the scoring's cost, not the store's. The
// rows are made beforehand, 20,000 of them, and each batch takes them in turn with its own client
// ids (a copy of each row: a fraction of a microsecond, counted against the store). The batches
// are written as score-into-store writes them (storeWritePlan).
const TEMPLATE_ROWS = 20_000;
const templates = Array.from({ length: TEMPLATE_ROWS }, (_, i) => row(i));
const made = (start: number): ScoreRecord[] => {
  const batch: ScoreRecord[] = [];
  for (let i = start; i < Math.min(n, start + batchSize); i++) batch.push({ ...templates[i % TEMPLATE_ROWS]!, clientId: `C${String(i).padStart(9, '0')}` });
  return batch;
};
const started = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage();
const { run } = await store.beginRun({
  runKey: `${Date.now()}`.padEnd(64, '0'), pipeline: 'bench', asOf: '2026-06-30', modelName: 'bench', modelVersion: 'bench', riskClasses: ['conservative', 'balanced', 'aggressive'],
}, new Date());
const writes = new WritesInFlight(plan.inFlight);
for (let start = 0; start < n; start += batchSize) {
  const batch = made(start);
  await writes.add(() => store.writeScores(run.id, batch, new Date()));
}
await writes.drain();
const written = process.hrtime.bigint();
await store.completeRun(run.id, {
  counts: { clientsRead: n, clientsAccepted: n, clientsRejected: 0, transactionsRead: 0, transactionsAccepted: 0, transactionsRejected: 0, scored: n },
  durationMs: 0,
}, new Date());
const cpuUsed = process.cpuUsage(cpuAtStart);
const ended = process.hrtime.bigint();
const seconds = Number(ended - started) / 1e9;
await store.close();
process.stdout.write(`${JSON.stringify({
  clients: n, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(n / seconds),
  // The batches, and the completion (PostgreSQL builds the run's indexes in it).
  writeSeconds: Number((Number(written - started) / 1e9).toFixed(2)), completeSeconds: Number((Number(ended - written) / 1e9).toFixed(2)),
  cpuSeconds: Number(((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(2)), peakRssMiB: peakRssMiB(),
})}\n`);
