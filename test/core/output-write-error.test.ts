import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/core/errors.js';
import { outputWriteError } from '../../src/core/output-write-error.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: system message`), { code });

describe('outputWriteError', () => {
  it.each([
    ['ENOSPC', 'no space left on the device: free space or write elsewhere'],
    ['EIO', 'an I/O error of the device: check the disk'],
    ['EFBIG', 'file too large for a file-size limit: raise the limit or write elsewhere'],
    ['EACCES', 'permission denied: choose a writable path'],
  ])('names the file and what %s means, as output_failed', (code, why) => {
    const err = outputWriteError('out/scores.csv', 'scores file', errno(code));
    expect(err).toMatchObject({ code: 'output_failed', details: { path: 'out/scores.csv', errno: code } });
    expect(err.message).toBe(`cannot write the scores file out/scores.csv (${code}: ${why}); nothing was left under that name`);
  });

  it('keeps the system message for a code it does not know, and passes a PipelineError through', () => {
    expect(outputWriteError('f', 'report', errno('EWEIRD')).message).toBe('cannot write the report f (EWEIRD: EWEIRD: system message: check the path and the disk); nothing was left under that name');
    const already = new PipelineError('config_invalid', 'x');
    expect(outputWriteError('f', 'report', already)).toBe(already);
  });
});
