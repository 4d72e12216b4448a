import { sha256 } from '../registry/sha256.js';
import { stableJson } from '../registry/stable-json.js';

export interface RunIdentity {
  readonly pipeline: string;
  /** sha256 fingerprints of every input file, by role (clients, transactions). */
  readonly inputs: Readonly<Record<string, string>>;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly modelVersion: string;
  /** Anything else that changes the scores: mapping, window, horizon, gates. */
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The run key: a hash of everything that decides a run's scores. The same pipeline on the same
 * inputs, as-of and model has the same key, so running it again adds nothing.
 *
 * @example
 * runKeyOf({ pipeline: 'nightly-score', inputs, asOf: '2026-06-30', modelVersion: 'd8eacb4b88d5', params: {} });
 */
export function runKeyOf(identity: RunIdentity): string {
  return sha256(stableJson(identity));
}
