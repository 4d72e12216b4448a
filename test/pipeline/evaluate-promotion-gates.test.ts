import { describe, expect, it } from 'vitest';
import { evaluatePromotionGates, metricValue } from '../../src/pipeline/evaluate-promotion-gates.js';

const champion = { risk: { macroF1: 0.70, ece: 0.03 }, needs: { education: { auc: 0.9 }, growth: { auc: 0.8 } }, segments: { silhouette: 0.3 } };

describe('metricValue', () => {
  it('follows dotted paths and averages the needs AUCs', () => {
    expect(metricValue(champion, 'risk.macroF1')).toBe(0.7);
    expect(metricValue(champion, 'needs.meanAuc')).toBeCloseTo(0.85, 12);
    expect(metricValue(champion, 'risk.missing')).toBeUndefined();
    expect(metricValue(champion, 'risk')).toBeUndefined();
    expect(metricValue({}, 'needs.meanAuc')).toBeUndefined();
    expect(metricValue({ needs: { a: { auc: null } } }, 'needs.meanAuc')).toBeUndefined();
  });
});

describe('evaluatePromotionGates', () => {
  it('passes a challenger within the allowed regression and above the threshold', () => {
    const [g] = evaluatePromotionGates([{ metric: 'risk.macroF1', better: 'higher', threshold: 0.5, maxRegression: 0.02 }], { risk: { macroF1: 0.68 } }, champion);
    expect(g).toMatchObject({ passed: true, challenger: 0.68, champion: 0.7, reason: '' });
  });

  it('fails a challenger that regresses too far, or misses the threshold, and says why', () => {
    const gates = evaluatePromotionGates([
      { metric: 'risk.macroF1', better: 'higher', maxRegression: 0.02 },
      { metric: 'risk.ece', better: 'lower', threshold: 0.05 },
      { metric: 'risk.ece', better: 'lower', maxRegression: 0.01 },
      { metric: 'segments.silhouette', better: 'higher', threshold: 0.2 },
    ], { risk: { macroF1: 0.6799, ece: 0.06 } }, champion);
    expect(gates.map((g) => g.passed)).toEqual([false, false, false, false]);
    expect(gates[0]!.reason).toMatch(/worse than the champion's 0.7000 by more than 0.0200/);
    expect(gates[1]!.reason).toMatch(/above the threshold 0.0500/);
    expect(gates[3]!.reason).toMatch(/has no segments.silhouette/);
  });

  it('judges by the threshold alone when there is no champion value', () => {
    const gates = evaluatePromotionGates([{ metric: 'risk.macroF1', better: 'higher', threshold: 0.5, maxRegression: 0 }], { risk: { macroF1: 0.55 } }, undefined);
    expect(gates[0]).toMatchObject({ passed: true, champion: null });
  });

  it('says a challenger trained without labels has no risk or needs model, rather than a bare missing metric', () => {
    const unlabelled = { risk: null, needs: null, segments: { silhouette: 0.31 } };
    const gates = evaluatePromotionGates([
      { metric: 'risk.macroF1', better: 'higher', maxRegression: 0.02 },
      { metric: 'needs.meanAuc', better: 'higher', threshold: 0.7 },
      { metric: 'segments.silhouette', better: 'higher', threshold: 0.2 },
    ], unlabelled, champion);
    expect(gates.map((g) => g.passed)).toStrictEqual([false, false, true]);
    expect(gates[0]!.reason).toBe('the challenger has no risk model (trained without usable labels: risk_unlabelled), so risk.macroF1 cannot be checked: train on labelled data or drop this gate from the pipeline');
    expect(gates[1]!.reason).toContain('no needs model (no take-ups in its training horizon: needs_unlabelled)');
    // A champion without a risk model leaves the challenger's threshold alone to decide.
    const [g] = evaluatePromotionGates([{ metric: 'risk.macroF1', better: 'higher', threshold: 0.5, maxRegression: 0.02 }], { risk: { macroF1: 0.6 } }, unlabelled);
    expect(g).toMatchObject({ passed: true, champion: null, challenger: 0.6 });
  });
});
