import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField } from '../core/write-lines-atomically.js';
import { neutraliseCell } from '../report/neutralise-cell.js';
import type { StoredScore } from '../store/store.js';

/** The export's columns: the profile as stored, no personal data beyond the client id. */
export function exportHeader(riskClasses: readonly string[]): string[] {
  return [
    'client_id', 'tier_code', 'asset_tier', 'lifecycle_stage', 'behaviour_segment', 'behaviour_segment_name', 'behaviour_segment_name_en',
    'risk_segment', ...riskClasses.map((c) => `p_${c}`), 'declared_risk', 'suitability', 'predicted_needs', 'flags',
  ];
}

export function exportRow(s: StoredScore, riskClasses: readonly string[]): (string | number)[] {
  return [
    s.clientId, s.tierCode, s.assetTier, s.lifecycleStage, s.behaviourSegment, s.behaviourSegmentName, s.behaviourSegmentNameEn,
    s.riskSegment, ...riskClasses.map((c) => Number((s.riskProbabilities[c] ?? 0).toFixed(4))), s.declaredRisk ?? '', s.suitability,
    s.predictedNeeds.join(';'), s.flags.join(';'),
  ];
}

/** One CSV field: neutralised against formula injection, then quoted when it must be (RFC 4180). */
function exportField(value: string | number): string {
  return typeof value === 'number' ? String(value) : csvField(neutraliseCell(value));
}

/** CSV lines (with a BOM first, so Excel reads the Chinese segment names as UTF-8). */
export async function* csvLines(header: readonly string[], rows: AsyncIterable<(string | number)[]>): AsyncIterable<string> {
  yield `\uFEFF${header.map(exportField).join(',')}\r\n`;
  for await (const row of rows) yield `${row.map(exportField).join(',')}\r\n`;
}

/**
 * An .xlsx workbook of the same rows, streamed as the rows are read (a supervisor's export of a
 * whole run is never held as one workbook in memory); text cells are neutralised too (stored as
 * text, never formulas). `then` runs after the last byte of the workbook and before the stream
 * ends, so what it records (the export's audit) is done when the download is.
 */
export function xlsxStream(header: readonly string[], rows: AsyncIterable<(string | number)[]>, then: () => Promise<void>): Readable {
  const out = new PassThrough();
  const zip = new PassThrough();
  zip.pipe(out, { end: false });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: false, useSharedStrings: false });
  void (async () => {
    const sheet = workbook.addWorksheet('clients');
    sheet.addRow([...header]).commit();
    for await (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'number' ? v : neutraliseCell(v)))).commit();
    sheet.commit();
    const drained = once(zip, 'end');
    await workbook.commit();
    await drained;
    await then();
    out.end();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
