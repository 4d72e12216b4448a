import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { PipelineError } from './errors.js';
import { outputWriteError } from './output-write-error.js';

/** Lines joined into one write: big enough to amortise the stream, small enough to stay flat. */
const LINES_PER_CHUNK = 4096;

/**
 * Streams lines (each without its `\n`) to a file that appears only when complete: written beside
 * it, then renamed, so a reader or a crash never sees half a file. The folder is created.
 *
 * @example
 * await writeLinesAtomically('out/scores.csv', rows(), 'scores file');
 */
export async function writeLinesAtomically(file: string, lines: Iterable<string>, what: string): Promise<void> {
  const temp = `${file}.${process.pid}.partial`;
  let failure: Error | undefined;
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  } catch (err) {
    throw writeError(file, what, err);
  }
  const out = createWriteStream(temp, { encoding: 'utf8' });
  out.on('error', (err) => { failure = err; });
  try {
    await once(out, 'open');
    let chunk = '';
    let n = 0;
    for (const line of lines) {
      chunk += `${line}\n`;
      if (++n % LINES_PER_CHUNK === 0) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    if (failure) throw failure;
    await rename(temp, file);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw writeError(file, what, failure ?? err);
  }
}

/** One text (a report, a JSON document) written the same way: whole or not at all. */
export async function writeTextAtomically(file: string, text: string, what: string): Promise<void> {
  await writeLinesAtomically(file, [text.endsWith('\n') ? text.slice(0, -1) : text], what);
}

function writeError(file: string, what: string, cause: unknown): PipelineError {
  return outputWriteError(file, what, cause);
}

/** A CSV field, quoted per RFC 4180 when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
