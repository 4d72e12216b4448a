import type { Bilingual } from './bilingual.js';
import type { SkippedNeeds, SkippedRisk } from './training-report.js';

/** The sentence that stands in for a part training skipped, zh and en. */
export function skippedRiskText(risk: SkippedRisk): Bilingual {
  const counts = { zh: `可用标签 ${risk.labelled} 个（${risk.classes.length} 类），过期 ${risk.stale}，缺失 ${risk.missing}`, en: `${risk.labelled} usable labels in ${risk.classes.length} classes, ${risk.stale} stale, ${risk.missing} missing` };
  return {
    zh: `未训练风险模型（risk_unlabelled）：目标列 ${risk.target} ${counts.zh}；至少需要 2 类且 ${risk.minLabelledRows} 个可用标签。评分时风险分类与各类概率留空，并标记 risk_unlabelled。`,
    en: `No risk model was trained (risk_unlabelled): the target ${risk.target} has ${counts.en}; a classifier needs two classes and ${risk.minLabelledRows} usable labels. Scores leave the risk segment and its probabilities empty and carry the flag risk_unlabelled.`,
  };
}

export function skippedNeedsText(needs: SkippedNeeds): Bilingual {
  return {
    zh: `未训练需求模型（needs_unlabelled）：预测期内只有 ${needs.takeUps} 位客户新办理了需求，至少需要 ${needs.minTakeUps} 位。评分时需求倾向留空，并标记 needs_unlabelled。`,
    en: `No needs model was trained (needs_unlabelled): ${needs.takeUps} clients took up a need in the horizon, fewer than the ${needs.minTakeUps} it needs. Scores leave the needs and propensities empty and carry the flag needs_unlabelled.`,
  };
}
