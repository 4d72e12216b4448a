import type { Bilingual } from '../report/bilingual.js';
import { LIFECYCLE_LABELS } from '../fuse/lifecycle-stage.js';
import { TIER_LABELS } from '../fuse/asset-tier.js';
import { NEED_LABELS } from '../fuse/reason-phrases.js';

export const LANGUAGES = ['zh', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** One phrase in the page's language. */
export function tr(text: Bilingual, lang: Lang): string {
  return text[lang];
}

const asIs = (code: string): Bilingual => ({ zh: code, en: code });

export const TIER_CODE_LABELS: Readonly<Record<string, Bilingual>> = {
  A: { zh: `A · ${TIER_LABELS.uhnw.zh}`, en: `A · ${TIER_LABELS.uhnw.en}` },
  B: { zh: `B · ${TIER_LABELS.hnw.zh}`, en: `B · ${TIER_LABELS.hnw.en}` },
  C: { zh: `C · ${TIER_LABELS.mass.zh}`, en: `C · ${TIER_LABELS.mass.en}` },
};

/** The service each tier calls for (the domain's practice, DESIGN.md). */
export const TIER_SERVICE: Readonly<Record<string, Bilingual>> = {
  A: { zh: '专属定制服务：境内外全球资产配置', en: 'Bespoke service: onshore and offshore global allocation' },
  B: { zh: '多元化资产配置', en: 'Diversified asset allocation' },
  C: { zh: '低风险、稳健型产品', en: 'Low-risk, stable products' },
};

export const RISK_LABELS: Readonly<Record<string, Bilingual>> = {
  conservative: { zh: '保守型', en: 'conservative' },
  balanced: { zh: '稳健型', en: 'balanced' },
  aggressive: { zh: '进取型', en: 'aggressive' },
};

export const NO_RISK_MODEL: Bilingual = { zh: '未训练风险模型', en: 'no risk model' };

export const FLAG_LABELS: Readonly<Record<string, Bilingual>> = {
  risk_unlabelled: { zh: '未训练风险模型（训练时无足够问卷标签）', en: 'no risk model (trained without enough questionnaire labels)' },
  needs_unlabelled: { zh: '未训练需求模型', en: 'no needs model' },
  suitability_review: { zh: '需适当性复核', en: 'suitability review' },
  risk_mismatch: { zh: '申报与预测风险不一致', en: 'declared vs predicted risk mismatch' },
  near_tier_boundary: { zh: '临近层级边界', en: 'near a tier boundary' },
  assessment_due: { zh: '风险测评缺失或过期', en: 'risk questionnaire missing or stale' },
  minor: { zh: '未成年客户（仅限 R1 产品）', en: 'minor (R1 products only)' },
};

export const tierLabel = (code: string): Bilingual => TIER_CODE_LABELS[code] ?? asIs(code);
/** An empty predicted risk is a model trained without labels (flag risk_unlabelled). */
export const riskLabel = (code: string | null): Bilingual => (code === null ? { zh: '未测评', en: 'not assessed' } : code === '' ? NO_RISK_MODEL : RISK_LABELS[code] ?? asIs(code));
export const needLabel = (code: string): Bilingual => NEED_LABELS[code] ?? asIs(code);
export const lifecycleLabel = (code: string): Bilingual => (LIFECYCLE_LABELS as Record<string, Bilingual>)[code] ?? asIs(code);

/** A stored flag in words; `need_above_level:<need>` names the need. */
export function flagLabel(flag: string): Bilingual {
  const above = /^need_above_level:(.+)$/.exec(flag);
  if (above) {
    const n = needLabel(above[1]!);
    return { zh: `${n.zh}需求超出适当性等级`, en: `${n.en} need above the client's level` };
  }
  return FLAG_LABELS[flag] ?? asIs(flag);
}

/** The words of the pages themselves. */
export const UI = {
  app: { zh: '客户洞察 · 理财经理工作台', en: 'Client insight · advisor workbench' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  userId: { zh: '工号', en: 'User id' },
  password: { zh: '密码', en: 'Password' },
  signInFailed: { zh: '登录失败：工号或密码错误，或连续输错后账号已暂时锁定，请稍后再试。', en: 'Sign-in failed: wrong id or password, or the account is locked for a while after repeated wrong passwords. Try again later.' },
  tooMany: { zh: '尝试次数过多，请稍后再试。', en: 'Too many attempts; try again later.' },
  formExpired: { zh: '表单已失效，请刷新页面后重试。', en: 'The form has expired; reload the page and try again.' },
  notFound: { zh: '未找到该页面或客户。', en: 'No such page or client.' },
  noRun: { zh: '结果库中还没有已完成的评分批次。', en: 'The results store holds no completed run yet.' },
  book: { zh: '我的客户', en: 'My book' },
  allClients: { zh: '全部客户', en: 'All clients' },
  clients: { zh: '位客户', en: 'clients' },
  asOf: { zh: '基准日', en: 'As of' },
  model: { zh: '模型版本', en: 'model version' },
  filter: { zh: '筛选', en: 'Filter' },
  clear: { zh: '清除', en: 'Clear' },
  any: { zh: '全部', en: 'any' },
  search: { zh: '客户号', en: 'Client id' },
  tier: { zh: '资产层级', en: 'Asset tier' },
  lifecycle: { zh: '生命周期', en: 'Life-cycle stage' },
  segment: { zh: '行为客群', en: 'Behaviour segment' },
  risk: { zh: '预测风险', en: 'Predicted risk' },
  declared: { zh: '申报风险', en: 'Declared risk' },
  need: { zh: '预测需求', en: 'Predicted need' },
  flags: { zh: '标记', en: 'Flags' },
  advisor: { zh: '理财经理', en: 'Advisor' },
  sort: { zh: '排序', en: 'Sort' },
  ascending: { zh: '升序', en: 'ascending' },
  descending: { zh: '降序', en: 'descending' },
  pageSize: { zh: '每页', en: 'per page' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  page: { zh: '页', en: 'page' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  none: { zh: '无', en: 'none' },
  back: { zh: '返回客户列表', en: 'Back to the book' },
  service: { zh: '服务方式', en: 'Service' },
  probabilities: { zh: '各风险等级概率', en: 'Probability per risk class' },
  needsRanked: { zh: '预测需求（按可能性排序）', en: 'Predicted needs, strongest first' },
  propensity: { zh: '可能性', en: 'propensity' },
  reasons: { zh: '原因', en: 'Why' },
  segmentReasons: { zh: '归入该客群的原因', en: 'Why this segment' },
  riskReasons: { zh: '风险判断的原因', en: 'Why this risk level' },
  suitability: { zh: '适当性提示', en: 'Suitability notes' },
  maxProduct: { zh: '可销售产品风险上限', en: 'Highest product risk allowed' },
  history: { zh: '历次客群变化', en: 'Segment history across runs' },
  overrides: { zh: '人工调整记录', en: 'Overrides' },
  overrideRisk: { zh: '调整风险等级', en: 'Override the risk segment' },
  dismissNeed: { zh: '排除预测需求', en: 'Dismiss a predicted need' },
  reason: { zh: '原因（必填）', en: 'Reason (required)' },
  save: { zh: '保存', en: 'Save' },
  reasonRequired: { zh: '请填写原因。', en: 'A reason is required.' },
  invalidOverride: { zh: '调整内容无效。', en: 'That override is not valid.' },
  overriddenTo: { zh: '已人工调整为', en: 'overridden to' },
  dismissed: { zh: '已排除', en: 'dismissed' },
  by: { zh: '操作人', en: 'by' },
  unreliable: { zh: '不可靠', en: 'unreliable' },
  unreliableHint: { zh: '训练时该客群的自助法 Jaccard 低于 0.6：重抽样后常被重新划分，慎用其名称', en: 'At training this segment\'s bootstrap Jaccard was below 0.6: resampling often redraws it, so read its name with care' },
  noDescription: { zh: '（找不到该批次的模型，无法显示客群描述）', en: '(the run\'s model is not available here, so no segment description)' },
  notOffered: { zh: '不得推荐', en: 'must not be offered' },
  because: { zh: '原因', en: 'because' },
  abovePrefix: { zh: '该需求对应产品风险', en: 'its products are' },
  aboveSuffix: { zh: '高于客户可承受上限', en: 'above the client\'s ceiling' },
  assessmentDue: { zh: '风险测评缺失或已过期：在重新测评前只能提供 R1 产品。', en: 'The risk questionnaire is missing or stale: only R1 products until the client is reassessed.' },
  mismatch: { zh: '客户行为显示的风险偏好与问卷申报不一致，请与客户沟通。', en: 'The client\'s behaviour contradicts the declared risk: talk it through with the client.' },
  nothingToFlag: { zh: '无适当性问题。', en: 'No suitability issues.' },
} as const satisfies Record<string, Bilingual>;
