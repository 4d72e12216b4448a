import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { outputWriteError } from '../core/output-write-error.js';
import { REJECTS_HEADER } from '../ingest/rejects-writer.js';

/**
 * Gathers the shards' rejects files into one (the rejects format, one header), streaming, and
 * renames it into place. Each row keeps its shard file as source_file and that file's line number.
 * A shard without a rejects file contributes nothing. Resolves to the number of lines gathered.
 */
export async function mergeRejects(parts: readonly string[], target: string): Promise<number> {
  const partial = `${target}.partial`;
  try {
    await mkdir(path.dirname(path.resolve(target)), { recursive: true });
    const rows = await gather(parts, partial);
    await rename(partial, target);
    return rows;
  } catch (err) {
    await rm(partial, { force: true });
    throw outputWriteError(target, 'rejects file', err);
  }
}

async function gather(parts: readonly string[], partial: string): Promise<number> {
  const out = await open(partial, 'w');
  let rows = 0;
  try {
    await out.write('\uFEFF' + REJECTS_HEADER + '\n');
    for (const part of parts) {
      let lines: AsyncIterable<string>;
      try {
        const stream = createReadStream(part, { encoding: 'utf8' });
        await new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', reject); });
        lines = createInterface({ input: stream, crlfDelay: Infinity });
      } catch {
        continue;
      }
      let first = true;
      let chunk = '';
      for await (const line of lines) {
        if (first) { first = false; continue; }
        chunk += line + '\n';
        rows++;
        if (chunk.length >= 1 << 16) { await out.write(chunk); chunk = ''; }
      }
      if (chunk !== '') await out.write(chunk);
    }
  } finally {
    await out.close();
  }
  return rows;
}
