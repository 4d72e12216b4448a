import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-cli-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('clientseg command line', () => {
  it('has --help for the program and every subcommand', () => {
    const top = runCli(['--help']);
    expect(top.status).toBe(0);
    const commands = ['generate', 'features', 'sample'];
    for (const command of commands) {
      expect(top.stdout).toContain(command);
      const help = runCli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`Usage: clientseg ${command}`);
    }
  });

  it('generates byte-identical files for one seed and different files for another', async () => {
    const run = (seed: string, out: string) => runCli(['generate', '--clients', '300', '--seed', seed, '--out', path.join(dir, out)]);
    for (const [seed, out] of [['11', 'a'], ['11', 'b'], ['12', 'c']] as const) expect(run(seed, out).status).toBe(0);
    for (const file of ['clients.csv', 'transactions.csv', 'truth.csv']) {
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => readFile(path.join(dir, d, file))));
      expect(a!.equals(b!)).toBe(true);
      expect(a!.equals(c!)).toBe(false);
    }
  });

  it('builds one feature row per client and accounts for every row', async () => {
    const out = path.join(dir, 'features', 'features.csv');
    const result = runCli(['features', '--clients', path.join(dir, 'a', 'clients.csv'), '--transactions',
      path.join(dir, 'a', 'transactions.csv'), '--as-of', '2026-06-30', '--out', out]);
    expect(result.status).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(301);
    expect(lines[0]!.startsWith('client_id,')).toBe(true);
    expect(result.stdout).toMatch(/clients\s+read 300, accepted 300, rejected 0/);
    const rejects = (await readFile(path.join(dir, 'features', 'rejects.csv'), 'utf8')).trim().split('\n');
    expect(rejects).toHaveLength(1);
  });

  it('stops at the reject gate with its own exit code, one line and a complete rejects file', async () => {
    const bad = path.join(dir, 'bad');
    await rm(bad, { recursive: true, force: true });
    await mkdir(bad);
    await writeFile(path.join(bad, 'clients.csv'), 'client_id,birth_date,aum\nC1,1980-01-01,100\nC2,1980-13-01,100\n');
    await writeFile(path.join(bad, 'tx.csv'), 'txn_id,client_id,date,amount,direction,type\nT1,C1,2026-01-01,5,credit,salary\n');
    const result = runCli(['features', '--clients', path.join(bad, 'clients.csv'), '--transactions', path.join(bad, 'tx.csv'),
      '--as-of', '2026-06-30', '--out', path.join(bad, 'f.csv')]);
    expect(result.status).toBe(5);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('[reject_gate]');
    noStackTrace(result.stderr);
    const rejects = await readFile(path.join(bad, 'rejects.csv'), 'utf8');
    expect(rejects).toContain(',3,bad_date,');
  });

  it('gives a missing file, a missing column, a bad mapping and a bad flag their own exit codes', async () => {
    const bad = path.join(dir, 'bad2');
    await mkdir(bad, { recursive: true });
    await writeFile(path.join(bad, 'clients.csv'), 'client_id,aum\nC1,100\n');
    await writeFile(path.join(bad, 'tx.csv'), 'txn_id,client_id,date,amount,direction,type\n');
    await writeFile(path.join(bad, 'mapping.json'), '{"clients": {"colums": {}}}');
    const base = ['features', '--transactions', path.join(bad, 'tx.csv'), '--as-of', '2026-06-30', '--out', path.join(bad, 'f.csv')];
    const cases: [string[], number][] = [
      [[...base, '--clients', path.join(bad, 'nope.csv')], 3],
      [[...base, '--clients', path.join(bad, 'clients.csv')], 4],
      [[...base, '--clients', path.join(bad, 'clients.csv'), '--mapping', path.join(bad, 'mapping.json')], 2],
      [[...base, '--clients', path.join(bad, 'clients.csv'), '--as-of', '2026-02-30'], 2],
      [[...base, '--clients', path.join(bad, 'clients.csv'), '--colour'], 2],
    ];
    for (const [args, status] of cases) {
      const result = runCli(args);
      expect({ args: args.slice(-2), status: result.status }).toStrictEqual({ args: args.slice(-2), status });
      noStackTrace(result.stderr);
    }
  });
});
