import { CLIENT_COLUMNS, MARITAL_STATUSES } from '../core/contract.js';
import { formatDay, parseIsoDay } from '../core/days.js';
import { MISSING_CODE, MISSING_DAY, type ClientTable } from '../core/records.js';
import { writeLinesAtomically } from '../core/write-lines-atomically.js';
import type { IngestOptions } from '../ingest/ingest-options.js';
import { readClients } from '../ingest/read-clients.js';
import { csvCell, RejectsWriter } from '../ingest/rejects-writer.js';
import type { OverrideRecord } from '../store/override-store.js';

/** What advisors said about one client: their latest risk segment and the needs they dismissed. */
export interface ClientLabel {
  readonly clientId: string;
  /** The latest risk override's value, or undefined when only needs were dismissed. */
  readonly risk: string | undefined;
  /** YYYY-MM-DD of the latest risk override: when the advisor labelled the client (not a questionnaire date). */
  readonly riskOn: string | undefined;
  readonly dismissedNeeds: readonly string[];
  readonly overrides: number;
}

/** Folds overrides (oldest first) into one label per client, in client-id order. */
export function labelsFromOverrides(overrides: readonly OverrideRecord[]): ClientLabel[] {
  const byClient = new Map<string, { risk?: string; riskOn?: string; needs: Set<string>; n: number }>();
  for (const o of overrides) {
    const entry = byClient.get(o.clientId) ?? { needs: new Set<string>(), n: 0 };
    entry.n++;
    if (o.kind === 'risk_segment') { entry.risk = o.value; entry.riskOn = o.at.slice(0, 10); } else entry.needs.add(o.value);
    byClient.set(o.clientId, entry);
  }
  return [...byClient].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([clientId, e]) => ({
    clientId, risk: e.risk, riskOn: e.riskOn, dismissedNeeds: [...e.needs].sort(), overrides: e.n,
  }));
}

/** Where a risk label came from: a client's questionnaire, or an advisor's override. */
export const LABEL_SOURCES = ['questionnaire', 'advisor_override'] as const;

/** Columns added to the contract's in a relabelled clients file. */
export const LABEL_PROVENANCE_COLUMNS = ['label_source', 'labelled_on'] as const;

export const LABEL_COLUMNS = ['client_id', 'declared_risk', 'label_source', 'labelled_on', 'dismissed_needs', 'overrides'] as const;

/**
 * The label file: one row per client with an override. An override is never written as a
 * questionnaire: the label file has no risk_assessed_on, and says where the label came from.
 */
export function labelLines(labels: readonly ClientLabel[]): string[] {
  return [LABEL_COLUMNS.join(','), ...labels.map((l) => [
    csvCell(l.clientId), csvCell(l.risk ?? ''), l.risk === undefined ? '' : 'advisor_override', l.riskOn ?? '',
    csvCell(l.dismissedNeeds.join(';')), String(l.overrides),
  ].join(','))];
}

export interface ExportLabelsOptions {
  readonly overrides: readonly OverrideRecord[];
  readonly outPath: string;
  /**
   * A clients file to relabel: the output is that client base in the contract's columns, with
   * declared_risk replaced by the advisor's risk override where there is one (risk_assessed_on
   * keeps the questionnaire's date: an override is not a questionnaire), plus label_source
   * (questionnaire | advisor_override) and labelled_on, for `train --clients OUT --target
   * declared_risk`. Without it, only the label rows.
   */
  readonly clients?: Pick<IngestOptions, 'clientsPath' | 'mapping' | 'rejectsPath'>;
  /** Clients born after this day are rejected by ingest; default today. */
  readonly today?: Date;
}

export interface ExportLabelsResult {
  readonly labels: number;
  /** Clients written (the client base with --clients, else the labels). */
  readonly rows: number;
  /** Overridden clients not found in the clients file. */
  readonly unmatched: number;
}

/**
 * Turns advisors' overrides into labels for the next training run.
 *
 * @example
 * await exportLabels({ overrides: await store.overrides.all(), outPath: 'out/labels.csv' });
 */
export async function exportLabels(options: ExportLabelsOptions): Promise<ExportLabelsResult> {
  const labels = labelsFromOverrides(options.overrides);
  if (options.clients === undefined) {
    await writeLinesAtomically(options.outPath, labelLines(labels), 'labels file');
    return { labels: labels.length, rows: labels.length, unmatched: 0 };
  }
  const rejects = RejectsWriter.open(options.clients.rejectsPath);
  let table: ClientTable;
  try {
    table = (await readClients({
      clientsPath: options.clients.clientsPath, transactionsPath: '', asOf: parseIsoDay((options.today ?? new Date()).toISOString().slice(0, 10))!, horizonDays: 0,
      rejectsPath: options.clients.rejectsPath, ...(options.clients.mapping === undefined ? {} : { mapping: options.clients.mapping }),
    }, rejects)).table;
  } finally {
    rejects.close();
  }
  const byId = new Map(labels.map((l) => [l.clientId, l]));
  const day = (d: number) => (d === MISSING_DAY ? '' : formatDay(d));
  const lines = [[...CLIENT_COLUMNS, ...LABEL_PROVENANCE_COLUMNS].join(',')];
  for (let i = 0; i < table.size; i++) {
    const id = table.ids[i]!;
    const label = byId.get(id);
    const relabel = label?.risk !== undefined;
    const questionnaire = table.declaredRisk[i] !== undefined && table.declaredRisk[i] !== '';
    const source = relabel ? 'advisor_override' : questionnaire ? 'questionnaire' : '';
    lines.push([
      csvCell(id), day(table.birthDay[i]!), String(table.aum[i]!),
      table.marital[i] === MISSING_CODE ? '' : MARITAL_STATUSES[table.marital[i]!]!,
      table.dependants[i] === MISSING_CODE ? '' : String(table.dependants[i]),
      csvCell(relabel ? label.risk! : table.declaredRisk[i] ?? ''),
      day(table.riskAssessedOn[i]!),
      csvCell(table.advisorId[i] ?? ''), day(table.openedOn[i]!),
      source, relabel ? label.riskOn! : questionnaire ? day(table.riskAssessedOn[i]!) : '',
    ].join(','));
  }
  await writeLinesAtomically(options.outPath, lines, 'labelled clients file');
  const unmatched = labels.filter((l) => !table.indexById.has(l.clientId)).length;
  return { labels: labels.length, rows: table.size, unmatched };
}
