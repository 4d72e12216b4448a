import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { Rng } from './rng.js';

/** What every stage receives: the only randomness, the logger and the clock (STYLE.md §2). */
export interface StageContext {
  readonly rng: Rng;
  readonly log: Logger;
  readonly now: () => Date;
}

export interface Stage<I, O> {
  readonly name: string;
  run(input: I, ctx: StageContext): Promise<O>;
}

export function createContext(seed: number | string, log: Logger = silentLogger(), now: () => Date = () => new Date()): StageContext {
  return { rng: new Rng(seed), log, now };
}

/** The same context with a stage's own random stream and a logger bound to the stage name. */
export function stageContext(ctx: StageContext, stage: string): StageContext {
  return { rng: ctx.rng.fork(stage), log: ctx.log.child({ stage }), now: ctx.now };
}
