import * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { MlpSpec } from './build-mlp.js';
import type { Rng } from '../core/rng.js';
import { MemberEnsemble } from './member-ensemble.js';
import type { NetworkConfig } from './search-candidates.js';
import { searchCandidates } from './search-candidates.js';
import type { Split } from './stratified-split.js';
import type { LossFn, TrainingSummary } from './train-ensemble.js';
import { trainEnsemble, trainEnsembleFor } from './train-ensemble.js';
import type { TrainingParamsSchema } from './training-params.js';

type Params = z.output<typeof TrainingParamsSchema>;

/** What to learn: encoded rows and targets (all rows; splits index them) and the per-row loss. */
export interface NetworkTask {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
  readonly outputs: number;
  readonly activation: Params['activation'];
  readonly loss: LossFn;
}

/** One searched configuration and the best validation loss it reached. */
export interface SearchTrial {
  readonly config: NetworkConfig;
  readonly validationLoss: number;
  readonly bestEpoch: number;
}

export interface NetworkFit {
  /** The members merged into one network (mergeEnsemble). */
  readonly model: tf.Sequential;
  readonly config: NetworkConfig;
  readonly summary: TrainingSummary;
  /** Training rows × the best epoch: the amount of training a refit on more rows repeats. */
  readonly rowVisits: number;
  readonly search: readonly SearchTrial[];
}

/**
 * The search, then the ensemble: each candidate configuration (searchCandidates) trains one
 * network on a seeded sample of at most `searchRows` training rows with early stopping, the
 * lowest validation loss wins (ties: the earlier candidate, the configured one first), then
 * `members` networks of that configuration train side by side on the split, stopping early on
 * the validation loss of their mean logits.
 *
 * @example
 * const fit = await fitNetwork(task, split, hp, rng.fork('network'), log);
 */
export async function fitNetwork(task: NetworkTask, split: Split, hp: Params, rng: Rng, log: Logger): Promise<NetworkFit> {
  const own = { hiddenUnits: hp.hiddenUnits, learningRate: hp.learningRate, l2: hp.l2 };
  const candidates = hp.search === 'auto' ? searchCandidates(own) : [own];
  const search: SearchTrial[] = [];
  let config: NetworkConfig = candidates[0]!;
  if (candidates.length > 1) {
    const sampleRng = rng.fork('search-sample');
    const sub: Split = {
      train: sample(split.train, hp.searchRows, sampleRng),
      validation: sample(split.validation, Math.ceil(hp.searchRows / 2), sampleRng),
    };
    for (const [i, candidate] of candidates.entries()) {
      const trial = await trainMembers(task, sub, { ...hp, patience: Math.min(hp.patience, 3) }, candidate, 1, rng.fork(`search-${i}`), log);
      trial.model.dispose();
      search.push({ config: candidate, validationLoss: trial.summary.bestValidationLoss, bestEpoch: trial.summary.bestEpoch });
    }
    config = search.reduce((best, t) => (t.validationLoss < best.validationLoss ? t : best)).config;
    log.info({ code: 'network_searched', trials: search.map((t) => ({ ...t.config, validationLoss: t.validationLoss })), chosen: config }, 'network configuration chosen on validation loss');
  }
  const fit = await trainMembers(task, split, hp, config, hp.members, rng.fork('members'), log);
  return { model: fit.model, config, summary: fit.summary, rowVisits: Math.max(1, fit.summary.bestEpoch) * split.train.length, search };
}

/**
 * The shipped model: the same configuration and members (same initial seeds from `rng`) trained
 * on `rows` for `rowVisits` row visits, i.e. as many gradient steps as the early-stopped fit took
 * (fewer epochs over more rows), without a validation split.
 *
 * @example
 * const shipped = await refitNetwork(task, allRows, hp, fit.config, fit.rowVisits, rng.fork('members'));
 */
export async function refitNetwork(
  task: NetworkTask, rows: Uint32Array, hp: Params, config: NetworkConfig, rowVisits: number, rng: Rng,
): Promise<tf.Sequential> {
  const ens = new MemberEnsemble(spec(task, config), memberSeeds(task, config, hp.members, rng.fork('init')));
  try {
    await trainEnsembleFor(ens, task.x, task.y, rows, rowVisits, task.loss, { learningRate: config.learningRate, batchSize: hp.batchSize }, rng.fork('epochs'));
    return ens.merge();
  } finally {
    ens.dispose();
  }
}

async function trainMembers(
  task: NetworkTask, split: Split, hp: Params, config: NetworkConfig, members: number, rng: Rng, log: Logger,
): Promise<{ model: tf.Sequential; summary: TrainingSummary }> {
  const ens = new MemberEnsemble(spec(task, config), memberSeeds(task, config, members, rng.fork('init')));
  try {
    const summary = await trainEnsemble(ens, task.x, task.y, split, task.loss, { ...hp, learningRate: config.learningRate }, rng.fork('epochs'), log);
    return { model: ens.merge(), summary };
  } finally {
    ens.dispose();
  }
}

function spec(task: NetworkTask, config: NetworkConfig): MlpSpec {
  return { inputs: task.x.shape[1], hiddenUnits: config.hiddenUnits, activation: task.activation, outputs: task.outputs, l2: config.l2 };
}

function memberSeeds(task: NetworkTask, config: NetworkConfig, members: number, rng: Rng): number[][] {
  return Array.from({ length: members }, () => [...config.hiddenUnits, task.outputs].map(() => rng.nextUint32()));
}

/** At most `n` of the rows, a seeded sample in row order. */
function sample(rows: Uint32Array, n: number, rng: Rng): Uint32Array {
  if (rows.length <= n) return rows;
  return Uint32Array.from(rng.permutation(rows.length).subarray(0, n), (i) => rows[i]!).sort();
}
