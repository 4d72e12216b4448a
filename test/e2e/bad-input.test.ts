import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRejects } from '../ingest/helpers.js';
import { baseFiles, CORPUS, type BadInputCase } from './bad-input-corpus.js';
import { CLI } from './run-cli.js';

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly dir: string;
}

/** Runs one case in a fresh folder; cases run a few at a time, each in its own process. */
async function runCase(c: BadInputCase): Promise<Outcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientseg-bad-input-'));
  for (const [name, content] of Object.entries({ ...baseFiles(), ...c.files })) writeFileSync(path.join(dir, name), content);
  c.setup?.(dir);
  const child = spawn(process.execPath, [CLI, ...c.args], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    // Error level: a failure must be its one line on stderr; an internal error would log its stack here.
    env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'error' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { status, stdout, stderr, dir };
}

/** Data rows of a case file (its non-blank lines after the header), or 0 when it is missing. */
function dataRows(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'latin1').split('\n').filter((l) => l.trim() !== '').length - 1;
}

describe('the bad-input corpus', () => {
  it('has cases for every exit status a bad input or path can cause', () => {
    expect(new Set(CORPUS.map((c) => c.exit))).toEqual(new Set([0, 2, 3, 4, 5, 6, 7, 13]));
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.concurrent.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const written = { ...baseFiles(), ...c.files };
    const out = await runCase(c);
    expect({ status: out.status, stderr: out.stderr }).toMatchObject({ status: c.exit });
    expect(out.stderr).not.toMatch(/^\s+at /m);
    expect(out.stderr).not.toMatch(/internal error/);
    if (c.exit === 0) {
      expect(out.stderr).toBe('');
    } else {
      const lines = out.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^clientseg: .+ \[[a-z_]+\]$/);
      expect(lines[0]).toMatch(c.message!);
    }
    for (const f of c.unchanged ?? []) {
      expect(readFileSync(path.join(out.dir, f))).toEqual(Buffer.from(written[f]!));
    }
    const rejectsFile = path.join(out.dir, 'out', 'rejects.csv');
    if (c.exit === 0 && c.args[0] === 'features') {
      const counts = [...out.stdout.matchAll(/^(clients|transactions)\s+read (\d+), accepted (\d+), rejected (\d+)/gm)]
        .map((m) => ({ file: m[1]!, read: Number(m[2]), accepted: Number(m[3]), rejected: Number(m[4]) }));
      expect(counts.map((k) => k.file)).toEqual(['clients', 'transactions']);
      for (const k of counts) expect(k.read).toBe(k.accepted + k.rejected);
      expect(counts[0]!.read).toBe(dataRows(path.join(out.dir, 'clients.csv')));
      expect(counts[1]!.read).toBe(dataRows(path.join(out.dir, 'tx.csv')));
      expect(counts[0]!.rejected + counts[1]!.rejected).toBe(Object.values(c.rejects ?? {}).reduce((a, b) => a + b, 0));
      expect(existsSync(path.join(out.dir, 'out', 'features.csv'))).toBe(true);
    }
    if (c.rejects !== undefined) {
      const rows = readRejects(rejectsFile).slice(1);
      const tally: Record<string, number> = {};
      for (const r of rows) tally[r[2]!] = (tally[r[2]!] ?? 0) + 1;
      expect(tally).toEqual(c.rejects);
      if (c.detail) expect(rows.map((r) => r[3]).join('\n')).toMatch(c.detail);
    }
    // Nothing half-written is left behind under any name.
    const leftovers = readdirSync(out.dir, { recursive: true }).map(String).filter((f) => f.endsWith('.partial') || f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  }, 120_000);
});
