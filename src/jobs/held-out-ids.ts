import type { Manifest } from '../registry/manifest-schema.js';

/** The bundle file listing the held-out clients. */
export const HELD_OUT_FILE = 'held-out.json';

type HeldOutRows = Readonly<Record<string, Uint32Array | undefined>>;

/**
 * held-out.json: per model, the ids of the clients its reported figures were measured on
 * (sorted, so the bytes follow the set, not the split's order). None when nothing was held out.
 *
 * @example
 * const files = new Map([...heldOutFile(matrix.clientIds, { risk: risk.testRows })]);
 */
export function heldOutFile(clientIds: readonly string[], rows: HeldOutRows): [string, string][] {
  const entries = Object.entries(rows).filter((e): e is [string, Uint32Array] => e[1] !== undefined);
  if (entries.length === 0) return [];
  const lists = Object.fromEntries(entries.map(([model, r]) => [model, Array.from(r, (i) => clientIds[i]!).sort()]));
  // One id per line inside each list: a diff of two bundles' files shows which clients moved.
  const body = Object.keys(lists).sort().map((model) => `  ${JSON.stringify(model)}: [\n${lists[model]!.map((id) => `    ${JSON.stringify(id)}`).join(',\n')}\n  ]`).join(',\n');
  return [[HELD_OUT_FILE, `{\n${body}\n}\n`]];
}

/** The manifest's `heldOut` entry for the same rows (absent when nothing was held out). */
export function heldOutEntry(rows: HeldOutRows): Pick<Manifest, 'heldOut'> {
  const entries = Object.entries(rows).filter((e): e is [string, Uint32Array] => e[1] !== undefined);
  if (entries.length === 0) return {};
  return { heldOut: { file: HELD_OUT_FILE, counts: Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([model, r]) => [model, r.length])) } };
}
