import type { DataFrame } from 'danfojs-node';

/**
 * What the frame functions read from a DataFrame they are given. danfo's `merge`, `concat` and
 * friends return its base DataFrame type rather than danfojs-node's; both have these members.
 */
export type DataFrameInput = Pick<DataFrame, 'columns' | 'column' | 'shape'>;
