import * as tf from '@tensorflow/tfjs';
import { buildMlp } from './build-mlp.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows } from './feature-rows.js';
import { DenseNetwork, type TopAttributions } from './dense-network.js';
import { everyLayerModel, forwardPass, type NetworkPass } from './forward-pass.js';
import { initBackend } from './init-backend.js';
import type { ModelArtifact, RiskSpec } from './model-artifact.js';
import { parseSpec, RiskSpecSchema } from './model-artifact.js';
import { predictLogits } from './predict-logits.js';
import { QuantileEncoding } from './quantile-encoding.js';
import { reasonCodes } from './reason-codes.js';
import { decodeWeights, encodeWeights } from './weights-codec.js';

/**
 * A fitted risk-segment classifier. Probabilities are calibrated: the class-weighting shift is
 * taken out of the logits and a temperature fitted on held-out rows is applied, so p_<class>
 * estimates how often such a client declares that class. `predictClass` picks the most probable
 * class, so the class shown always agrees with the probabilities shown beside it; for a binary
 * target it picks the second class when its probability reaches `spec.threshold`.
 *
 * @example
 * const clf = await fitRiskClassifier(rows, labels, ['conservative', 'balanced', 'aggressive'], {}, rng);
 * const p = clf.predictProba(rows); // Float32Array rows × 3
 */
export class RiskClassifier {
  private readonly logWeights: Float32Array;
  private network: DenseNetwork | undefined;
  private layers: tf.LayersModel | undefined;
  private readonly encoding: QuantileEncoding | undefined;

  /** Wraps a trained network; use fitRiskClassifier or RiskClassifier.fromArtifact. */
  constructor(private readonly model: tf.LayersModel, readonly spec: RiskSpec) {
    this.logWeights = Float32Array.from(spec.classWeights, (w) => Math.log(w));
    this.encoding = spec.encoding ? QuantileEncoding.fromJSON(spec.encoding) : undefined;
  }

  get classes(): readonly string[] { return this.spec.classes; }

  /** Uncalibrated network logits, rows × classes. */
  predictLogits(x: FeatureRows): Float32Array {
    return predictLogits(this.model, this.encode(x), this.spec.classes.length);
  }

  /** The network's forward pass with its hidden activations, for probaOf and attributions together. */
  forward(x: FeatureRows): NetworkPass {
    const input = this.encode(x);
    this.layers ??= everyLayerModel(this.model);
    return { ...forwardPass(this.layers, input), input };
  }

  /** The rows as the network reads them: checked, then quantile-encoded. */
  private encode(x: FeatureRows): FeatureRows {
    checkRows(x, this.spec.featureNames);
    return this.encoding ? this.encoding.transform(x) : x;
  }

  /** Calibrated class probabilities, rows × classes, row-major. */
  predictProba(x: FeatureRows): Float32Array {
    return this.calibrate(this.predictLogits(x));
  }

  /** predictProba from a forward pass already made; the pass is left as it was. */
  probaOf(pass: NetworkPass): Float32Array {
    return this.calibrate(pass.logits.slice());
  }

  /** Calibrated probabilities from network logits (e.g. of validation rows); `logits` is left as it was. */
  probaFromLogits(logits: Float32Array): Float32Array {
    return this.calibrate(logits.slice());
  }

