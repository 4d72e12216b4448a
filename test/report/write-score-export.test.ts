import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../src/report/neutralise-cell.js';
import { exportHeader } from '../../src/report/score-export-columns.js';
import { writeScoreExport } from '../../src/report/write-score-export.js';
import type { StoredScore } from '../../src/store/store.js';
import { score } from '../store/score-fixtures.js';

const CLASSES = ['conservative', 'balanced', 'aggressive'];
const stored = (s: ReturnType<typeof score>): StoredScore => ({ ...s, runId: 'r1', asOf: '2026-06-30', modelVersion: 'd8eacb4b88d5' });
const hostile = stored(score('=HYPERLINK("http://evil","x")', {
  advisorId: '+A01', behaviourSegmentName: '-1', behaviourSegmentNameEn: '@SUM(A1)', reasons: ['\tcmd'], flags: ['\rline'], declaredRisk: null,
}));
const plain = stored(score('C0000002', { behaviourSegmentName: '稳健持有型, "长期"' }));

async function* rows(...scores: StoredScore[]): AsyncIterable<StoredScore> { yield* scores; }

async function collect(format: 'csv' | 'xlsx', ...scores: StoredScore[]): Promise<{ n: number; bytes: Buffer }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const n = await writeScoreExport(rows(...scores), { format, riskClasses: CLASSES, out });
  out.end();
  return { n, bytes: Buffer.concat(chunks) };
}

describe('neutraliseCell', () => {
  it('puts an apostrophe before =, +, -, @, tab and carriage return, and leaves the rest', () => {
    for (const t of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(neutraliseCell(t)).toBe(`'${t}`);
    for (const t of ['C0001', '稳健', '', 'a=b', ' =1']) expect(neutraliseCell(t)).toBe(t);
  });
});

describe('writeScoreExport', () => {
  it('writes CSV with a BOM, the header, quoted fields and every text cell neutralised', async () => {
    const { n, bytes } = await collect('csv', hostile, plain);
    expect(n).toBe(2);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFclient_id,advisor_id,as_of,')).toBe(true);
    const [header, first, second] = text.slice(1).trimEnd().split('\n');
    expect(header).toBe(exportHeader(CLASSES).join(','));
    expect(first).toMatch(/^"'=HYPERLINK\(""http:\/\/evil"",""x""\)",'\+A01,2026-06-30,/);
    expect(first).toContain(",'-1,'@SUM(A1),balanced,0.2000,0.7000,0.1000,,R3,");
    expect(first).toContain(",'\tcmd,\"'\rline\"");
    expect(second).toContain(',"稳健持有型, ""长期""",');
    // No cell of the hostile row starts with a formula character once quotes are taken off.
    for (const cell of first!.match(/("([^"]|"")*"|[^,]*)/g)!.filter(Boolean)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes an xlsx workbook whose text cells are inert and numbers are numbers', async () => {
    const { n, bytes } = await collect('xlsx', hostile, plain);
    expect(n).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('scores')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...exportHeader(CLASSES)]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("http://evil","x")');
    expect(row.getCell(2).value).toBe('\'+A01');
    expect(row.getCell(9).value).toBe('\'-1');
    expect(row.getCell(12).value).toBe(0.2);
    expect(row.getCell(12).type).toBe(ExcelJS.ValueType.Number);
    for (let c = 1; c <= exportHeader(CLASSES).length; c++) expect(row.getCell(c).type).not.toBe(ExcelJS.ValueType.Formula);
    expect(sheet.getRow(3).getCell(1).value).toBe('C0000002');
  });
});
