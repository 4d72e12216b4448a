import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from './errors.js';

/** One path a command reads or writes, with the flag that named it (for the message). */
export interface NamedPath {
  /** e.g. `--rejects`, `--clients`, `the store`. */
  readonly label: string;
  /** As given; undefined entries are skipped (an option left out). */
  readonly path: string | undefined;
  /** Outputs only: a folder the command writes into (default: a file). */
  readonly kind?: 'file' | 'folder';
}

/**
 * Refuses, before anything is opened for writing, an output that is one of the inputs or
 * another output, and an output whose place cannot be written. Paths are compared resolved,
 * symlinks followed (and by device and inode when both exist, so a hard link is caught too).
 * A clash is 'config_invalid' (nothing touched); an output that cannot be written is
 * 'output_failed'. Each names both flags and what to do.
 *
 * @example
 * checkOutputPaths([{ label: '--clients', path: 'in.csv' }], [{ label: '--rejects', path: 'in.csv' }]); // throws
 */
export function checkOutputPaths(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  const seen: { label: string; resolved: string; id: string | undefined; output: boolean }[] = [];
  for (const input of inputs) {
    if (input.path === undefined) continue;
    seen.push({ label: input.label, resolved: resolvePath(input.path), id: fileId(input.path), output: false });
  }
  for (const output of outputs) {
    if (output.path === undefined) continue;
    const resolved = resolvePath(output.path);
    const id = fileId(output.path);
    const clash = seen.find((s) => s.resolved === resolved || (id !== undefined && s.id === id));
    if (clash) {
      const what = clash.output ? 'another output' : 'an input';
      throw new PipelineError(
        'config_invalid',
        `${output.label} ${output.path} is the same file as ${clash.label} (${what}): writing it would destroy it; give ${output.label} another path`,
        { output: output.label, clash: clash.label },
      );
    }
    checkWritable(output, resolved);
    seen.push({ label: output.label, resolved, id, output: true });
  }
}

/** The absolute path with every symlink of its existing part followed; the missing tail kept as written. */
function resolvePath(p: string): string {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.join(head, ...tail);
      tail.unshift(path.basename(head));
      head = parent;
    }
  }
}

function fileId(p: string): string | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** The output exists as the right kind, or its nearest existing folder takes new files. */
function checkWritable(output: NamedPath, resolved: string): void {
  const fail = (why: string, code: string): never => {
    throw new PipelineError('output_failed', `cannot write ${output.label} ${output.path} (${code}: ${why}): choose a writable path`, { output: output.label, errno: code });
  };
  const folder = output.kind === 'folder';
  let at = resolved;
  for (;;) {
    let st;
    try {
      st = statSync(at);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return;
      at = parent;
      continue;
    }
    if (at === resolved) {
      if (!folder && st.isDirectory()) fail('it is a folder', 'EISDIR');
      if (folder && !st.isDirectory()) fail('it is a file, not a folder', 'ENOTDIR');
      if (!folder) {
        try { accessSync(at, constants.W_OK); } catch (err) { fail('the file is not writable', (err as NodeJS.ErrnoException).code ?? 'EACCES'); }
        // Outputs are written beside the file and renamed over it: its folder must take new files.
        at = path.dirname(at);
        continue;
      }
    } else if (!st.isDirectory()) {
      fail(`${at} is a file, not a folder`, 'ENOTDIR');
    }
    try { accessSync(at, constants.W_OK); } catch (err) { fail(`the folder ${at} is not writable`, (err as NodeJS.ErrnoException).code ?? 'EACCES'); }
    return;
  }
}
