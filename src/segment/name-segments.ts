import { PipelineError } from '../core/errors.js';
import { featureLabel, type FeatureLabel } from './feature-labels.js';
import { hungarian } from '../core/hungarian.js';
import { ruleHolds, ruleScore, segmentRules, type SegmentRule } from './segment-rules.js';

export interface NameSegmentsOptions {
  /**
   * A rule lends its name only when at least ⌈2/3⌉ of its terms (absent features count as unmet)
   * have sign × z ≥ this, and its score (mean sign × z) is at least this too. Default 0.5.
   */
  minScore?: number;
  /** Below this largest |z| a centroid is called an average profile. Default 0.25. */
  averageBelow?: number;
  /** Features listed in `topFeatures` and descriptions. Default 3. */
  topFeatures?: number;
  /** Display names overriding the built-in table (e.g. from the feature catalogue). */
  labels?: Readonly<Record<string, FeatureLabel>>;
  /**
   * One-hot level columns (`column=value`). A level is distinctive only where the segment holds it
   * more than average, and reads as one phrase ("more has_pension=yes", zh "has_pension=yes 多"):
   * "low has_pension=no · high has_pension=yes" would say one thing twice.
   */
  levels?: ReadonlySet<string>;
  /** The domain segments to recognise. Default `segmentRules`. */
  rules?: readonly SegmentRule[];
}

export interface SegmentName {
  /** Stable code: a rule's code, or `profile_<feature>_<high|low>_<feature>_<high|low>`. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly description: { readonly zh: string; readonly en: string };
  /** The most distinctive features by |z|, largest first. */
  readonly topFeatures: readonly { readonly name: string; readonly z: number }[];
  /** The domain rule's score when a rule named the segment, else null. */
  readonly score: number | null;
}

/**
 * Names each segment from its standardised centroid (row-major `k × featureNames.length`). A domain
 * name is only a candidate for a segment whose centroid meets most of the rule (`ruleHolds`: at
 * least ⌈2/3⌉ of its terms at sign × z ≥ `minScore`); candidates go to segments by a Hungarian match
 * that maximises the total rule score above `minScore`, so two segments never share a domain name;
 * a segment that fits no rule is described by its two
 * most distinctive features (one, if the second is within `averageBelow` of average) ("高 换手率 · 低 平均持有期" / "high turnover · low holding period").
 *
 * @example
 * const names = nameSegments(fit.centroids, scaler.names);
 * names[0].zh; // '频繁交易型'
 */
export function nameSegments(
  centroidsInZ: Float64Array,
  featureNames: readonly string[],
  options: NameSegmentsOptions = {},
): SegmentName[] {
  const { minScore = 0.5, averageBelow = 0.25, topFeatures = 3, labels, levels = new Set<string>(), rules = segmentRules } = options;
  const cols = featureNames.length;
  if (cols === 0 || centroidsInZ.length % cols !== 0) {
    throw new PipelineError('input_invalid', `centroids hold ${centroidsInZ.length} values, not a multiple of ${cols} feature names; pass the scaler's names`, { length: centroidsInZ.length, cols });
  }
  const k = centroidsInZ.length / cols;
  const profiles = Array.from({ length: k }, (_, s) => new Map(featureNames.map((n, j) => [n, centroidsInZ[s * cols + j]!])));

  // Only the part of a score above the bar counts, so a weak fit never outbids leaving a segment unnamed.
  const gain = profiles.map((p) => rules.map((r) => (ruleHolds(r, p, minScore) ? Math.max(0, (ruleScore(r, p) ?? -Infinity) - minScore) : 0)));
  const match = rules.length > 0 ? hungarian(gain.map((row) => row.map((g) => -g))) : [];

  const used = new Set<string>();
  return profiles.map((profile, s) => {
    const top = [...profile].map(([name, z]) => ({ name, z })).filter((t) => !levels.has(t.name) || t.z > 0)
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, Math.max(2, topFeatures));
    const shown = top.slice(0, topFeatures);
    const r = match[s] ?? -1;
    const rule = r >= 0 && gain[s]![r]! > 0 ? rules[r]! : undefined;
    const tail = distinctive(shown, labels);
    if (rule) {
      used.add(rule.code);
      return {
        code: rule.code, zh: rule.zh, en: rule.en,
        description: { zh: rule.description.zh + tail.zh, en: `${rule.description.en} ${tail.en}` },
        topFeatures: shown, score: ruleScore(rule, profile)!,
      };
    }
    const base = descriptiveName(top, averageBelow, labels, levels);
    let code = base.code;
    let suffix = '';
    for (let n = 2; used.has(code); n++) {
      code = `${base.code}_${n}`;
      suffix = ` (${n})`;
    }
    used.add(code);
    return {
      code, zh: base.zh + suffix, en: base.en + suffix,
      description: { zh: base.descriptionZh + tail.zh, en: `${base.descriptionEn} ${tail.en}` },
      topFeatures: shown, score: null,
    };
  });
}

type Top = readonly { readonly name: string; readonly z: number }[];

function descriptiveName(top: Top, averageBelow: number, labels: Readonly<Record<string, FeatureLabel>> | undefined, levels: ReadonlySet<string>) {
  if (top.length === 0 || Math.abs(top[0]!.z) < averageBelow) {
    return {
      code: 'average_profile', zh: '均衡普通型', en: 'Average profile',
      descriptionZh: '各项行为特征接近全体客户平均水平。', descriptionEn: 'Close to the client average on every behaviour feature.',
    };
  }
  // A near-average second feature would only add noise to the name.
  const parts = top.slice(0, 2).filter((t) => Math.abs(t.z) >= averageBelow)
    .map((t) => ({ t, label: featureLabel(t.name, labels), high: t.z >= 0, level: levels.has(t.name) }));
  return {
    code: `profile_${parts.map((p) => (p.level ? p.t.name : `${p.t.name}_${p.high ? 'high' : 'low'}`)).join('_')}`,
    // A level is in a name only where the segment holds it more than average: "more has_pension=yes",
    // one phrase (not "has_pension=yes", which would claim every member holds it).
    zh: parts.map((p) => (p.level ? `${p.label.zh} 多` : `${p.high ? '高' : '低'} ${p.label.zh}`)).join(' · '),
    en: parts.map((p) => (p.level ? `more ${p.label.en}` : `${p.high ? 'high' : 'low'} ${lowerFirst(p.label.en)}`)).join(' · '),
    descriptionZh: '不符合任何既定客群画像，按最显著的特征命名。',
    descriptionEn: 'Fits none of the domain segments; named after its most distinctive features.',
  };
}

function distinctive(top: Top, labels?: Readonly<Record<string, FeatureLabel>>): { zh: string; en: string } {
  if (top.length === 0) return { zh: '', en: '' };
  const fmt = (z: number) => `${z >= 0 ? '+' : '-'}${Math.abs(z).toFixed(1)}`;
  return {
    zh: `最显著特征：${top.map((t) => `${featureLabel(t.name, labels).zh} ${fmt(t.z)}σ`).join('、')}。`,
    en: `Most distinctive: ${top.map((t) => `${lowerFirst(featureLabel(t.name, labels).en)} ${fmt(t.z)} sd`).join(', ')}.`,
  };
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
