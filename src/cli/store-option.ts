import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import { DEFAULT_STORE } from '../store/store-url.js';
import { positiveInt } from './parse-options.js';

export const STORE_HELP = `results store: sqlite:PATH, a file path, or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})`;

/** `--store` for a command that reads results: the default store when absent. */
export function registerStoreOption(command: Command, help = STORE_HELP): Command {
  return command.option('--store <url>', help);
}

export const storeBatchSize = positiveInt.optional();

/** Opens the store, runs `work` with it and always closes it; a reader never creates a SQLite file. */
export async function withStore<T>(url: string | undefined, work: (store: Store) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const { openStore } = await import('../store/open-store.js');
  const store = await openStore(url ?? DEFAULT_STORE, { mustExist: options.readOnly === true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
