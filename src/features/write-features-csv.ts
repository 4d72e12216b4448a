import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';

/** Rows joined into one write; big enough to amortise the stream, small enough to stay flat. */
const ROWS_PER_CHUNK = 4096;

/**
 * Writes a feature matrix as CSV (UTF-8, no BOM, `\n` line ends): header `client_id` then the
 * feature names, one row per client. Numbers use ECMAScript's shortest round-trip form, which the
 * language specifies exactly, so the same matrix gives the same bytes on every machine and reads
 * back to the same doubles; -0 is written as 0 and NaN as an empty field. Ids are quoted per
 * RFC 4180 when they need it. Rows are streamed, and the file appears only when complete
 * (written beside it, then renamed).
 *
 * @example
 * await writeFeaturesCsv(builder.finish(), 'out/features.csv');
 * // client_id,recency_days,txn_per_month,…
 * // C001,3,1.25,…
 */
export async function writeFeaturesCsv(matrix: FeatureMatrix, path: string): Promise<void> {
  const temp = `${path}.${process.pid}.partial`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  let failure: Error | undefined;
  out.on('error', (err) => { failure = err; });
  try {
    await once(out, 'open');
    const { rows, cols, values, clientIds } = matrix;
    let chunk = ['client_id', ...matrix.names].map(csvField).join(',') + '\n';
    for (let i = 0; i < rows; i++) {
      let line = csvField(clientIds[i]!);
      const o = i * cols;
      for (let j = 0; j < cols; j++) line += ',' + formatNumber(values[o + j]!);
      chunk += line + '\n';
      if ((i + 1) % ROWS_PER_CHUNK === 0) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');
    if (failure) throw failure;
    await rename(temp, path);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    const cause = failure ?? err;
    const code = (cause as NodeJS.ErrnoException).code;
    throw new PipelineError(
      'config_invalid',
      `Cannot write the features file ${path} (${code ?? 'write failed'}): check that its folder exists and is writable.`,
      { path, errno: code },
      { cause },
    );
  }
}

/** The shortest string that reads back to the same double; NaN (not computed) is empty. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === 0) return '0';
  return String(x);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
