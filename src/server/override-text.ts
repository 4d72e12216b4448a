import type { Bilingual } from '../report/bilingual.js';

/** The override forms' and log's words (kept apart from ui-text so both grow without clashing). */
export const OVERRIDE_TEXT = {
  overrideNoChange: { zh: '调整内容与当前结果相同，未保存：请选择不同的值。', en: 'That is what the profile already says, so nothing was saved: choose a different value.' },
  choose: { zh: '— 请选择 —', en: '— choose —' },
  saved: { zh: '已保存', en: 'Saved' },
  dismissedNeeds: { zh: '已排除的需求', en: 'Dismissed needs' },
  time: { zh: '时间', en: 'Time' },
  by: { zh: '操作人', en: 'By' },
  change: { zh: '调整内容', en: 'Change' },
  reason: { zh: '原因', en: 'Reason' },
  timesIn: { zh: '时区', en: 'time zone' },
} as const satisfies Record<string, Bilingual>;
