// A client base from the data contract alone, blurred the way real books are: clients mixing two
// archetypes, noisy rates and amounts, missing optional columns, thin histories, noisy questionnaires.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { formatDay, type DayNumber } from '../../src/core/days.js';
import { Rng } from '../../src/core/rng.js';
import { ARCHETYPES, DIRECTION, type Archetype, type AssetClass, type Stream } from './archetypes.js';

export interface ContractBaseOptions {
  readonly clients: number;
  readonly seed: number;
  readonly outDir: string;
  readonly asOf: DayNumber;
  /** History months before the as-of date (default 12). */
  readonly months?: number;
  /** Days of transactions after the as-of date (default 90), where take-ups show. */
  readonly horizonDays?: number;
  /** Share of declared risks one level off the true class (default 0.2). */
  readonly noise?: number;
}

const RISK_CLASSES = ['conservative', 'balanced', 'aggressive'] as const;
const BLEND_CHANCE = 0.35;      // clients whose behaviour mixes a second archetype in
const THIN_CHANCE = 0.07;       // clients with only a few transactions
const SILENT_CHANCE = 0.01;     // clients with none at all
const UNLABELLED_CHANCE = 0.15; // clients without a questionnaire
const RISK_SPREAD = 0.55;       // latent risk appetite around the archetype's mean

/** Writes clients.csv, transactions.csv and truth.csv; returns the counts. */
export async function generateContractBase(options: ContractBaseOptions): Promise<{ clients: number; transactions: number }> {
  const months = options.months ?? 12;
  const horizon = options.horizonDays ?? 90;
  const noise = options.noise ?? 0.2;
  const start = options.asOf - Math.round(months * 30.44);
  const end = options.asOf + horizon;
  const spanMonths = (end - start) / 30.44;
  await mkdir(options.outDir, { recursive: true });
  const clientsOut = createWriteStream(path.join(options.outDir, 'clients.csv'));
  const txnOut = createWriteStream(path.join(options.outDir, 'transactions.csv'));
  const truthOut = createWriteStream(path.join(options.outDir, 'truth.csv'));
  clientsOut.write('client_id,birth_date,aum,marital_status,dependants,declared_risk,risk_assessed_on,advisor_id,opened_on\n');
  txnOut.write('txn_id,client_id,date,amount,direction,type,asset_class,product_risk,currency\n');
  truthOut.write('client_id,archetype,second_archetype,second_weight,risk_tolerance\n');
  const root = new Rng(options.seed);
  const shares = ARCHETYPES.map((a) => a.share);
  let txnCount = 0;
  for (let i = 0; i < options.clients; i++) {
    const rng = root.fork(`client/${i}`);
    const id = `K${String(i + 1).padStart(7, '0')}`;
    const main = ARCHETYPES[rng.pickWeighted(shares)]!;
    const second = rng.bernoulli(BLEND_CHANCE) ? ARCHETYPES[rng.pickWeighted(shares)]! : main;
    const weight = second === main ? 0 : rng.uniform(0.1, 0.4);
    const latentRisk = (1 - weight) * main.riskBase + weight * second.riskBase + rng.normal(0, RISK_SPREAD);
    const trueRisk = riskClass(latentRisk);
    const activity = rng.bernoulli(SILENT_CHANCE) ? 0 : rng.bernoulli(THIN_CHANCE) ? rng.uniform(0.03, 0.12) : rng.logNormal(1, 0.3);
    const amountScale = rng.logNormal(1, 0.35);

    const lines: string[] = [];
    for (const [archetype, share] of [[main, 1 - weight], [second, weight]] as const) {
      if (share <= 0) continue;
      for (const stream of archetype.streams) {
        for (const day of streamDays(stream, rng, start, end, spanMonths, share * activity * riskTilt(stream, latentRisk - archetype.riskBase))) {
          lines.push(transactionLine(`${id}-${++txnCount}`, id, day, stream, rng, amountScale, latentRisk - archetype.riskBase));
        }
      }
    }
    if (lines.length) await write(txnOut, `${lines.join('\n')}\n`);
    await write(clientsOut, `${clientLine(id, main, rng, options.asOf, trueRisk, noise)}\n`);
    await write(truthOut, `${id},${main.name},${second === main ? '' : second.name},${weight.toFixed(3)},${RISK_CLASSES[trueRisk]}\n`);
  }
  await Promise.all([clientsOut, txnOut, truthOut].map((s) => new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())))));
  return { clients: options.clients, transactions: txnCount };
}

