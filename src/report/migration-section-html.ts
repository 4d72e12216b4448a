import type { Migration, MigrationMatrix } from '../monitor/migration-matrix.js';
import { t } from './bilingual.js';
import { escapeHtml } from './html-escape.js';
import { htmlTable } from './html-table.js';
import { heatmap } from './svg-charts.js';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/**
 * The migration section: clients matched with the previous run, stay rates, tier moves split into
 * boundary crossings and behaviour change, and heat maps of who moved where.
 */
export function renderMigrationSection(m: Migration & { readonly previous?: { readonly asOf?: string; readonly modelVersion?: string } }): string {
  const map = (matrix: MigrationMatrix, title: string) => heatmap(matrix.counts, {
    title, rowLabels: matrix.labels, colLabels: matrix.labels, decimals: 0, cell: 30,
  });
  return [
    `<h2>${t({ zh: '客户迁移（与上次运行相比）', en: 'Migration since the previous run' })}</h2>`,
    `<p>${t({ zh: '上次运行', en: 'Previous run' })}: ${escapeHtml(m.previous?.asOf ?? '?')} · ${t({ zh: '模型', en: 'model' })} ${escapeHtml(m.previous?.modelVersion ?? '?')} · `
      + t({ zh: `两次都在 ${m.matched} 人，新增 ${m.entered} 人，离开 ${m.left} 人`, en: `${m.matched} clients in both runs, ${m.entered} new, ${m.left} gone` }) + '</p>',
    htmlTable([{ html: t({ zh: '维度', en: 'dimension' }) }, { html: t({ zh: '留存率', en: 'stay rate' }) }], [
      [{ html: t({ zh: '行为客群', en: 'behavioural segment' }) }, pct(m.behaviour.stayRate)],
      [{ html: t({ zh: '风险分类', en: 'risk segment' }) }, pct(m.risk.stayRate)],
      [{ html: t({ zh: '资产层级', en: 'asset tier' }) }, pct(m.tier.stayRate)],
    ]),
    `<p>${t({ zh: `资产层级变动 ${m.tierMoves.total} 人：其中 ${m.tierMoves.boundary} 人仅跨越资产门槛（行为客群未变），${m.tierMoves.behaviour} 人行为客群同时改变。`,
      en: `${m.tierMoves.total} tier moves: ${m.tierMoves.boundary} crossed a threshold with the same behaviour, ${m.tierMoves.behaviour} changed behavioural segment too.` })}</p>`,
    '<div class="charts">',
    map(m.behaviour, '行为客群迁移 / segment migration (rows: before, columns: now)'),
    map(m.risk, '风险分类迁移 / risk migration'),
    map(m.tier, '资产层级迁移 / tier migration'),
    '</div>',
  ].join('\n');
}
