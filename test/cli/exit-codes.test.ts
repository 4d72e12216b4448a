import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { driftGateStatus } from '../../src/cli/drift-gate.js';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes.js';
import { runAction } from '../../src/cli/run-action.js';
import { PIPELINE_ERROR_CODES, PipelineError } from '../../src/core/errors.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The README's exit-code table: code → meaning. */
function documentedCodes(): Map<number, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('\n## ', readme.indexOf('## Exit codes') + 1));
  const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)];
  return new Map(rows.map((m) => [Number(m[1]), m[2]!]));
}

/** Every literal code a `new PipelineError('…'` in src/ throws. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) for (const m of readFileSync(file, 'utf8').matchAll(/PipelineError\(\s*'([a-z_]+)'/g)) codes.add(m[1]!);
    }
  };
  walk(path.join(ROOT, 'src'));
  return codes;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('exit codes', () => {
  it('gives every error code its own status', () => {
    const statuses = PIPELINE_ERROR_CODES.map(exitCodeFor);
    expect(new Set(statuses).size).toBe(PIPELINE_ERROR_CODES.length);
    expect(statuses).not.toContain(EXIT.ok);
    expect(statuses).not.toContain(EXIT.internal);
    expect(exitCodeFor('reject_gate')).toBe(5);
    expect(exitCodeFor('store_failed')).toBe(11);
    expect(exitCodeFor('shard_failed')).toBe(12);
    expect(exitCodeFor('output_failed')).toBe(13);
  });

  it('documents exactly the codes there are, once each, in the README table', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
    for (const meaning of documented.values()) expect(meaning.length).toBeGreaterThan(5);
  });

  it('reaches every code: each error code is thrown somewhere in src, and the statuses without one are returned', async () => {
    expect([...thrownCodes()].sort()).toEqual([...PIPELINE_ERROR_CODES].sort());
    const reached = new Set<number>(PIPELINE_ERROR_CODES.map(exitCodeFor));
    reached.add(driftGateStatus('alert', 'watch').status);
    await runAction(async () => undefined);
    reached.add(process.exitCode as number);
    // A bug (not a PipelineError) is logged with its stack and exits 1; silenced here.
    const level = process.env.CLIENTSEG_LOG_LEVEL;
    process.env.CLIENTSEG_LOG_LEVEL = 'silent';
    try {
      await runAction(async () => { throw new TypeError('a bug'); });
    } finally {
      if (level === undefined) delete process.env.CLIENTSEG_LOG_LEVEL;
      else process.env.CLIENTSEG_LOG_LEVEL = level;
    }
    reached.add(process.exitCode as number);
    expect([...reached].sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it('prints a PipelineError as its one line and exits with its code', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((text: string) => { lines.push(text); return true; }) as typeof process.stderr.write;
    try {
      await runAction(async () => { throw new PipelineError('output_failed', 'cannot write the report r.html (ENOSPC: no space left on the device)'); });
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(13);
    expect(lines).toEqual(['clientseg: cannot write the report r.html (ENOSPC: no space left on the device) [output_failed]\n']);
  });

  it('keeps a multi-line message (a list of zod issues) on one line', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((text: string) => { lines.push(text); return true; }) as typeof process.stderr.write;
    try {
      await runAction(async () => { throw new PipelineError('config_invalid', 'k-means parameters are invalid: ✖ Too small\n  → at k\n✖ Unrecognized key\n'); });
    } finally {
      process.stderr.write = write;
    }
    expect(lines).toEqual(['clientseg: k-means parameters are invalid: ✖ Too small; → at k; ✖ Unrecognized key [config_invalid]\n']);
  });
});
