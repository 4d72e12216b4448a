import * as tf from '@tensorflow/tfjs';

/** The architecture of a clientseg network: dense hidden layers and a linear (logit) output. */
export interface MlpSpec {
  readonly inputs: number;
  readonly hiddenUnits: readonly number[];
  readonly activation: 'relu' | 'tanh' | 'elu';
  readonly outputs: number;
  readonly l2: number;
}

/**
 * Builds the network with every initializer seeded from `seeds` (one per layer), so the starting
 * weights depend only on the run seed. Outputs are logits: softmax/sigmoid and calibration are
 * applied outside, which keeps temperature scaling and gradient attributions simple.
 *
 * @example
 * const model = buildMlp({ inputs: 12, hiddenUnits: [32, 16], activation: 'relu', outputs: 3, l2: 1e-4 }, [1, 2, 3]);
 */
export function buildMlp(spec: MlpSpec, seeds: readonly number[]): tf.Sequential {
  const model = tf.sequential();
  const layers = [...spec.hiddenUnits, spec.outputs];
  layers.forEach((units, i) => {
    const hidden = i < spec.hiddenUnits.length;
    model.add(tf.layers.dense({
      units,
      activation: hidden ? spec.activation : 'linear',
      ...(i === 0 ? { inputShape: [spec.inputs] } : {}),
      kernelInitializer: hidden && spec.activation !== 'tanh'
        ? tf.initializers.heNormal({ seed: seeds[i] ?? i })
        : tf.initializers.glorotUniform({ seed: seeds[i] ?? i }),
      biasInitializer: 'zeros',
      ...(spec.l2 > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2: spec.l2 }) } : {}),
    }));
  });
  return model;
}

/** Units per hidden layer of a built network (every layer but the output). */
export function hiddenOf(model: tf.LayersModel): number[] {
  return model.layers.slice(0, -1).map((l) => l.getWeights()[1]!.shape[0]!);
}
