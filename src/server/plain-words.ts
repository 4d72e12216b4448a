import type { Bilingual } from '../report/bilingual.js';
import type { Lang } from './ui-text.js';

/** How far from the client average, in words, for a standardised distance z. */
function distanceWords(z: number, lang: Lang): string {
  const size = Math.abs(z);
  const above = z >= 0;
  if (lang === 'zh') return size >= 1.5 ? (above ? '远高于平均' : '远低于平均') : size >= 0.5 ? (above ? '高于平均' : '低于平均') : '接近平均';
  return size >= 1.5 ? (above ? 'far above average' : 'far below average') : size >= 0.5 ? (above ? 'above average' : 'below average') : 'close to average';
}

/**
 * Model text as an advisor reads it: no "(log)" or "(对数)" (the model's transform, not the
 * client's fact), no standard deviations ("+1.2σ", "+1.2 sd" become "far above average"), no
 * snake_case codes (a feature the catalogue does not name is read as words). Applied to every
 * segment name, description and reason phrase the app shows.
 *
 * @example
 * plainText('最显著特征：换手率(对数) +1.8σ。', 'zh'); // '最显著特征：换手率 远高于平均。'
 */
export function plainText(text: string, lang: Lang): string {
  return text
    .replace(/\s*[(（](?:对数|log)[)）]/gi, '')
    .replace(/([+\-−])(\d+(?:\.\d+)?)\s*(?:σ|sd\b)/g, (_m, sign: string, n: string) => distanceWords((sign === '+' ? 1 : -1) * Number(n), lang))
    .replace(/\b(?:log1p_|log_)([a-z])/g, '$1')
    .replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (code) => code.replace(/_log1p$/, '').replace(/_/g, ' '));
}

/** A bilingual phrase in the page's language, in plain words. */
export function plainTr(text: Bilingual, lang: Lang): string {
  return plainText(text[lang], lang);
}
