// `node dist/bench/contract-generate.js DIR CLIENTS SEED [NOISE]`: the second client-base generator
// (bench/contract-generator), written from the data contract alone; prints one JSON line.
import { parseIsoDay } from '../src/core/days.js';
import { generateContractBase } from './contract-generator/generate-contract-base.js';

const [dir, clients, seed, noise] = process.argv.slice(2);
if (!dir || !clients || !seed) throw new Error('usage: contract-generate DIR CLIENTS SEED [NOISE]');
const started = process.hrtime.bigint();
const counts = await generateContractBase({
  clients: Number(clients), seed: Number(seed), outDir: dir, asOf: parseIsoDay('2026-06-30')!,
  ...(noise === undefined ? {} : { noise: Number(noise) }),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ ...counts, seconds: Number(seconds.toFixed(2)) })}\n`);
