import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/classify/init-backend.js';
import { buildFeatures, loadModel, NEEDS, parseIsoDay, type FeatureMatrix, type LoadedModel } from '../../src/index.js';
import type { ClientTable } from '../../src/core/records.js';
import { scoreInChunks } from '../../src/jobs/score-in-chunks.js';

// The committed sample model on the committed sample: the in-memory predict must give exactly the
// numbers scores.csv holds, which `probabilities: 'full'` writes without rounding.
const root = path.resolve(import.meta.dirname, '../..');
const asOf = parseIsoDay('2026-06-30')!;
let model: LoadedModel;
let matrix: FeatureMatrix;
let clients: ClientTable;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clientseg-predict-'));
  await initBackend('auto');
  model = await loadModel(path.join(root, 'models/sample'));
  const built = await buildFeatures({
    clientsPath: path.join(root, 'data-samples/clients.csv'), transactionsPath: path.join(root, 'data-samples/transactions.csv'),
    asOf, rejectsPath: path.join(tmp, 'rejects.csv'),
  });
  matrix = built.matrix;
  clients = built.ingest.clients;
}, 120_000);
afterAll(async () => { model?.dispose(); await rm(tmp, { recursive: true, force: true }); });

/** scores.csv as rows of cells (no cell of the sample's holds a comma inside quotes before the reasons). */
async function scoresCsv(options: Parameters<typeof scoreInChunks>[4]): Promise<string[][]> {
  const parts: Buffer[] = [];
  await scoreInChunks(model, matrix, clients, asOf, { ...options, onLines: (b) => { parts.push(Buffer.from(b)); } });
  return Buffer.concat(parts).toString('utf8').trimEnd().split('\n').map((l) => l.split(','));
}
// Columns of a scores.csv line: client_id, as_of, model_version, asset_tier, tier_code, lifecycle_stage,
// behaviour_segment (6), its name, risk_segment (8), p_<class> × 3 (9–11), declared_risk, suitability, predicted_needs, need_<need> × 7 (15–21).
const SEGMENT = 6;
const RISK = 8;
const P_FIRST = 9;
const NEED_FIRST = 15;

describe('probabilities: full', () => {
  it('writes every float32 digit where the default writes 4 decimals, the same values rounded, on one thread or several', async () => {
    const rounded = await scoresCsv({ workers: 0 });
    const full = await scoresCsv({ workers: 0, probabilities: 'full' });
    const workers = await scoresCsv({ workers: 2, minRowsForWorkers: 0, chunkRows: 256, scoreOnCaller: false, probabilities: 'full' });
    expect(workers).toStrictEqual(full);
    expect(full).toHaveLength(2000);
    let longer = 0;
    for (let i = 0; i < full.length; i++) {
      for (const j of [P_FIRST, P_FIRST + 1, P_FIRST + 2, ...NEEDS.map((_, k) => NEED_FIRST + k)]) {
        expect(rounded[i]![j]).toMatch(/^\d\.\d{4}$/);
        expect(Number(full[i]![j]).toFixed(4)).toBe(rounded[i]![j]);
        if (full[i]![j]!.replace(/^0\./, '').length > 4) longer++;
      }
      expect(full[i]!.filter((_, j) => j < P_FIRST || (j > P_FIRST + 2 && j < NEED_FIRST))).toStrictEqual(rounded[i]!.filter((_, j) => j < P_FIRST || (j > P_FIRST + 2 && j < NEED_FIRST)));
    }
    expect(longer).toBeGreaterThan(10_000);
  }, 120_000);
});

describe('loadModel(ref).predict', () => {
  it('gives exactly what scores.csv holds: segments, risk and needs probabilities', async () => {
    const full = await scoresCsv({ workers: 0, probabilities: 'full' });
    const p = model.predict(matrix);
    expect(p.rows).toBe(2000);
    expect(p.riskClasses).toStrictEqual(['conservative', 'balanced', 'aggressive']);
    expect(p.needs).toStrictEqual(NEEDS);
    for (let i = 0; i < p.rows; i++) {
      expect(p.segment[i]).toBe(Number(full[i]![SEGMENT]));
      expect(p.riskClasses[p.riskClass[i]!]).toBe(full[i]![RISK]);
      for (let c = 0; c < 3; c++) expect(p.riskProba[i * 3 + c]).toBe(Math.fround(Number(full[i]![P_FIRST + c])));
      for (let k = 0; k < NEEDS.length; k++) expect(p.needProba[i * NEEDS.length + k]).toBe(Math.fround(Number(full[i]![NEED_FIRST + k])));
    }
  }, 120_000);

  it('takes plain objects by feature name, in any key order, a missing value read as the training mean', () => {
    const rows = [0, 1, 2].map((i) => Object.fromEntries([...matrix.names].reverse().map((n) => [n, matrix.values[i * matrix.cols + matrix.names.indexOf(n)]!])));
    const fromObjects = model.predict(rows);
    const fromMatrix = model.predict({ names: matrix.names, rows: 3, cols: matrix.cols, values: matrix.values.subarray(0, 3 * matrix.cols) });
    expect(fromObjects).toStrictEqual(fromMatrix);
    const mean = model.scaler.means[model.scaler.names.indexOf('recency_days')]!;
    const { recency_days: _, ...withoutRecency } = rows[0]!;
    expect(model.predict([{ ...withoutRecency, recency_days: null }, withoutRecency, rows[1]!]).riskProba)
      .toStrictEqual(model.predict([{ ...rows[0]!, recency_days: mean }, { ...rows[0]!, recency_days: mean }, rows[1]!]).riskProba);
  });

  it('refuses a feature no row has, or a value that is not a number, as input_invalid', () => {
    const row: Record<string, number> = Object.fromEntries(matrix.names.map((n, j) => [n, matrix.values[j]!]));
    const misspelt: Record<string, number> = { ...row, txn_per_mnth: 3 };
    delete misspelt.txn_per_month;
    expect(() => model.predict([misspelt])).toThrow(expect.objectContaining({ code: 'input_invalid', details: { missing: ['txn_per_month'] } }));
    expect(() => model.predict([{ ...row, age_years: '40' as unknown as number }])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    expect(() => model.predict({ names: ['age'], rows: 1, cols: 1, values: new Float64Array([40]) })).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
