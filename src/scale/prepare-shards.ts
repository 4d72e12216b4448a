import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import { accountShards } from './account-shards.js';
import { runModelDir, shardFiles, splitManifestPath } from './shard-files.js';
import { splitCsvByClient } from './split-csv-by-client.js';

const SplitManifestSchema = z.strictObject({
  format: z.literal('clientseg.shards/1'),
  shards: z.number().int().positive(),
  /** sha256 fingerprints of the inputs the shards were cut from (or of the pre-partitioned files). */
  inputs: z.record(z.string(), z.string()),
  clientRows: z.array(z.number().int().nonnegative()),
  transactionRows: z.array(z.number().int().nonnegative()),
  /** Transactions sent to the shard of an earlier row with their txn_id (another client's). */
  transactionsRerouted: z.number().int().nonnegative(),
  partitioned: z.boolean(),
});
export type SplitManifest = z.infer<typeof SplitManifestSchema>;

export interface PrepareShardsOptions {
  /** The run's folder in the shared directory. */
  readonly runDir: string;
  readonly shards: number;
  readonly clientsPath: string;
  readonly transactionsPath: string;
  readonly mapping: Mapping | undefined;
  /** An accounts file: cut by its client_id like clients; transactions are then cut by their account's client. */
  readonly accountsPath?: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** The resolved model bundle folder, copied beside the shards. */
  readonly bundleDir: string;
  readonly modelVersion: string;
  /** The inputs are already shard files in runDir (clients-NNNN.csv, …), cut by the same rule. */
  readonly partitioned?: boolean;
}

/**
 * Lays out a run in the shared directory: each shard's clients and transactions, cut by the
 * client shard rule in one streaming pass per file, and a copy of the model bundle; `split.json`
 * is written last, so a coordinator restarted part-way cuts again, and one restarted after reuses
 * the shards.
 */
export async function prepareShards(options: PrepareShardsOptions): Promise<SplitManifest> {
  const { runDir, shards } = options;
  await mkdir(runDir, { recursive: true });
  await copyBundle(options.bundleDir, runModelDir(runDir, options.modelVersion));
  const existing = await readSplitManifest(runDir);
  if (existing !== undefined && existing.shards === shards) return existing;
  const files = Array.from({ length: shards }, (_, s) => shardFiles(runDir, s));
  let clientRows: readonly number[] = [];
  let transactionRows: readonly number[] = [];
  let rerouted = 0;
  if (options.partitioned && options.accountsPath !== undefined) {
    throw new PipelineError('config_invalid', 'pre-partitioned shard inputs (--shard-input) with an accounts file are not supported: pass the whole files and let the run cut them');
  }
  if (options.partitioned) {
    for (const f of files) {
      for (const file of [f.clients, f.transactions]) {
        if (!(await stat(file).catch(() => undefined))?.isFile()) {
          throw new PipelineError('input_missing', `pre-partitioned shard file ${file} is missing: --shard-input needs clients-NNNN.csv and transactions-NNNN.csv for every shard`, { file });
        }
      }
    }
  } else {
    clientRows = (await splitCsvByClient({ source: options.clientsPath, targets: files.map((f) => f.clients), mapping: options.mapping?.clients })).rows;
    let byAccount: Map<string, number> | undefined;
    if (options.accountsPath !== undefined) {
      await splitCsvByClient({ source: options.accountsPath, targets: files.map((f) => f.accounts), mapping: options.mapping?.accounts });
      byAccount = await accountShards(options.accountsPath, options.mapping?.accounts, shards);
    }
    const split = await splitCsvByClient({
      source: options.transactionsPath, targets: files.map((f) => f.transactions), mapping: options.mapping?.transactions, sameShardFor: 'txn_id',
      ...(byAccount === undefined ? {} : { accountShards: byAccount }),
    });
    transactionRows = split.rows;
    rerouted = split.rerouted;
  }
  const manifest: SplitManifest = {
    format: 'clientseg.shards/1', shards, inputs: { ...options.inputs },
    clientRows: [...clientRows], transactionRows: [...transactionRows], transactionsRerouted: rerouted, partitioned: options.partitioned ?? false,
  };
  const target = splitManifestPath(runDir);
  await writeFile(`${target}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  await rename(`${target}.tmp`, target);
  return manifest;
}

/** Copies the bundle unless a complete copy is there (it appears whole: copied aside, then renamed). */
async function copyBundle(from: string, to: string): Promise<void> {
  if (await stat(path.join(to, 'manifest.json')).catch(() => undefined)) return;
  const partial = `${to}.partial`;
  await rm(partial, { recursive: true, force: true });
  await cp(from, partial, { recursive: true });
  await rm(to, { recursive: true, force: true });
  await rename(partial, to);
}

export async function readSplitManifest(runDir: string): Promise<SplitManifest | undefined> {
  let text: string;
  try {
    text = await readFile(splitManifestPath(runDir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = SplitManifestSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}
