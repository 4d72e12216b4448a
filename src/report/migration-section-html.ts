import type { Migration, MigrationMatrix } from '../monitor/migration-matrix.js';
import { t } from './bilingual.js';
import { escapeHtml } from './html-escape.js';
import { htmlTable } from './html-table.js';
import { segmentAxisLabel } from './segment-identity-html.js';
import { heatmap } from './svg-charts.js';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/**
 * The migration section: clients matched with the previous run, stay rates, tier moves split into
 * boundary crossings and behaviour change, and heat maps of who moved where. Segments are labelled
 * "id name" with this run's `segmentNames`; a previous run of another model version says how its
 * ids were read (aligned, or not comparable and why).
 */
export function renderMigrationSection(m: Migration & { readonly previous?: { readonly asOf?: string; readonly modelVersion?: string } }, segmentNames: Readonly<Record<string, string>> = {}): string {
  const map = (matrix: MigrationMatrix, title: string, label: (l: string) => string = (l) => l) => heatmap(matrix.counts, {
    title, rowLabels: matrix.labels.map(label), colLabels: matrix.labels.map(label), decimals: 0, cell: 30,
  });
  const segmentLabel = (id: string) => segmentAxisLabel(Number(id), segmentNames[id]);
  return [
    `<h2>${t({ zh: '客户迁移（与上次运行相比）', en: 'Migration since the previous run' })}</h2>`,
    `<p>${t({ zh: '上次运行', en: 'Previous run' })}: ${escapeHtml(m.previous?.asOf ?? '?')} · ${t({ zh: '模型', en: 'model' })} ${escapeHtml(m.previous?.modelVersion ?? '?')} · `
      + t({ zh: `两次都在 ${m.matched} 人，新增 ${m.entered} 人，离开 ${m.left} 人`, en: `${m.matched} clients in both runs, ${m.entered} new, ${m.left} gone` }) + '</p>',
    segmentIdsNote(m),
    htmlTable([{ html: t({ zh: '维度', en: 'dimension' }) }, { html: t({ zh: '留存率', en: 'stay rate' }) }], [
      [{ html: t({ zh: '行为客群', en: 'behavioural segment' }) }, pct(m.behaviour.stayRate)],
      [{ html: t({ zh: '风险分类', en: 'risk segment' }) }, pct(m.risk.stayRate)],
      [{ html: t({ zh: '资产层级', en: 'asset tier' }) }, pct(m.tier.stayRate)],
    ]),
    `<p>${t({ zh: `资产层级变动 ${m.tierMoves.total} 人：其中 ${m.tierMoves.boundary} 人仅跨越资产门槛（行为客群未变），${m.tierMoves.behaviour} 人行为客群同时改变${m.tierMoves.unknown ? `，${m.tierMoves.unknown} 人原客群无法对应` : ''}。`,
      en: `${m.tierMoves.total} tier moves: ${m.tierMoves.boundary} crossed a threshold with the same behaviour, ${m.tierMoves.behaviour} changed behavioural segment too${m.tierMoves.unknown ? `, ${m.tierMoves.unknown} had a previous segment with no counterpart` : ''}.` })}</p>`,
    '<div class="charts">',
    ...(m.behaviour.labels.length === 0 ? [] : [map(m.behaviour, '行为客群迁移 / segment migration (rows: before, columns: now)', segmentLabel)]),
    map(m.risk, '风险分类迁移 / risk migration'),
    map(m.tier, '资产层级迁移 / tier migration'),
    '</div>',
  ].join('\n');
}

/** How the previous run's segment ids were read, when another model version scored it. */
function segmentIdsNote(m: Migration): string {
  const ids = m.segmentIds;
  if (ids === undefined || ids.basis === 'same_model') return '';
  if (ids.basis === 'not_comparable') {
    return `<p class="verdict-watch">${t({ zh: `行为客群编号不可比较，未给出行为客群迁移：${ids.reason}`, en: `Behavioural segment ids are not comparable, so no segment migration is given: ${ids.reason}` })}</p>`;
  }
  const renamed = ids.mapping.filter((p) => p.to !== null && p.to !== p.from).map((p) => `${p.from}→${p.to}`);
  const orphans = ids.mapping.filter((p) => p.to === null).map((p) => p.from);
  return `<p class="verdict-watch">${t({
    zh: `上次运行使用模型 ${ids.previousModel}，本次使用 ${ids.currentModel}：上次的客群编号按客群中心对齐（匈牙利算法）后再比较，模型变化不计为客户迁移。${renamed.length > 0 ? `编号对应：${renamed.join('、')}。` : '编号一一对应。'}${orphans.length > 0 ? `上次的客群 ${orphans.join('、')} 在本模型中无对应，其 ${m.behaviourUnmapped ?? 0} 位客户不计入行为迁移。` : ''}`,
    en: `The previous run used model ${ids.previousModel}, this one ${ids.currentModel}: the previous segment ids were read through the centroid alignment (Hungarian), so a model change is not counted as clients moving. ${renamed.length > 0 ? `Ids mapped: ${renamed.join(', ')}.` : 'Every id kept its number.'}${orphans.length > 0 ? ` Previous segments ${orphans.join(', ')} have no counterpart in this model: their ${m.behaviourUnmapped ?? 0} clients are not counted in segment migration.` : ''}`,
  })}</p>`;
}
