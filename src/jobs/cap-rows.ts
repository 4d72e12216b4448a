import type { StageContext } from '../core/context.js';

/** At most `max` of the rows, a seeded sample kept in row order; all of them when there are fewer. */
export function capRows(rows: Uint32Array, max: number, ctx: StageContext): Uint32Array {
  if (rows.length <= max) return rows;
  const pick = ctx.rng.fork('cap-rows').permutation(rows.length).subarray(0, max).sort();
  ctx.log.info({ code: 'train_rows_sampled', rows: max, of: rows.length }, 'networks train on a seeded sample of the training rows');
  return Uint32Array.from(pick, (i) => rows[i]!);
}
