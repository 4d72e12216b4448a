import type { IngestCounts } from '../core/records.js';
import { ASSET_TIERS, TIER_LABELS } from '../fuse/asset-tier.js';
import type { ScoreSummary } from '../fuse/score-summary.js';
import type { DriftReport } from '../monitor/compare-drift.js';
import type { SegmentOverrideRate } from '../store/override-store.js';
import { t } from './bilingual.js';
import { renderDriftSection } from './drift-section-html.js';
import { renderMigrationSection } from './migration-section-html.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage } from './html-page.js';
import { renderIngestSection } from './ingest-section-html.js';
import { htmlTable } from './html-table.js';
import { overrideRateFigure } from './override-rate-figure.js';
import { barChart } from './svg-charts.js';

export interface ScoreReportInput {
  readonly asOf: string;
  readonly modelVersion: string;
  readonly summary: ScoreSummary;
  /** Drift, migration and realised accuracy, when the run measured them. */
  readonly monitoring?: {
    readonly drift: DriftReport;
    readonly migration?: Parameters<typeof renderMigrationSection>[0];
    readonly accuracy?: Parameters<typeof renderDriftSection>[1];
  };
  /** How the run's input rows were accounted for; absent for a run rebuilt from the store. */
  readonly ingest?: IngestCounts;
  /** Advisors' overrides of an earlier run's profiles (the nightly pipeline: its previous run), when there are any. */
  readonly overrides?: { readonly runId: string; readonly asOf: string; readonly rates: readonly SegmentOverrideRate[] };
}

function unlabelledNote(s: ScoreReportInput['summary']): string {
  const notes = [
    ...((s.flags['risk_unlabelled'] ?? 0) > 0 ? [t({ zh: '未训练风险模型（risk_unlabelled）：训练数据没有足够的风险问卷标签，风险分类与概率留空。', en: 'No risk model (risk_unlabelled): the training data had too few risk questionnaire labels, so the risk segment and probabilities are empty.' })] : []),
    ...((s.flags['needs_unlabelled'] ?? 0) > 0 ? [t({ zh: '未训练需求模型（needs_unlabelled）：训练预测期内新办理需求的客户过少，需求留空。', en: 'No needs model (needs_unlabelled): too few clients took up a need in the training horizon, so needs are empty.' })] : []),
  ];
  return notes.map((n) => `<p class="unlabelled">${n}</p>`).join('\n');
}

/** The scoring run for people: clients by tier and segment, risk mix, needs and flags, drift and migration. */
export function renderScoreReport(r: ScoreReportInput): string {
  const s = r.summary;
  const segments = Object.keys(s.segmentNames).sort((a, b) => Number(a) - Number(b));
  const unreliable = new Set(s.unreliableSegments ?? []);
  const body = [
    `<h1>${t({ zh: '客户分群评分报告', en: 'Client scoring report' })}</h1>`,
    `<p>${t({ zh: '基准日', en: 'As of' })} ${escapeHtml(r.asOf)} · ${t({ zh: '模型版本', en: 'model version' })} ${escapeHtml(r.modelVersion)} · ${s.clients} ${t({ zh: '位客户', en: 'clients' })}</p>`,
    `<h2>${t({ zh: '资产层级 × 行为客群', en: 'Asset tier × behavioural segment' })}</h2>`,
    htmlTable(['', ...segments.map((id) => (unreliable.has(Number(id))
      ? { html: `${escapeHtml(`${id} ${s.segmentNames[id]}`)} <span class="verdict-alert">${t({ zh: '不可靠', en: 'unreliable' })}</span>` }
      : `${id} ${s.segmentNames[id]}`)), { html: t({ zh: '合计', en: 'total' }) }],
      ASSET_TIERS.map((tier) => {
        const row = s.tierBySegment[tier] ?? {};
        const counts = segments.map((id) => row[id] ?? 0);
        return [{ html: t({ zh: TIER_LABELS[tier].zh, en: TIER_LABELS[tier].en }) }, ...counts, counts.reduce((a, b) => a + b, 0)];
      })),
    // A model trained without labels predicts no risk (or needs): say so instead of an empty chart.
    unlabelledNote(s),
    '<div class="charts">',
    ...(Object.keys(s.riskMix).length === 0 ? [] : [barChart(Object.entries(s.riskMix).map(([label, value]) => ({ label, value })), { title: '预测风险分布 / predicted risk segment' })]),
    barChart(s.needs.map((n) => ({ label: n.need, value: n.clients })), { title: '预测需求客户数 / clients per predicted need' }),
    barChart(Object.entries(s.flags).sort(([a], [b]) => a.localeCompare(b)).map(([label, value]) => ({ label, value, colour: '#b26a00' })), { title: '提示标记 / flags' }),
    '</div>',
    r.ingest === undefined ? '' : renderIngestSection(r.ingest),
    r.monitoring === undefined ? '' : renderDriftSection(r.monitoring.drift, r.monitoring.accuracy, s.segmentNames),
    r.monitoring?.migration === undefined ? '' : renderMigrationSection(r.monitoring.migration, s.segmentNames),
    r.overrides === undefined ? '' : overrideRateFigure(r.overrides.rates, `<p>${t({
      zh: `理财经理对上一次评分运行 ${r.overrides.runId}(基准日 ${r.overrides.asOf})客户画像的调整:调整率高的客群是模型服务不好的客群,其调整是下一批训练标签。`,
      en: `Advisors' overrides of the previous run ${r.overrides.runId} (as of ${r.overrides.asOf}): a segment whose rate stands out is one the model serves badly, and its overrides are the next training labels.`,
    })}</p>\n`),
  ].join('\n');
  return htmlPage('clientseg scoring report', body);
}
