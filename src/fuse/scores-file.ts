import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineError } from '../core/errors.js';
import { outputWriteError } from '../core/output-write-error.js';

/**
 * scores.csv written in chunks of ready-made lines, appearing whole or not at all: written beside
 * its target and renamed into place by `commit`; `abort` removes the partial file.
 *
 * @example
 * const file = await ScoresFile.open('out/scores.csv', header);
 * try { await file.write(lines); await file.commit(); } catch (err) { await file.abort(); throw err; }
 */
export class ScoresFile {
  private failure: Error | undefined;

  private constructor(private readonly file: string, private readonly temp: string, private readonly out: WriteStream) {
    out.on('error', (err) => { this.failure = err; });
  }

  /** Creates the folder and the partial file, and writes the header line. */
  static async open(file: string, header: string): Promise<ScoresFile> {
    const temp = `${file}.${process.pid}.partial`;
    try {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    } catch (err) {
      throw writeError(file, err);
    }
    const scores = new ScoresFile(file, temp, createWriteStream(temp));
    try {
      await once(scores.out, 'open');
    } catch (err) {
      throw writeError(file, err);
    }
    await scores.write(Buffer.from(`${header}\n`, 'utf8'));
    return scores;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failure) throw writeError(this.file, this.failure);
    try {
      if (!this.out.write(bytes)) await once(this.out, 'drain');
    } catch (err) {
      throw writeError(this.file, this.failure ?? err);
    }
  }

  async commit(): Promise<void> {
    try {
      this.out.end();
      await once(this.out, 'finish');
      if (this.failure) throw this.failure;
      await rename(this.temp, this.file);
    } catch (err) {
      await this.abort();
      throw writeError(this.file, this.failure ?? err);
    }
  }

  async abort(): Promise<void> {
    this.out.destroy();
    await rm(this.temp, { force: true });
  }
}

function writeError(file: string, cause: unknown): PipelineError {
  return outputWriteError(file, 'scores file', cause);
}
