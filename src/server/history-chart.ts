import { escapeHtml } from '../report/html-escape.js';
import type { ClientHistoryEntry } from '../store/store.js';
import { plainText } from './plain-words.js';
import { riskLabel, tierLabel, tr, type Lang } from './ui-text.js';

/**
 * The client's behavioural segment across completed runs, oldest left: one lane per segment the
 * client has been in, a dot per run, a line between consecutive runs. Plain inline SVG.
 */
export function historyChart(history: readonly ClientHistoryEntry[], lang: Lang): string {
  const runs = [...history].reverse();
  const lanes = [...new Map(runs.map((h) => [h.behaviourSegment, plainText(lang === 'zh' ? h.behaviourSegmentName : h.behaviourSegmentNameEn, lang)]))]
    .sort((a, b) => a[0] - b[0]);
  const left = 190, top = 14, lane = 26, step = runs.length > 1 ? Math.min(90, 420 / (runs.length - 1)) : 0;
  const width = left + Math.max(1, runs.length - 1) * step + 60;
  const height = top + lane * lanes.length + 28;
  const laneOf = new Map(lanes.map(([id], i) => [id, i]));
  const x = (i: number) => left + i * step;
  const y = (segment: number) => top + lane * laneOf.get(segment)! + lane / 2;
  const parts: string[] = [];
  lanes.forEach(([id, name], i) => {
    const ly = top + lane * i + lane / 2;
    const label = `${id} ${name}`;
    const short = label.length > 26 ? `${label.slice(0, 25)}…` : label;
    parts.push(`<text x="${left - 10}" y="${ly + 4}" text-anchor="end" font-size="11">${escapeHtml(short)}<title>${escapeHtml(label)}</title></text>`);
    parts.push(`<line x1="${left - 4}" y1="${ly}" x2="${width - 30}" y2="${ly}" stroke="#eee"/>`);
  });
  const points = runs.map((h, i) => `${x(i)},${y(h.behaviourSegment)}`).join(' ');
  if (runs.length > 1) parts.push(`<polyline points="${points}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  runs.forEach((h, i) => {
    parts.push(`<circle cx="${x(i)}" cy="${y(h.behaviourSegment)}" r="4" fill="#1f77b4"><title>${escapeHtml(`${h.asOf}: ${h.behaviourSegment} · ${tr(riskLabel(h.riskSegment), lang)} · ${tr(tierLabel(h.tierCode), lang)}`)}</title></circle>`);
    parts.push(`<text x="${x(i)}" y="${height - 8}" text-anchor="middle" font-size="10">${escapeHtml(h.asOf)}</text>`);
  });
  const title = lang === 'zh' ? '历次批次的行为客群' : 'Behaviour segment in each run';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="history" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
