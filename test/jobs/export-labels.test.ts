import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { readClients } from '../../src/ingest/read-clients.js';
import { RejectsWriter } from '../../src/ingest/rejects-writer.js';
import { exportLabels, labelsFromOverrides } from '../../src/jobs/export-labels.js';
import type { OverrideRecord } from '../../src/store/override-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cs-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let nextId = 1;
function override(clientId: string, kind: OverrideRecord['kind'], value: string, at: string): OverrideRecord {
  return { id: nextId++, at, actor: 'A01', clientId, runId: 'r1', kind, value, previous: kind === 'risk_segment' ? 'balanced' : null, segment: 0, reason: 'because' };
}

const OVERRIDES = [
  override('C2', 'risk_segment', 'aggressive', '2026-07-01T10:00:00.000Z'),
  override('C2', 'risk_segment', 'conservative', '2026-07-03T10:00:00.000Z'),
  override('C1', 'dismiss_need', 'growth', '2026-07-02T10:00:00.000Z'),
  override('C1', 'dismiss_need', 'education', '2026-07-02T11:00:00.000Z'),
  override('C9', 'risk_segment', '=cmd', '2026-07-02T11:00:00.000Z'),
];

describe('export-labels', () => {
  it('keeps the latest risk override and every dismissed need per client', () => {
    expect(labelsFromOverrides(OVERRIDES)).toEqual([
      { clientId: 'C1', risk: undefined, riskOn: undefined, dismissedNeeds: ['education', 'growth'], overrides: 2 },
      { clientId: 'C2', risk: 'conservative', riskOn: '2026-07-03', dismissedNeeds: [], overrides: 2 },
      { clientId: 'C9', risk: '=cmd', riskOn: '2026-07-02', dismissedNeeds: [], overrides: 1 },
    ]);
  });

  it('writes the label rows, neutralised', async () => {
    const out = path.join(dir, 'labels.csv');
    const result = await exportLabels({ overrides: OVERRIDES, outPath: out });
    expect(result).toEqual({ labels: 3, rows: 3, unmatched: 0 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'client_id,declared_risk,label_source,labelled_on,dismissed_needs,overrides',
      'C1,,,,education;growth,2',
      'C2,conservative,advisor_override,2026-07-03,,2',
      "C9,'=cmd,advisor_override,2026-07-02,,1",
    ]);
  });

  it('relabels a clients file into one that ingest (and so train --target declared_risk) reads back whole', async () => {
    const clients = path.join(dir, 'clients.csv');
    writeFileSync(clients, [
      'client_id,birth_date,aum,marital_status,dependants,declared_risk,risk_assessed_on,advisor_id,opened_on',
      'C1,1980-01-02,120000.5,married,2,balanced,2025-01-01,A01,2010-05-06',
      'C2,1975-03-04,900000,,,balanced,2019-01-01,A01,',
      'C3,1990-12-31,50,single,0,,,,',
    ].join('\n'));
    const out = path.join(dir, 'relabelled.csv');
    const result = await exportLabels({ overrides: OVERRIDES, outPath: out, clients: { clientsPath: clients, rejectsPath: path.join(dir, 'rejects.csv') }, today: new Date('2026-07-10T00:00:00Z') });
    expect(result).toEqual({ labels: 3, rows: 3, unmatched: 1 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'client_id,birth_date,aum,marital_status,dependants,declared_risk,risk_assessed_on,advisor_id,opened_on,label_source,labelled_on',
      'C1,1980-01-02,120000.5,married,2,balanced,2025-01-01,A01,2010-05-06,questionnaire,2025-01-01',
      // The questionnaire's date stays: the advisor's label is dated in labelled_on, never as a fresh questionnaire.
      'C2,1975-03-04,900000,,,conservative,2019-01-01,A01,,advisor_override,2026-07-03',
      'C3,1990-12-31,50,single,0,,,,,,',
    ]);
    const rejects = RejectsWriter.open(path.join(dir, 'rejects-2.csv'));
    const back = await readClients({ clientsPath: out, transactionsPath: '', asOf: parseIsoDay('2026-06-30')!, horizonDays: 0, rejectsPath: rejects.path }, rejects);
    rejects.close();
    expect(back.counts).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(back.table.declaredRisk).toEqual(['balanced', 'conservative', undefined]);
  });
});
