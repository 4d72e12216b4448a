import path from 'node:path';

/** Where one run's shard files live in the shared directory (every worker must see the same paths). */
export interface ShardFiles {
  readonly clients: string;
  readonly transactions: string;
  /** The shard's accounts rows (by the holder's client), when the run has an accounts file. */
  readonly accounts: string;
  /** The shard's rejected rows (line numbers are the shard file's). */
  readonly rejects: string;
}

const pad = (shard: number): string => String(shard).padStart(4, '0');

/** `<runDir>/clients-0003.csv`, `transactions-0003.csv`, `rejects-0003.csv`. */
export function shardFiles(runDir: string, shard: number): ShardFiles {
  return {
    clients: path.join(runDir, `clients-${pad(shard)}.csv`),
    transactions: path.join(runDir, `transactions-${pad(shard)}.csv`),
    accounts: path.join(runDir, `accounts-${pad(shard)}.csv`),
    rejects: path.join(runDir, `rejects-${pad(shard)}.csv`),
  };
}

/**
 * The copy of the run's model bundle that workers load (so they need only the shared directory),
 * in a folder named by its version as every bundle is.
 */
export function runModelDir(runDir: string, version: string): string {
  return path.join(runDir, 'model', version);
}

/** Written last by the split: its presence means every shard file is complete. */
export function splitManifestPath(runDir: string): string {
  return path.join(runDir, 'split.json');
}
