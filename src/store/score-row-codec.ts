import type { DriftVerdict } from '../monitor/drift-verdict.js';
import type { RunCounts, RunOwner, RunRecord, RunStatus, ScoreRecord, StoredScore } from './store.js';

/** The scores table's columns, in the order scoreValues gives them. */
export const SCORE_COLUMNS = [
  'run_id', 'client_id', 'advisor_id', 'asset_tier', 'tier_code', 'lifecycle_stage', 'behaviour_segment',
  'behaviour_segment_name', 'behaviour_segment_name_en', 'risk_segment', 'risk_probabilities', 'declared_risk',
  'suitability', 'predicted_needs', 'need_propensities', 'reasons', 'flags', 'aum',
] as const;

export type SqlValue = string | number | null;

/** One score as column values (JSON for the structured fields). */
export function scoreValues(runId: string, r: ScoreRecord): SqlValue[] {
  return [
    runId, r.clientId, r.advisorId, r.assetTier, r.tierCode, r.lifecycleStage, r.behaviourSegment,
    r.behaviourSegmentName, r.behaviourSegmentNameEn, r.riskSegment, JSON.stringify(r.riskProbabilities), r.declaredRisk,
    r.suitability, JSON.stringify(r.predictedNeeds), JSON.stringify(r.needPropensities), JSON.stringify(r.reasons), JSON.stringify(r.flags),
    r.aum ?? null,
  ];
}

type Row = Record<string, unknown>;

const text = (v: unknown): string => String(v);
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number => Number(v);

/** A scores row (joined with its run's as_of and model_version) back into a StoredScore. */
export function scoreFromRow(row: Row): StoredScore {
  return {
    runId: text(row.run_id),
    asOf: text(row.as_of),
    modelVersion: text(row.model_version),
    clientId: text(row.client_id),
    advisorId: textOrNull(row.advisor_id),
    assetTier: text(row.asset_tier),
    tierCode: text(row.tier_code),
    lifecycleStage: text(row.lifecycle_stage),
    behaviourSegment: int(row.behaviour_segment),
    behaviourSegmentName: text(row.behaviour_segment_name),
    behaviourSegmentNameEn: text(row.behaviour_segment_name_en),
    riskSegment: text(row.risk_segment),
    riskProbabilities: JSON.parse(text(row.risk_probabilities)) as Record<string, number>,
    declaredRisk: textOrNull(row.declared_risk),
    suitability: text(row.suitability),
    predictedNeeds: JSON.parse(text(row.predicted_needs)) as string[],
    needPropensities: JSON.parse(text(row.need_propensities)) as Record<string, number>,
    reasons: JSON.parse(text(row.reasons)) as string[],
    flags: JSON.parse(text(row.flags)) as string[],
    aum: row.aum === null || row.aum === undefined ? null : Number(row.aum),
  };
}

export function runFromRow(row: Row): RunRecord {
  const counts: RunCounts = {
    clientsRead: int(row.clients_read),
    clientsAccepted: int(row.clients_accepted),
    clientsRejected: int(row.clients_rejected),
    transactionsRead: int(row.transactions_read),
    transactionsAccepted: int(row.transactions_accepted),
    transactionsRejected: int(row.transactions_rejected),
    scored: int(row.scored),
  };
  return {
    id: text(row.id),
    runKey: text(row.run_key),
    pipeline: text(row.pipeline),
    asOf: text(row.as_of),
    modelName: text(row.model_name),
    modelVersion: text(row.model_version),
    riskClasses: JSON.parse(text(row.risk_classes)) as string[],
    status: text(row.status) as RunStatus,
    startedAt: text(row.started_at),
    finishedAt: textOrNull(row.finished_at),
    durationMs: row.duration_ms === null || row.duration_ms === undefined ? null : int(row.duration_ms),
    counts,
    driftVerdict: textOrNull(row.drift_verdict) as DriftVerdict | null,
    attempts: int(row.attempts),
    error: textOrNull(row.error),
    heartbeatAt: text(row.heartbeat_at ?? row.started_at),
    owner: ownerFromRow(row),
  };
}

function ownerFromRow(row: Row): RunOwner | null {
  if (row.owner_host === null || row.owner_host === undefined) return null;
  return { host: text(row.owner_host), pid: int(row.owner_pid), processStartedAt: text(row.owner_started_at) };
}

/** The run columns that name the owning process, in the order ownerValues gives them. */
export const OWNER_COLUMNS = ['owner_host', 'owner_pid', 'owner_started_at'] as const;

export function ownerValues(o: RunOwner): SqlValue[] {
  return [o.host, o.pid, o.processStartedAt];
}

/** The run columns set when a run completes, in the order completionValues gives them. */
export const COUNT_COLUMNS = [
  'clients_read', 'clients_accepted', 'clients_rejected', 'transactions_read', 'transactions_accepted', 'transactions_rejected', 'scored',
] as const;

export function countValues(c: RunCounts): number[] {
  return [c.clientsRead, c.clientsAccepted, c.clientsRejected, c.transactionsRead, c.transactionsAccepted, c.transactionsRejected, c.scored];
}

/** A LIKE pattern matching a JSON array that holds `item` as a string element. */
export function jsonItemPattern(item: string): string {
  return `%${JSON.stringify(item).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
