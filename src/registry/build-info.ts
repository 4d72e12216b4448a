import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';

/** What built a bundle, beside `packageVersions` and `backend` (docs/decisions.md, "Manifest"). */
export const BuildInfoSchema = z.strictObject({
  /** clientseg's own version (package.json). */
  clientseg: z.string(),
  /** CLIENTSEG_SOURCE_COMMIT when the build set it; null otherwise (never read from git at training). */
  sourceCommit: z.string().nullable(),
  /** Node's major version: the numbers can change across majors; patch releases on two machines must not split a bundle. */
  nodeMajor: z.string(),
});
export type BuildInfo = z.infer<typeof BuildInfoSchema>;

/** A git object name or a short tag-like text; anything else is refused rather than written into a manifest. */
const COMMIT = /^[0-9A-Za-z._/-]{1,64}$/;

/**
 * The build facts a manifest records. All of them stay the same for the same code on two
 * machines with the same lockfile and Node major: so the bundle bytes do too. The commit is
 * taken only from CLIENTSEG_SOURCE_COMMIT (a CI or release build sets it), so bundles built
 * from a working tree at different commits of the same code path stay byte-identical.
 *
 * @example
 * buildInfo(); // { clientseg: '0.1.0', sourceCommit: null, nodeMajor: '20' }
 */
export function buildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  const commit = env['CLIENTSEG_SOURCE_COMMIT']?.trim();
  return {
    clientseg: clientsegVersion(),
    sourceCommit: commit === undefined || commit === '' ? null : checkedCommit(commit),
    nodeMajor: process.versions.node.split('.')[0]!,
  };
}

function checkedCommit(commit: string): string {
  if (COMMIT.test(commit)) return commit;
  throw new PipelineError('config_invalid', 'CLIENTSEG_SOURCE_COMMIT must be a commit id or tag (letters, digits, . _ / -, at most 64); unset it to record none');
}

let cached: string | undefined;

/** package.json's version, found by walking up from this module (src/registry/ or dist/src/registry/). */
function clientsegVersion(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'clientseg' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // No package.json here: keep walking up.
    }
    const up = path.dirname(dir);
    if (up === dir) return (cached = 'unknown');
    dir = up;
  }
}
