// Child process: generates a client base for the benchmark; prints one JSON line.
import { generateClientBase } from '../src/generate/generate-client-base.js';
import { peakRssMiB } from './measure-child.js';

const [dir, clients, months] = process.argv.slice(2);
if (!dir || !clients || !months) throw new Error('usage: generate-data DIR CLIENTS MONTHS');
const started = process.hrtime.bigint();
const summary = await generateClientBase({ clients: Number(clients), seed: 2026, outDir: dir, months: Number(months) });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds: Number(seconds.toFixed(2)), peakRssMiB: peakRssMiB(), summary: JSON.stringify(summary) })}\n`);
