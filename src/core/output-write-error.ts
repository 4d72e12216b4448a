import { PipelineError } from './errors.js';

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device: free space or write elsewhere',
  EDQUOT: 'disk quota exceeded: free space or write elsewhere',
  EFBIG: 'file too large for a file-size limit: raise the limit or write elsewhere',
  EIO: 'an I/O error of the device: check the disk',
  EROFS: 'a read-only file system: write elsewhere',
  EACCES: 'permission denied: choose a writable path',
  EPERM: 'permission denied: choose a writable path',
  EISDIR: 'it is a folder: give a file path',
  ENOTDIR: 'part of the path is a file, not a folder: fix the path',
};

/**
 * The one error for an output file that could not be written, whatever the file: it names the
 * file, the system's code (ENOSPC, EIO, …) and what to do; the exit status is the same for all.
 * An error that is already a PipelineError passes through.
 *
 * @example
 * throw outputWriteError('out/scores.csv', 'scores file', err); // "cannot write the scores file out/scores.csv (ENOSPC: no space left…)"
 */
export function outputWriteError(file: string, what: string, cause: unknown): PipelineError {
  if (cause instanceof PipelineError) return cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'write failed';
  const why = CAUSES[code] ?? `${(cause as Error | undefined)?.message ?? 'unknown error'}: check the path and the disk`;
  return new PipelineError('output_failed', `cannot write the ${what} ${file} (${code}: ${why}); nothing was left under that name`, { path: file, errno: code }, { cause });
}
