import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPaths } from '../../src/core/check-output-paths.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CLIENTS_HEADER, TX_HEADER, fixtureDir, options } from '../ingest/helpers.js';

describe('checkOutputPaths', () => {
  const dir = fixtureDir({ 'in.csv': 'a\n', 'other.csv': 'b\n' });
  const at = (name: string): string => path.join(dir, name);

  it('passes outputs that are new, distinct files in writable folders', () => {
    expect(() => checkOutputPaths([{ label: '--clients', path: at('in.csv') }], [
      { label: '--out', path: at('out/new.csv') }, { label: '--rejects', path: at('out/rejects.csv') }, { label: '--report', path: undefined },
    ])).not.toThrow();
  });

  it.each([
    ['the same path written differently', at('in.csv'), path.join(dir, 'out', '..', 'in.csv')],
    ['a relative path', path.relative(process.cwd(), at('in.csv')), at('in.csv')],
  ])('refuses an output that is an input: %s', (_what, input, output) => {
    expect(() => checkOutputPaths([{ label: '--clients', path: input }], [{ label: '--out', path: output }]))
      .toThrowError(expect.objectContaining({ code: 'config_invalid', details: { output: '--out', clash: '--clients' } }));
  });

  it('follows symlinks, of the file and of a folder on the way', () => {
    symlinkSync(at('in.csv'), at('link.csv'));
    mkdirSync(at('real'));
    symlinkSync(at('real'), at('alias'));
    expect(() => checkOutputPaths([{ label: '--clients', path: at('in.csv') }], [{ label: '--out', path: at('link.csv') }])).toThrowError(/same file as --clients/);
    expect(() => checkOutputPaths([], [{ label: '--out', path: at('real/x.csv') }, { label: '--rejects', path: at('alias/x.csv') }]))
      .toThrowError(/--rejects .* is the same file as --out \(another output\)/);
  });

  it('refuses an output where a file stands in for a folder, or a folder for a file, as output_failed', () => {
    expect(() => checkOutputPaths([], [{ label: '--out', path: at('other.csv/x.csv') }])).toThrowError(expect.objectContaining({ code: 'output_failed', details: { output: '--out', errno: 'ENOTDIR' } }));
    expect(() => checkOutputPaths([], [{ label: '--out', path: at('real') }])).toThrowError(expect.objectContaining({ code: 'output_failed', details: { output: '--out', errno: 'EISDIR' } }));
    expect(() => checkOutputPaths([], [{ label: '--out', path: at('in.csv'), kind: 'folder' }])).toThrowError(expect.objectContaining({ code: 'output_failed', details: { output: '--out', errno: 'ENOTDIR' } }));
  });

  it('is applied by ingest itself: a rejects path that is an input is refused before the input is touched', async () => {
    const d = fixtureDir({ 'clients.csv': `${CLIENTS_HEADER}\nC1,1980-05-01,100,,,,,,\n`, 'tx.csv': `${TX_HEADER}\n` });
    const before = readFileSync(path.join(d, 'tx.csv'));
    await expect(ingest(options(d, { rejectsPath: path.join(d, 'tx.csv') }), () => () => undefined))
      .rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/the rejects file .* is the same file as the transactions file/) });
    expect(readFileSync(path.join(d, 'tx.csv'))).toEqual(before);
  });
});
