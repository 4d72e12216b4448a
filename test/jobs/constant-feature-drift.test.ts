import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, score, type DriftReport, type NumericDrift } from '../../src/index.js';

// The committed sample model on the committed sample, with clients planted who bought insurance
// before the as-of date: at training, share_insurance was 0 for every client.
const root = path.resolve(import.meta.dirname, '../..');
const asOf = dayNumber(2026, 6, 30);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-constant-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Scores the sample with `buyers` of its clients (the first ones) given one insurance purchase. */
async function driftWithInsuranceBuyers(buyers: number): Promise<{ drift: DriftReport; insurance: NumericDrift }> {
  const run = path.join(dir, `buyers-${buyers}`);
  await mkdir(run, { recursive: true });
  await copyFile(path.join(root, 'data-samples/clients.csv'), path.join(run, 'clients.csv'));
  const clientIds = (await readFile(path.join(root, 'data-samples/clients.csv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split(',')[0]!);
  const planted = clientIds.slice(0, buyers).map((id, i) => `P${String(i).padStart(9, '0')},${id},2026-06-15,20000.00,debit,buy,insurance,R1,CNY\n`);
  await writeFile(path.join(run, 'transactions.csv'), (await readFile(path.join(root, 'data-samples/transactions.csv'), 'utf8')) + planted.join(''));
  const result = await score({
    model: path.join(root, 'models/sample'), asOf, clientsPath: path.join(run, 'clients.csv'), transactionsPath: path.join(run, 'transactions.csv'),
    outPath: path.join(run, 'scores.csv'), rejectsPath: path.join(run, 'rejects.csv'),
  });
  const drift = result.monitoring!.drift;
  return { drift, insurance: drift.features.find((f): f is NumericDrift => f.name === 'share_insurance')! };
}

describe('drift of a feature constant at training, on the sample', () => {
  it('does not alert when a few clients buy insurance: 10 of 2,000 leave the run ok', async () => {
    const { drift, insurance } = await driftWithInsuranceBuyers(10);
    expect(insurance.constantAtTraining).toStrictEqual({ value: 0, shareAway: 0.005, jensenShannon: expect.closeTo(0.05, 3) as number });
    expect(insurance.verdict).toBe('ok');
    expect(drift.verdict).toBe('ok');
  }, 60_000);

  it('watches when 100 of 2,000 (5 %) did, and alerts at 200 (10 %)', async () => {
    const watch = await driftWithInsuranceBuyers(100);
    expect(watch.insurance).toMatchObject({ constantAtTraining: { value: 0, shareAway: 0.05 }, verdict: 'watch' });
    expect(watch.drift.verdict).toBe('watch');
    const alert = await driftWithInsuranceBuyers(200);
    expect(alert.insurance).toMatchObject({ constantAtTraining: { value: 0, shareAway: 0.1 }, verdict: 'alert' });
    expect(alert.drift.verdict).toBe('alert');
  }, 60_000);
});
