import type { ProbabilityFormat } from '../fuse/probability-format.js';
import type { ClientColumns } from '../fuse/profile-fuser.js';
import type { ScoredColumns } from '../fuse/scored-columns.js';

/** What a score worker is started with. */
export interface ScoreWorkerInit {
  readonly modelDir: string;
  /** The version the calling thread loaded; the worker refuses a bundle that changed since. */
  readonly version: string;
  readonly names: readonly string[];
  readonly asOf: number;
  readonly csv: boolean;
  /** How scores.csv writes probabilities; default 'rounded'. */
  readonly probabilities?: ProbabilityFormat;
}

export interface ScoreChunkTask {
  readonly index: number;
  readonly rows: number;
  readonly values: Float64Array;
  readonly clients: ClientColumns;
}

export type ScoreWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly index: number; readonly columns: ScoredColumns; readonly csv: Uint8Array | undefined }
  | { readonly type: 'error'; readonly code: string | undefined; readonly message: string; readonly details: Record<string, unknown> | undefined };
