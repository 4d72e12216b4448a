import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the compiled transaction worker is, or undefined when there is none. Installed code runs
 * from dist/, where transaction-worker.js sits beside this module. Tests run this module from
 * src/ as TypeScript (vitest transforms it), but a worker thread is plain Node, which cannot load
 * .ts on Node 20; there the build in dist/ is used, so `npm run build` must come first (`npm test`
 * does it). Without either, ingest reads on one thread and logs why.
 *
 * @example
 * const url = transactionWorkerUrl(); // file:///…/dist/src/ingest/transaction-worker.js
 */
export function transactionWorkerUrl(): URL | undefined {
  for (const candidate of ['./transaction-worker.js', '../../dist/src/ingest/transaction-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
