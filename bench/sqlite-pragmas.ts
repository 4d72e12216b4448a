// Scratch measurement (not part of `npm run bench`): SQLite's own cost of storing N score rows under pragma choices.
import Database from 'better-sqlite3';
import { NEEDS } from '../src/core/contract.js';
import { openStore } from '../src/store/open-store.js';
import { SCORE_COLUMNS, scoreValues } from '../src/store/score-row-codec.js';
import type { ScoreRecord } from '../src/store/store.js';

const [file, count, variant] = process.argv.slice(2) as [string, string, string];
const n = Number(count);
const store = await openStore(`sqlite:${file}`);
await store.close();
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('mmap_size = 1073741824');
if (variant.includes('cache')) db.pragma('cache_size = -131072');
if (variant.includes('ckpt')) db.pragma('wal_autocheckpoint = 16384');
if (variant.includes('noidx')) db.exec('DROP INDEX scores_by_client; DROP INDEX scores_by_advisor');
const batch = variant.includes('big') ? 50000 : 5000;
db.prepare(`INSERT INTO runs (id, run_key, pipeline, as_of, model_name, model_version, risk_classes, status, started_at) VALUES ('r', 'k', 'p', '2026-06-30', 'm', 'v', '[]', 'running', 'now')`).run();
const insert = db.prepare(`INSERT INTO scores (${SCORE_COLUMNS.join(', ')}) VALUES (${SCORE_COLUMNS.map(() => '?').join(', ')})
  ${variant.includes('plain') ? '' : `ON CONFLICT (run_id, client_id) DO UPDATE SET ${SCORE_COLUMNS.slice(2).map((c) => `${c} = excluded.${c}`).join(', ')}`}`);
function row(i: number): ScoreRecord {
  const p = (k: number) => ((i * 7919 + k * 104729) % 10007) / 10007;
  return {
    clientId: `C${String(i).padStart(9, '0')}`, advisorId: `A${String(i % 400).padStart(3, '0')}`,
    assetTier: 'mass', tierCode: 'C', lifecycleStage: 'mature', behaviourSegment: i % 7,
    behaviourSegmentName: '稳健持有型', behaviourSegmentNameEn: 'Steady holder', riskSegment: 'balanced',
    riskProbabilities: { conservative: p(1), balanced: p(2), aggressive: p(3) }, declaredRisk: 'balanced', suitability: 'R3',
    predictedNeeds: ['retirement', 'protection'], needPropensities: Object.fromEntries(NEEDS.map((need, k) => [need, p(k + 4)])),
    reasons: Array.from({ length: 16 }, (_, k) => `need_protection_feature_${k}_up`), flags: ['near_tier_boundary'],
  };
}
const values = Array.from({ length: n }, (_, i) => scoreValues('r', row(i)));
const cpu = process.cpuUsage();
const t = process.hrtime.bigint();
const many = db.transaction((rows: typeof values) => { for (const v of rows) insert.run(...v); });
for (let s = 0; s < n; s += batch) many(values.slice(s, s + batch));
const used = process.cpuUsage(cpu);
const seconds = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ variant, n, seconds: seconds.toFixed(2), cpu: ((used.user + used.system) / 1e6).toFixed(2), cpuMicrosPerRow: ((used.user + used.system) / n).toFixed(1), rowsPerSecond: Math.round(n / seconds) }));
db.close();
