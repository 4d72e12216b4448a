import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField } from '../core/write-lines-atomically.js';
import type { ExportFormat } from './export-formats.js';
import type { StoredScore } from '../store/store.js';
import { neutraliseCell } from './neutralise-cell.js';
import { exportCells, exportHeader } from './score-export-columns.js';


/**
 * Streams a run's scores to `out` as CSV (UTF-8 with a BOM, so Excel reads the Chinese names) or
 * as an xlsx workbook, row by row whatever the run's size. Every text cell is neutralised, so a
 * value such as `=cmd|…` in a client or advisor id never runs as a formula. Returns the rows written.
 *
 * @example
 * await writeScoreExport(store.iterateScores(runId), { format: 'xlsx', riskClasses: run.riskClasses, out: createWriteStream('run.xlsx') });
 */
export async function writeScoreExport(
  scores: AsyncIterable<StoredScore>,
  options: { readonly format: ExportFormat; readonly riskClasses: readonly string[]; readonly out: Writable },
): Promise<number> {
  return options.format === 'csv' ? writeCsv(scores, options.riskClasses, options.out) : writeXlsx(scores, options.riskClasses, options.out);
}

const textCell = (v: string | number): string => (typeof v === 'number' ? (Number.isNaN(v) ? '' : formatNumber(v)) : csvField(neutraliseCell(v)));
const formatNumber = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(4));

async function writeCsv(scores: AsyncIterable<StoredScore>, riskClasses: readonly string[], out: Writable): Promise<number> {
  const write = async (text: string) => { if (!out.write(text)) await once(out, 'drain'); };
  await write(`\uFEFF${exportHeader(riskClasses).join(',')}\n`);
  let rows = 0;
  let chunk = '';
  for await (const s of scores) {
    chunk += `${exportCells(s, riskClasses).map(textCell).join(',')}\n`;
    if (++rows % 1000 === 0) { await write(chunk); chunk = ''; }
  }
  await write(chunk);
  return rows;
}

async function writeXlsx(scores: AsyncIterable<StoredScore>, riskClasses: readonly string[], out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('scores');
  sheet.addRow(exportHeader(riskClasses)).commit();
  let rows = 0;
  for await (const s of scores) {
    sheet.addRow(exportCells(s, riskClasses).map((v) => (typeof v === 'number' ? (Number.isNaN(v) ? null : v) : neutraliseCell(v)))).commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
