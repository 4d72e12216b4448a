import * as tf from '@tensorflow/tfjs';
import { PipelineError } from '../core/errors.js';
import { buildMlp } from './build-mlp.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows } from './feature-rows.js';
import { DenseNetwork, type TopAttributions } from './dense-network.js';
import { everyLayerModel, forwardPass, type NetworkPass } from './forward-pass.js';
import { initBackend } from './init-backend.js';
import type { ModelArtifact, NeedsSpec } from './model-artifact.js';
import { NeedsSpecSchema, parseSpec } from './model-artifact.js';
import { predictLogits } from './predict-logits.js';
import { QuantileEncoding } from './quantile-encoding.js';
import { reasonCodes } from './reason-codes.js';
import { decodeWeights, encodeWeights } from './weights-codec.js';

/**
 * A fitted multi-label needs model: one calibrated propensity per need and client, each
 * p = sigmoid(a_k · logit_k + b_k) with (a_k, b_k) fitted on held-out rows.
 *
 * @example
 * const needs = await fitNeedsModel(rows, multiHot, ['education', 'retirement'], {}, rng);
 * const p = needs.predictProba(rows); // Float32Array rows × 2
 */
export class NeedsModel {
  private network: DenseNetwork | undefined;
  private layers: tf.LayersModel | undefined;
  private readonly encoding: QuantileEncoding | undefined;

  /** Wraps a trained network; use fitNeedsModel or NeedsModel.fromArtifact. */
  constructor(private readonly model: tf.LayersModel, readonly spec: NeedsSpec) {
    this.encoding = spec.encoding ? QuantileEncoding.fromJSON(spec.encoding) : undefined;
  }

  get needs(): readonly string[] { return this.spec.needs; }

  /** Uncalibrated network logits, rows × needs. */
  predictLogits(x: FeatureRows): Float32Array {
    return predictLogits(this.model, this.encode(x), this.spec.needs.length);
  }

  /** The network's forward pass with its hidden activations, for probaOf and explainWhere together. */
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

  /** Calibrated propensities, rows × needs, row-major. */
  predictProba(x: FeatureRows): Float32Array {
    return this.calibrate(this.predictLogits(x));
  }

  /** predictProba from a forward pass already made; the pass is left as it was. */
  probaOf(pass: NetworkPass): Float32Array {
    return this.calibrate(pass.logits.slice());
  }

  /** Turns logits into calibrated propensities in place. */
  private calibrate(z: Float32Array): Float32Array {
    const k = this.spec.needs.length;
    for (let i = 0; i < z.length; i++) {
      const { a, b } = this.spec.platt[i % k]!;
      z[i] = 1 / (1 + Math.exp(-(a * z[i]! + b)));
    }
    return z;
  }

  /** Gradient × input toward one need's logit, for every row. */
  attributions(x: FeatureRows, need: string, top = 4): TopAttributions {
    const k = this.needIndex(need);
    const pass = this.forward(x);
    this.network ??= DenseNetwork.fromModel(this.model, this.spec.activation);
    return this.network.attributions(pass.input ?? x, pass, (_i, _z, g) => { g.fill(0); g[k] = 1; return true; }, top);
  }

  /**
   * Reason codes for every (row, need) that `wanted` selects, one forward pass per row: per row,
   * the selected needs in need order, up to `top` codes each (`need_<need>_<feature>_up|down`).
   */
  reasonCodesWhere(x: FeatureRows, wanted: (row: number, need: number) => boolean, top = 4): string[][] {
    const names = this.spec.featureNames;
    const up = this.spec.needs.map((n) => names.map((f) => `need_${n}_${f}_up`));
    const down = this.spec.needs.map((n) => names.map((f) => `need_${n}_${f}_down`));
    const out: string[][] = Array.from({ length: x.rows }, () => []);
    this.explainWhere(x, wanted, (row, need, features, values, count) => {
      for (let r = 0; r < count; r++) out[row]!.push(values[r]! > 0 ? up[need]![features[r]!]! : down[need]![features[r]!]!);
    }, top);
    return out;
  }

  /**
   * reasonCodesWhere without strings: `emit` gets each selected (row, need), in row then need
   * order, with its strongest feature columns and their signed attributions (> 0: `_up`).
   * `pass` is forward(x) when the caller has made it already.
   */
  explainWhere(
    x: FeatureRows,
    wanted: (row: number, need: number) => boolean,
    emit: (row: number, need: number, features: Int32Array, values: Float64Array, count: number) => void,
    top = 4,
    pass: NetworkPass = this.forward(x),
  ): void {
    this.network ??= DenseNetwork.fromModel(this.model, this.spec.activation);
    this.network.explainOutputs(pass.input ?? this.encode(x), pass, wanted, emit, top);
  }

  /** Up to `top` reason codes per row for one need (`need_<need>_<feature>_up|down`). */
  reasonCodes(x: FeatureRows, need: string, top = 4): string[][] {
    return reasonCodes(this.attributions(x, need, top), this.spec.featureNames, `need_${need}`);
  }

  /** The spec as JSON plus the weights as little-endian float32; same model → same bytes. */
  toArtifact(): ModelArtifact<NeedsSpec> {
    return { spec: structuredClone(this.spec), weights: encodeWeights(this.model).bytes };
  }

  /** Rebuilds a needs model from `toArtifact()` output. */
  static async fromArtifact(artifact: { spec: unknown; weights: Uint8Array }): Promise<NeedsModel> {
    await initBackend('auto');
    const spec = parseSpec(NeedsSpecSchema, artifact.spec, 'needs model');
    const model = buildMlp({
      inputs: spec.featureNames.length, hiddenUnits: spec.hiddenUnits, activation: spec.activation,
      outputs: spec.needs.length, l2: 0,
    }, []);
    try {
      decodeWeights(model, artifact.weights, spec.weightShapes);
    } catch (err) {
      model.dispose();
      throw err;
    }
    return new NeedsModel(model, spec);
  }

  /** Frees the network's tensors; the model is unusable afterwards. */
  dispose(): void {
    // The every-layer view holds no tensors of its own: the model's dispose frees them all.
    this.network?.dispose();
    this.model.dispose();
  }

  private needIndex(need: string): number {
    const k = this.spec.needs.indexOf(need);
    if (k < 0) {
      throw new PipelineError('config_invalid', `the needs model has no need '${need}'; use one of ${this.spec.needs.join(', ')}`,
        { need, needs: this.spec.needs });
    }
    return k;
  }
}