  /** Turns logits into calibrated probabilities in place. */
  private calibrate(z: Float32Array): Float32Array {
    const c = this.spec.classes.length;
    const t = this.spec.temperature;
    const rows = z.length / c;
    for (let i = 0; i < rows; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < c; k++) {
        const v = (z[i * c + k]! - this.logWeights[k]!) / t;
        z[i * c + k] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let k = 0; k < c; k++) { const e = Math.exp(z[i * c + k]! - max); z[i * c + k] = e; sum += e; }
      for (let k = 0; k < c; k++) z[i * c + k] = z[i * c + k]! / sum;
    }
    return z;
  }

  /** The predicted class index per row: the most probable calibrated class (binary targets: at the stored threshold). */
  predictClass(x: FeatureRows): Int32Array {
    return this.classesFrom(this.predictProba(x));
  }

  /** The class per row of probabilities already computed by predictProba: the most probable, or for a binary target the threshold's side. */
  classesFrom(proba: Float32Array): Int32Array {
    return this.decide(proba, proba.length / this.spec.classes.length);
  }

  /**
   * Gradient × input of each row's log-odds for its predicted class against the others. Log-odds,
   * not log-probability: the latter flattens for confident rows, where noise features then win.
   * The input is the encoded one (each feature's normal score, 0 at its training median), so a
   * reason says how far the client's rank on the feature moves the score from the median client's.
   */
  attributions(x: FeatureRows, top = 4, predicted?: Int32Array, pass: NetworkPass = this.forward(x)): TopAttributions {
    const c = this.spec.classes.length;
    const t = this.spec.temperature;
    const classOf = predicted ?? this.classesFrom(this.probaOf(pass));
    this.network ??= DenseNetwork.fromModel(this.model, this.spec.activation);
    const scaled = new Float64Array(c);
    // score = l_p − log Σ_{j≠p} exp(l_j), l = (z − log w) / T: d/dz_p = 1/T, d/dz_j = −softmax_{j≠p}(l)_j / T.
    return this.network.attributions(pass.input ?? this.encode(x), pass, (i, z, g) => {
      const p = classOf[i]!;
      let max = -Infinity;
      for (let j = 0; j < c; j++) { scaled[j] = (z[j]! - this.logWeights[j]!) / t; if (j !== p && scaled[j]! > max) max = scaled[j]!; }
      let sum = 0;
      for (let j = 0; j < c; j++) if (j !== p) sum += Math.exp(scaled[j]! - max);
      for (let j = 0; j < c; j++) g[j] = j === p ? 1 / t : -Math.exp(scaled[j]! - max) / sum / t;
      return true;
    }, top);
  }

  /** Up to `top` reason codes per row (`risk_<feature>_up|down`) for the predicted class. */
  reasonCodes(x: FeatureRows, top = 4, predicted?: Int32Array): string[][] {
    return reasonCodes(this.attributions(x, top, predicted), this.spec.featureNames, 'risk');
  }

  /** The spec as JSON plus the weights as little-endian float32; same model → same bytes. */
  toArtifact(): ModelArtifact<RiskSpec> {
    const { bytes } = encodeWeights(this.model);
    return { spec: structuredClone(this.spec), weights: bytes };
  }

  /** Rebuilds a classifier from `toArtifact()` output (e.g. read from a bundle). */
  static async fromArtifact(artifact: { spec: unknown; weights: Uint8Array }): Promise<RiskClassifier> {
    await initBackend('auto');
    const spec = parseSpec(RiskSpecSchema, artifact.spec, 'risk classifier');
    const model = buildMlp({
      inputs: spec.featureNames.length, hiddenUnits: spec.hiddenUnits, activation: spec.activation,
      outputs: spec.classes.length, l2: 0,
    }, []);
    try {
      decodeWeights(model, artifact.weights, spec.weightShapes);
    } catch (err) {
      model.dispose();
      throw err;
    }
    return new RiskClassifier(model, spec);
  }

  /** Frees the network's tensors; the classifier is unusable afterwards. */
  dispose(): void {
    // The every-layer view holds no tensors of its own: the model's dispose frees them all.
    this.network?.dispose();
    this.model.dispose();
  }

  // The class shown is the most probable one: an advisor reading "aggressive" beside a higher
  // p_balanced would rightly stop trusting the page. Class weights did their work in training.
  // A binary target is the exception: its class follows the threshold chosen on validation rows
  // (the report prints it), since at 0.5 a rare class is almost never predicted.
  private decide(p: Float32Array, n: number): Int32Array {
    const c = this.spec.classes.length;
    const out = new Int32Array(n);
    const threshold = c === 2 ? this.spec.threshold?.value : undefined;
    if (threshold !== undefined) {
      for (let i = 0; i < n; i++) out[i] = p[i * 2 + 1]! >= threshold ? 1 : 0;
      return out;
    }
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestV = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < c; k++) {
        const v = p[i * c + k]!;
        if (v > bestV) { bestV = v; best = k; }
      }
      out[i] = best;
    }
    return out;
  }
}