function riskClass(latent: number): number {
  return latent < 0.67 ? 0 : latent < 1.33 ? 1 : 2;
}

// A bolder client than the archetype's mean trades its risky streams a little more.
function riskTilt(stream: Stream, riskOffset: number): number {
  return stream.type === 'buy' || stream.type === 'sell' ? Math.exp(0.3 * riskOffset) : 1;
}

function streamDays(stream: Stream, rng: Rng, start: DayNumber, end: DayNumber, spanMonths: number, scale: number): DayNumber[] {
  const days: DayNumber[] = [];
  if (stream.regular) {
    // Monthly on the client's own day, a few months skipped; the blend weight thins the stream out.
    if (!rng.bernoulli(stream.rate * Math.min(1, scale * 1.2))) return days;
    const dayOfMonth = rng.int(28);
    for (let d = start + dayOfMonth; d < end; d += 30 + rng.int(3) - 1) if (rng.bernoulli(0.95)) days.push(d);
    return days;
  }
  const n = rng.poisson(stream.rate * spanMonths * scale * rng.logNormal(1, 0.4));
  for (let k = 0; k < n; k++) days.push(start + rng.int(end - start));
  return days;
}

function transactionLine(txnId: string, clientId: string, day: DayNumber, stream: Stream, rng: Rng, amountScale: number, riskOffset: number): string {
  const amount = Math.max(0.01, stream.medianAmount * amountScale * rng.logNormal(1, stream.sigma));
  const direction = DIRECTION[stream.type] ?? (rng.bernoulli(0.5) ? 'credit' : 'debit');
  let assetClass = '';
  let productRisk = '';
  if (stream.assets) {
    const names = Object.keys(stream.assets) as AssetClass[];
    assetClass = names[rng.pickWeighted(names.map((n) => stream.assets![n]!))]!;
    if (rng.bernoulli(0.04)) assetClass = ''; // the contract makes it optional; exports drop it
  }
  if (stream.riskCentre !== undefined && (stream.type === 'buy' || stream.type === 'sell' || stream.type === 'insurance_premium')) {
    const level = Math.min(5, Math.max(1, Math.round(stream.riskCentre + 0.7 * riskOffset + rng.normal(0, 0.6))));
    productRisk = rng.bernoulli(0.06) ? '' : `R${level}`;
  }
  const currency = rng.bernoulli(0.5) ? '' : 'CNY';
  return `${txnId},${clientId},${formatDay(day)},${amount.toFixed(2)},${direction},${stream.type},${assetClass},${productRisk},${currency}`;
}

function clientLine(id: string, archetype: Archetype, rng: Rng, asOf: DayNumber, trueRisk: number, noise: number): string {
  const age = rng.uniform(archetype.age[0], archetype.age[1] + 1);
  const birth = formatDay(asOf - Math.round(age * 365.25));
  const aum = (archetype.aumMedian * rng.logNormal(1, archetype.aumSigma)).toFixed(2);
  const married = rng.bernoulli(archetype.marriedChance);
  const marital = rng.bernoulli(0.1) ? '' : married ? 'married'
    : age > 60 && rng.bernoulli(0.3) ? 'widowed' : rng.bernoulli(0.12) ? 'divorced' : 'single';
  const dependants = rng.bernoulli(0.1) ? '' : String(rng.poisson(archetype.dependantsMean * (married ? 1 : 0.3)));
  let declared = '';
  let assessed = '';
  if (!rng.bernoulli(UNLABELLED_CHANCE)) {
    let level = trueRisk;
    if (rng.bernoulli(noise)) level = level === 0 ? 1 : level === 2 ? 1 : rng.bernoulli(0.5) ? 0 : 2;
    declared = RISK_CLASSES[level]!;
    assessed = formatDay(asOf - rng.int(330)); // recent: questionnaires are renewed yearly
  }
  const advisor = rng.bernoulli(0.03) ? '' : `A${String(1 + rng.int(40)).padStart(3, '0')}`;
  const tenureYears = Math.min(age - 17, rng.uniform(0.5, 20));
  const opened = rng.bernoulli(0.05) ? '' : formatDay(asOf - Math.round(tenureYears * 365.25));
  return `${id},${birth},${aum},${marital},${dependants},${declared},${assessed},${advisor},${opened}`;
}

function write(stream: WriteStream, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}
