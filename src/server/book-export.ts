import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField } from '../core/write-lines-atomically.js';
import { neutraliseCell } from '../report/neutralise-cell.js';
import type { StoredScore } from '../store/store.js';
import { CALL_UI } from './call-sheet-text.js';
import { plainText } from './plain-words.js';
import { flagLabel, lifecycleLabel, needLabel, riskLabel, tierLabel, tr, UI, type Lang } from './ui-text.js';

/**
 * The export's columns: first the profile in the chosen language (headers and values, as the book
 * shows it), then the stored codes under their snake_case names for machines (re-imports, CRM
 * joins). No personal data beyond the client id, its advisor and its AUM.
 */
export function exportHeader(riskClasses: readonly string[], lang: Lang = 'en'): string[] {
  return [
    tr(UI.search, lang), tr(UI.advisor, lang), tr(UI.tier, lang), `${tr(CALL_UI.aum, lang)} (${tr(CALL_UI.yuan, lang)})`, tr(UI.lifecycle, lang), tr(UI.segment, lang),
    tr(UI.risk, lang), ...riskClasses.map((c) => `${tr(riskLabel(c), lang)} ${tr(PROBABILITY, lang)}`), tr(UI.declared, lang), tr(UI.maxProduct, lang),
    tr(UI.need, lang), tr(UI.flags, lang),
    'client_id', 'tier_code', 'asset_tier', 'lifecycle_stage', 'behaviour_segment', 'behaviour_segment_name', 'behaviour_segment_name_en',
    'risk_segment', 'declared_risk', 'predicted_needs', 'flags',
  ];
}

const PROBABILITY = { zh: '概率', en: 'probability' } as const;
const joined = (items: readonly string[], lang: Lang) => items.join(lang === 'zh' ? '、' : '; ');

export function exportRow(s: StoredScore, riskClasses: readonly string[], lang: Lang = 'en'): (string | number)[] {
  return [
    s.clientId, s.advisorId ?? '', tr(tierLabel(s.tierCode), lang), s.aum ?? '', tr(lifecycleLabel(s.lifecycleStage), lang),
    `${s.behaviourSegment} ${plainText(lang === 'zh' ? s.behaviourSegmentName : s.behaviourSegmentNameEn, lang)}`,
    tr(riskLabel(s.riskSegment), lang), ...riskClasses.map((c) => Number((s.riskProbabilities[c] ?? 0).toFixed(4))), tr(riskLabel(s.declaredRisk), lang), s.suitability,
    joined(s.predictedNeeds.map((n) => tr(needLabel(n), lang)), lang), joined(s.flags.map((f) => tr(flagLabel(f), lang)), lang),
    s.clientId, s.tierCode, s.assetTier, s.lifecycleStage, s.behaviourSegment, s.behaviourSegmentName, s.behaviourSegmentNameEn,
    s.riskSegment, s.declaredRisk ?? '', s.predictedNeeds.join(';'), s.flags.join(';'),
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
