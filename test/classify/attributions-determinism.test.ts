import { describe, expect, it } from 'vitest';
import { fitRiskClassifier } from '../../src/classify/fit-risk-classifier.js';
import { Rng } from '../../src/core/rng.js';
import { gaussianRows } from './generate.js';

describe('attributions on a planted example', () => {
  it('name the one feature that decides the label, with the right direction', async () => {
    const x = gaussianRows(1500, 6, 'planted');
    const y = Int32Array.from({ length: 1500 }, (_, i) => (x.values[i * 6]! > 0 ? 1 : 0));
    const clf = await fitRiskClassifier(x, y, ['low', 'high'], { maxEpochs: 40 }, new Rng('planted'));
    try {
      const codes = clf.reasonCodes(x);
      const clear = Array.from({ length: 1500 }, (_, i) => i).filter((i) => Math.abs(x.values[i * 6]!) > 0.5);
      const led = clear.filter((i) => codes[i]![0] === 'risk_f0_up');
      expect(led.length).toBeGreaterThan(clear.length * 0.9);
      const attr = clf.attributions(x, 2);
      expect(attr.top).toBe(2);
      expect(attr.feature.length).toBe(3000);
    } finally {
      clf.dispose();
    }
  });
});

describe('determinism on wasm', () => {
  const x = gaussianRows(800, 6, 'det');
  const y = Int32Array.from({ length: 800 }, (_, i) => (x.values[i * 6]! + x.values[i * 6 + 1]! > 0.3 ? 2 : x.values[i * 6]! < -0.5 ? 0 : 1));
  const params = { maxEpochs: 8, batchSize: 64 };

  it('gives byte-identical weights and the same spec for the same data and seed', async () => {
    const a = await fitRiskClassifier(x, y, ['c', 'b', 'a'], params, new Rng('same'));
    const b = await fitRiskClassifier(x, y, ['c', 'b', 'a'], params, new Rng('same'));
    const c = await fitRiskClassifier(x, y, ['c', 'b', 'a'], params, new Rng('other'));
    try {
      const [ra, rb, rc] = [a.toArtifact(), b.toArtifact(), c.toArtifact()];
      expect(rb.weights).toStrictEqual(ra.weights);
      expect(JSON.stringify(rb.spec)).toBe(JSON.stringify(ra.spec));
      expect(rc.weights).not.toStrictEqual(ra.weights);
    } finally {
      a.dispose(); b.dispose(); c.dispose();
    }
  });
});
