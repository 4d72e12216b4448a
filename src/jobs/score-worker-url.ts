import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the compiled score worker is, or undefined when there is none: beside this module in
 * dist/, or, when tests run this module from src/ as TypeScript, in dist/ after `npm run build`
 * (a worker thread is plain Node, which cannot load .ts on Node 20). Without it, scoring runs on
 * the calling thread alone.
 *
 * @example
 * const url = scoreWorkerUrl(); // file:///…/dist/src/jobs/score-worker.js
 */
export function scoreWorkerUrl(): URL | undefined {
  for (const candidate of ['./score-worker.js', '../../dist/src/jobs/score-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
