import type { SegmentIdentity, SegmentIdentityStatus } from '../segment/segment-identity.js';
import { t, type Bilingual } from './bilingual.js';
import { htmlTable, type Cell } from './html-table.js';

const STATUS: Record<SegmentIdentityStatus, { readonly cls: string; readonly text: Bilingual }> = {
  same: { cls: 'verdict-ok', text: { zh: '含义不变', en: 'same' } },
  renamed: { cls: 'verdict-watch', text: { zh: '名称改变', en: 'renamed' } },
  moved: { cls: 'verdict-alert', text: { zh: '含义改变', en: 'meaning changed' } },
  new: { cls: '', text: { zh: '新客群', en: 'new' } },
  retired: { cls: '', text: { zh: '已撤销', en: 'retired' } },
};

const num = (x: number | null): Cell => (x === null ? '—' : Number(x.toFixed(3)));
const name = (n: { readonly zh: string; readonly en: string } | null): Cell => (n === null ? '—' : { html: t(n) });

/**
 * The segment identity table: per id its name in the older and newer model, how far its centroid
 * moved against its limit, the verdict, and where the older meaning went.
 */
export function renderSegmentIdentity(identity: SegmentIdentity, sides: { readonly before: Bilingual; readonly after: Bilingual }): string {
  const intro = identity.comparable
    ? t({
      zh: `距离：两模型的客群中心先还原为原始特征值，再用较新模型的标准化参数标准化，在 ${identity.features.length} 个共同分群特征上取差值的均方根（单位：标准差）。某编号的中心移动超过“界限”（较新模型中该客群到最近的其他客群距离的 ${identity.limitShare} 倍）即视为含义改变；名称改变也会标出。`,
      en: `Distance: both models' centroids turned back into feature units and standardised with the newer model's scaler, then the root mean square of their differences over the ${identity.features.length} shared segment features, in standard deviations. An id whose centroid moved beyond its limit (${identity.limitShare} × the distance from its newer centroid to the nearest other segment) changed meaning; a changed name is flagged too.`,
    })
    : t({ zh: '两模型没有共同的分群特征：客群编号不可比较。', en: 'The two models share no segment feature: their segment ids are not comparable.' });
  const flagged = identity.flagged.length === 0
    ? `<p class="verdict-ok">${t({ zh: '所有共同编号含义不变。', en: 'Every shared id keeps its meaning.' })}</p>`
    : `<p class="verdict-alert">${t({ zh: `含义或名称改变的编号：${identity.flagged.join('、')}`, en: `Ids whose meaning or name changed: ${identity.flagged.join(', ')}` })}</p>`;
  return [
    `<p>${intro}</p>`,
    flagged,
    htmlTable([
      { html: t({ zh: '编号', en: 'id' }) }, { html: t(sides.before) }, { html: t(sides.after) },
      { html: t({ zh: '中心移动', en: 'moved' }) }, { html: t({ zh: '界限', en: 'limit' }) }, { html: t({ zh: '结论', en: 'verdict' }) },
      { html: t({ zh: '原含义现在的编号', en: 'old meaning now at id' }) },
    ], identity.segments.map((s) => [
      s.id, name(s.before), name(s.after), num(s.distance), num(s.limit),
      { html: `<span class="${STATUS[s.status].cls}">${t(STATUS[s.status].text)}</span>` },
      s.before === null ? '—' : s.meaningNowAt === null ? { html: t({ zh: '无', en: 'none' }) } : s.meaningNowAt,
    ])),
  ].join('\n');
}

/** "3 Education saver" for a heat map's axis, cut to fit its 150-pixel margin. */
export function segmentAxisLabel(id: number, name: string | undefined): string {
  if (name === undefined || name === '') return String(id);
  const label = `${id} ${name}`;
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}
