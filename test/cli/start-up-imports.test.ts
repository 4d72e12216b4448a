import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'src');
const url = (file: string) => pathToFileURL(path.join(DIST, file)).href;
const HEAVY = ['@tensorflow/tfjs', 'exceljs', 'bullmq', 'fastify', 'pg', 'better-sqlite3', 'ioredis'];

/**
 * Imports `first`, then `then`, in a fresh node and lists the heavy packages loaded after each.
 * They are CommonJS, so an ESM import of them still lands in require.cache.
 */
function heavyLoaded(first: string, then: readonly string[]): { first: string[]; then: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const heavy = ${JSON.stringify(HEAVY)};
    const loaded = () => {
      const files = Object.keys(createRequire(${JSON.stringify(first)}).cache).map((f) => f.replaceAll('\\\\', '/'));
      return heavy.filter((name) => files.some((f) => f.includes('/node_modules/' + name + '/')));
    };
    await import(${JSON.stringify(first)});
    const afterFirst = loaded();
    for (const m of ${JSON.stringify(then)}) await import(m);
    process.stdout.write(JSON.stringify({ first: afterFirst, then: loaded() }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`the import check failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as { first: string[]; then: string[] };
}

describe('clientseg start-up', () => {
  it('registers every command without loading tfjs, exceljs, bullmq, fastify, pg, better-sqlite3 or ioredis', () => {
    if (!existsSync(path.join(DIST, 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
    // The second import shows the check sees these packages when a job module does load them.
    const loaded = heavyLoaded(url('cli/commands/register-commands.js'), [url('jobs/score.js'), url('report/write-score-export.js')]);
    expect(loaded.first).toStrictEqual([]);
    expect(loaded.then).toStrictEqual(['@tensorflow/tfjs', 'exceljs']);
  });
});
