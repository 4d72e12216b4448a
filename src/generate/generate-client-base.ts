import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CLIENT_COLUMNS, NEEDS, RISK_LEVELS, TRANSACTION_COLUMNS, TXN_TYPES, type Need, type RiskLevel, type TxnType,
} from '../core/contract.js';
import { PipelineError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { noProgress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import { directionOf, type GeneratedTxn } from './activity-kit.js';
import { ARCHETYPES, type ArchetypeName } from './archetypes.js';
import { createCalendar, type Calendar } from './calendar.js';
import { CsvFileWriter } from './csv-file-writer.js';
import { generateClient, type GeneratedClient } from './generate-client.js';
import { resolveGenerateOptions, type GenerateOptions } from './generate-options.js';

export type { GenerateOptions } from './generate-options.js';

/** What `generateClientBase` wrote. */
export interface GenerateSummary {
  readonly outDir: string;
  readonly files: { readonly clients: string; readonly transactions: string; readonly truth: string };
  /** Data rows per file (headers excluded). */
  readonly rows: { readonly clients: number; readonly transactions: number; readonly truth: number };
  readonly bytes: { readonly clients: number; readonly transactions: number; readonly truth: number };
  readonly byArchetype: Readonly<Record<ArchetypeName, number>>;
  /** Clients who take up each need in the horizon. */
  readonly needs: Readonly<Record<Need, number>>;
  readonly riskTolerance: Readonly<Record<RiskLevel, number>>;
  /** Share of clients with a declared risk whose declared level equals the true tolerance. */
  readonly declaredAgreement: number;
  readonly advisors: number;
}

const CLIENTS_PER_UPDATE = 1000;
const DIRECTION_TEXT = Object.fromEntries(TXN_TYPES.map((t) => [t, `${directionOf(t)},`])) as Record<TxnType, string>;
const RISK_TEXT = ['', 'R1', 'R2', 'R3', 'R4', 'R5'];

/**
 * Writes a synthetic client base with known ground truth: clients.csv and transactions.csv in the
 * canonical contract, truth.csv with each client's archetype, true risk tolerance and the needs
 * taken up in the horizon. Streams in chunks, so memory does not grow with the client count;
 * the same options give byte-identical files.
 *
 * @example
 * const summary = await generateClientBase({ clients: 1000, seed: 7, outDir: '/tmp/base' });
 * summary.rows.transactions; // about 30 per client
 */
export async function generateClientBase(options: GenerateOptions): Promise<GenerateSummary> {
  const o = resolveGenerateOptions(options);
  const log = options.log ?? silentLogger();
  const progress = options.progress ?? noProgress;
  try {
    await mkdir(o.outDir, { recursive: true });
  } catch (err) {
    throw new PipelineError('config_invalid', `cannot create output directory ${o.outDir}; choose a writable --out directory`, {
      outDir: o.outDir, reason: (err as NodeJS.ErrnoException).code,
    }, { cause: err });
  }
  const files = { clients: join(o.outDir, 'clients.csv'), transactions: join(o.outDir, 'transactions.csv'), truth: join(o.outDir, 'truth.csv') };
  const cal = createCalendar(o.asOf, o.months, o.horizonDays);
  const advisors = Math.max(3, Math.round(o.clients / 150));
  const root = new Rng(o.seed).fork('generate');
  const out = { clients: new CsvFileWriter(files.clients), transactions: new CsvFileWriter(files.transactions), truth: new CsvFileWriter(files.truth) };
  const byArchetype = Object.fromEntries(ARCHETYPES.map((a) => [a.name, 0])) as Record<ArchetypeName, number>;
  const needs = Object.fromEntries(NEEDS.map((n) => [n, 0])) as Record<Need, number>;
  const riskTolerance = Object.fromEntries(RISK_LEVELS.map((r) => [r, 0])) as Record<RiskLevel, number>;
  let txnSeq = 0, declared = 0, agreeing = 0;
  progress.start('generate', o.clients);
  try {
    out.clients.text(`${CLIENT_COLUMNS.join(',')}\n`);
    out.transactions.text(`${TRANSACTION_COLUMNS.join(',')}\n`);
    out.truth.text('client_id,archetype,risk_tolerance,needs\n');
    for (let i = 0; i < o.clients; i++) {
      const c = generateClient(root.fork(`client/${i}`), i, cal, o, advisors);
      const id = `C${String(i + 1).padStart(7, '0')}`;
      out.clients.text(clientRow(id, c, cal, o.amountScale));
      for (const t of c.txns) {
        txnSeq++;
        writeTransaction(out.transactions, txnSeq, id, t, cal, o.amountScale);
        if (out.transactions.full) await out.transactions.flush();
      }
      out.truth.text(`${id},${c.profile.archetype.name},${c.profile.tolerance},${c.needs.join(';')}\n`);
      if (out.clients.full) await out.clients.flush();
      if (out.truth.full) await out.truth.flush();
      byArchetype[c.profile.archetype.name]++;
      riskTolerance[c.profile.tolerance]++;
      for (const n of c.needs) needs[n]++;
      if (c.questionnaire.declared !== undefined) {
        declared++;
        if (c.questionnaire.declared === c.profile.tolerance) agreeing++;
      }
      if ((i + 1) % CLIENTS_PER_UPDATE === 0) progress.update(i + 1);
    }
    await Promise.all([out.clients.close(), out.transactions.close(), out.truth.close()]);
  } catch (err) {
    for (const w of Object.values(out)) w.destroy();
    await Promise.all(Object.values(files).map((f) => rm(f, { force: true })));
    if (err instanceof PipelineError) throw err;
    throw new PipelineError('stage_failed', `writing the client base to ${o.outDir} failed; check its free space and permissions, then retry`, {
      outDir: o.outDir, reason: (err as NodeJS.ErrnoException).code,
    }, { cause: err });
  } finally {
    progress.update(o.clients);
    progress.stop();
  }
  const summary: GenerateSummary = {
    outDir: o.outDir, files,
    rows: { clients: o.clients, transactions: txnSeq, truth: o.clients },
    bytes: { clients: out.clients.bytes, transactions: out.transactions.bytes, truth: out.truth.bytes },
    byArchetype, needs, riskTolerance,
    declaredAgreement: declared > 0 ? agreeing / declared : 0,
    advisors,
  };
  log.info({ rows: summary.rows, byArchetype, needs }, 'generated synthetic client base');
  return summary;
}

function writeTransaction(w: CsvFileWriter, seq: number, clientId: string, t: GeneratedTxn, cal: Calendar, scale: number): void {
  w.text('T');
  w.digits(seq, 9);
  w.comma();
  w.text(clientId);
  w.comma();
  const at = (t.day - cal.windowStart) * 10;
  w.raw(cal.encoded, at, at + 10);
  w.comma();
  w.cents(Math.max(0.01, t.amount * scale));
  w.comma();
  w.text(DIRECTION_TEXT[t.type]);
  w.text(t.type);
  w.comma();
  if (t.assetClass !== undefined) w.text(t.assetClass);
  w.comma();
  if (t.risk > 0) w.text(RISK_TEXT[t.risk]!);
  w.comma();
  w.text(t.currency);
  w.newline();
}

function clientRow(id: string, c: GeneratedClient, cal: Calendar, scale: number): string {
  const p = c.profile;
  const q = c.questionnaire;
  const aum = (Math.round(p.aum * scale * 100) / 100).toFixed(2);
  return `${id},${cal.text(p.birthDay)},${aum},${c.maritalShown ? p.marital : ''},${c.dependantsShown ? p.dependants : ''},`
    + `${q.declared ?? ''},${q.assessedOn === undefined ? '' : cal.text(q.assessedOn)},A${String(c.advisor + 1).padStart(3, '0')},${cal.text(p.openedOn)}\n`;
}
