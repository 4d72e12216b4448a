import { describe, expect, it } from 'vitest';
import { chooseThreshold, parseThresholdRule, thresholdRuleText } from '../../src/classify/decision-threshold.js';
import { precisionRecallCurve } from '../../src/monitor/precision-recall-curve.js';

// Eight validation rows, best first: + + − + − − + −  (4 positives).
const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
const y = [1, 1, 0, 1, 0, 0, 1, 0];

describe('decision thresholds', () => {
  it('reads the rule forms and refuses others with config_invalid', () => {
    expect(parseThresholdRule('f1')).toStrictEqual({ kind: 'f1' });
    expect(parseThresholdRule('precision=0.8')).toStrictEqual({ kind: 'precision', target: 0.8 });
    expect(parseThresholdRule(' Recall = .7 ')).toStrictEqual({ kind: 'recall', target: 0.7 });
    expect(parseThresholdRule('cost=5')).toStrictEqual({ kind: 'cost', ratio: 5 });
    expect(thresholdRuleText(parseThresholdRule('cost=2.5'))).toBe('cost=2.5');
    for (const bad of ['f2', 'precision', 'precision=1.5', 'recall=0', 'cost=0', 'f1=3', 'cost=-1', '']) {
      expect(() => parseThresholdRule(bad), bad).toThrow(expect.objectContaining({ code: 'config_invalid' }));
    }
  });

  it('best F1: top four rows (F1 0.75), halfway to the next probability', () => {
    // Cut after 2 rows: F1 = 4/6; after 4: 6/8; after 7: 8/11. Best is after row 4.
    const t = chooseThreshold(p, y, { kind: 'f1' }, 'yes');
    expect(t.value).toBeCloseTo(0.55, 12);
    expect(t.validation).toStrictEqual({ rows: 8, positives: 4, precision: 0.75, recall: 0.75, f1: 0.75, predictedShare: 0.5 });
    expect(t).toMatchObject({ rule: 'f1', positiveClass: 'yes', reached: true });
  });

  it('precision target: the most recall whose precision reaches it; an unreachable one falls back, flagged', () => {
    expect(chooseThreshold(p, y, { kind: 'precision', target: 0.75 }, 'yes').value).toBeCloseTo(0.55, 12);
    const strict = chooseThreshold(p, y, { kind: 'precision', target: 1 }, 'yes');
    expect(strict.value).toBeCloseTo(0.75, 12);
    expect(strict.validation.recall).toBe(0.5);
    const none = chooseThreshold([0.9, 0.1], [0, 1], { kind: 'precision', target: 0.9 }, 'yes');
    expect(none.reached).toBe(false);
    expect(none.validation.precision).toBe(0.5);
    expect(none.value).toBeCloseTo(0.05, 12);
  });

  it('recall target: the highest threshold that reaches it', () => {
    const t = chooseThreshold(p, y, { kind: 'recall', target: 1 }, 'yes');
    expect(t.value).toBeCloseTo(0.25, 12);
    expect(t.validation.predictedShare).toBe(7 / 8);
    expect(chooseThreshold(p, y, { kind: 'recall', target: 0.5 }, 'yes').value).toBeCloseTo(0.75, 12);
  });

  it('cost ratio: the least false alarms + ratio × misses', () => {
    // Cut after k rows → (fp, fn): 0:(0,4) 1:(0,3) 2:(0,2) 3:(1,2) 4:(1,1) 5:(2,1) 6:(3,1) 7:(3,0) 8:(4,0)
    expect(chooseThreshold(p, y, { kind: 'cost', ratio: 1 }, 'yes').value).toBeCloseTo(0.75, 12); // 0 + 2 ties 1 + 1: the higher cut
    expect(chooseThreshold(p, y, { kind: 'cost', ratio: 2 }, 'yes').value).toBeCloseTo(0.55, 12); // 1 + 2 ties 3 + 0, beats 0 + 4
    expect(chooseThreshold(p, y, { kind: 'cost', ratio: 5 }, 'yes').value).toBeCloseTo(0.25, 12); // 3 + 0 beats 1 + 5
  });

  it('ties enter together, so a tied positive and negative are never split', () => {
    const t = chooseThreshold([0.6, 0.6, 0.2], [1, 0, 0], { kind: 'f1' }, 'yes');
    expect(t.value).toBeCloseTo(0.4, 12);
    expect(t.validation.precision).toBe(0.5);
  });

  it('precision–recall curve and average precision by hand', () => {
    const c = precisionRecallCurve(p, y);
    // AP = 0.25·(1 + 1 + 3/4 + 4/7)
    expect(c.averagePrecision).toBeCloseTo(0.25 * (1 + 1 + 0.75 + 4 / 7), 12);
    expect(c.points).toHaveLength(8);
    expect(c.points[3]).toStrictEqual({ threshold: 0.6, precision: 0.75, recall: 0.75 });
    const thin = precisionRecallCurve(Array.from({ length: 1000 }, (_, i) => i / 1000), Array.from({ length: 1000 }, (_, i) => i % 2), 11);
    expect(thin.points).toHaveLength(11);
    expect(thin.points[10]!.recall).toBe(1);
    expect(thin.points[0]!.threshold).toBe(0.999);
  });
});
