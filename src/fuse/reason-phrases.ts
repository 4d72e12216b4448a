import { NEEDS } from '../core/contract.js';
import { FEATURE_LABELS } from '../features/feature-catalogue.js';

export const NEED_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  education: { zh: '子女教育', en: 'education' },
  retirement: { zh: '养老规划', en: 'retirement' },
  protection: { zh: '保险保障', en: 'protection' },
  wealth_transfer: { zh: '财富传承', en: 'wealth transfer' },
  global_allocation: { zh: '全球配置', en: 'global allocation' },
  liquidity: { zh: '流动性', en: 'liquidity' },
  growth: { zh: '财富增值', en: 'growth' },
};

/**
 * A reason code in plain words for advisors, in both languages. Codes are stable (stored in
 * scores and compared across runs); phrases may be reworded freely. An unknown code is returned
 * as it is rather than dropped.
 *
 * @example
 * phraseReason('risk_share_high_risk_up'); // { zh: '高风险产品占比 → 推高风险等级判断', en: 'High-risk share … raises the predicted risk level' }
 */
export function phraseReason(code: string): { zh: string; en: string } {
  const seg = /^seg_(.+)_(high|low)$/.exec(code);
  if (seg) {
    const f = label(seg[1]!);
    return seg[2] === 'high'
      ? { zh: `${f.zh}偏高，符合该客群特征`, en: `${f.en} is high, as in this segment` }
      : { zh: `${f.zh}偏低，符合该客群特征`, en: `${f.en} is low, as in this segment` };
  }
  const risk = /^risk_(.+)_(up|down)$/.exec(code);
  if (risk) {
    const f = label(risk[1]!);
    return risk[2] === 'up'
      ? { zh: `${f.zh}支持该风险等级判断`, en: `${f.en} supports the predicted risk level` }
      : { zh: `${f.zh}不支持该风险等级判断`, en: `${f.en} argues against the predicted risk level` };
  }
  for (const need of NEEDS) {
    const prefix = `need_${need}_`;
    if (!code.startsWith(prefix)) continue;
    const m = /^(.+)_(up|down)$/.exec(code.slice(prefix.length));
    if (!m) break;
    const f = label(m[1]!);
    const n = NEED_LABELS[need]!;
    return m[2] === 'up'
      ? { zh: `${f.zh}提高了${n.zh}需求的可能性`, en: `${f.en} makes a ${n.en} need more likely` }
      : { zh: `${f.zh}降低了${n.zh}需求的可能性`, en: `${f.en} makes a ${n.en} need less likely` };
  }
  return { zh: code, en: code };
}

function label(feature: string): { zh: string; en: string } {
  return FEATURE_LABELS[feature] ?? { zh: feature, en: feature };
}
