import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp } from '../../src/classify/build-mlp.js';
import { checkRows, rowsToFloat32 } from '../../src/classify/feature-rows.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { reasonCodes } from '../../src/classify/reason-codes.js';
import { stratifiedSplit } from '../../src/classify/stratified-split.js';
import { decodeWeights, encodeWeights } from '../../src/classify/weights-codec.js';
import { Rng } from '../../src/core/rng.js';

beforeAll(async () => { await initBackend('auto'); });

describe('stratifiedSplit', () => {
  it('holds out the fraction of every class, skips unlabelled rows, and repeats for a seed', () => {
    const strata = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1, 2]);
    const a = stratifiedSplit(strata, 0.4, new Rng(3));
    expect(a.train.length + a.validation.length).toBe(11);
    expect([...a.validation].map((i) => strata[i]).sort()).toStrictEqual([0, 0, 1, 1]);
    expect([...a.train, ...a.validation]).not.toContain(10);
    expect([...a.train]).toContain(11); // a class of one stays in training
    expect(stratifiedSplit(strata, 0.4, new Rng(3))).toStrictEqual(a);
  });
});

describe('weights codec', () => {
  it('writes little-endian float32 in layer order and reads it back', () => {
    const model = buildMlp({ inputs: 2, hiddenUnits: [1], activation: 'tanh', outputs: 1, l2: 0 }, [1, 2]);
    try {
      model.setWeights([tf.tensor2d([[1], [-2]]), tf.tensor1d([0.5]), tf.tensor2d([[3]]), tf.tensor1d([0])]);
      const { bytes, shapes } = encodeWeights(model);
      expect(shapes).toStrictEqual([[2, 1], [1], [1, 1], [1]]);
      // 1.0 = 0x3f800000, -2.0 = 0xc0000000, 0.5 = 0x3f000000, 3.0 = 0x40400000
      expect([...bytes]).toStrictEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0, 0x3f, 0, 0, 0x40, 0x40, 0, 0, 0, 0]);
      const other = buildMlp({ inputs: 2, hiddenUnits: [1], activation: 'tanh', outputs: 1, l2: 0 }, [7, 8]);
      decodeWeights(other, bytes, shapes);
      expect(encodeWeights(other).bytes).toStrictEqual(bytes);
      expect(() => decodeWeights(other, bytes.subarray(4), shapes)).toThrow(expect.objectContaining({ code: 'model_incompatible' }));
      other.dispose();
    } finally {
      model.dispose();
    }
  });
});

describe('feature rows', () => {
  it('reads non-finite values as 0 and checks the shape', () => {
    const x = { names: ['a', 'b'], rows: 2, cols: 2, values: Float64Array.from([1, Number.NaN, Number.POSITIVE_INFINITY, 4]) };
    expect([...rowsToFloat32(x, 0, 2)]).toStrictEqual([1, 0, 0, 4]);
    expect([...rowsToFloat32(x, 0, 1, Uint32Array.from([1]))]).toStrictEqual([0, 4]);
    expect(() => checkRows({ ...x, rows: 3 })).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    expect(() => checkRows(x, ['a', 'c'])).toThrow(expect.objectContaining({ code: 'model_incompatible' }));
  });
});

describe('reasonCodes', () => {
  it('names features with the direction of their push, strongest first, stopping at empty slots', () => {
    const attr = { rows: 2, top: 2, feature: Int32Array.from([1, 0, 2, -1]), value: Float32Array.from([-0.5, 0.25, 0.1, 0]) };
    expect(reasonCodes(attr, ['age', 'turnover', 'tenure'], 'risk')).toStrictEqual([['risk_turnover_down', 'risk_age_up'], ['risk_tenure_up']]);
  });
});
