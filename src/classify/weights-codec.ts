import * as tf from '@tensorflow/tfjs';
import { PipelineError } from '../core/errors.js';

/**
 * The model's weights as little-endian float32, concatenated in `getWeights()` order (layer by
 * layer, kernel then bias), with their shapes. Written by hand so the bytes depend only on the
 * values, never on tfjs' file IO or layer names.
 *
 * @example
 * const { bytes, shapes } = encodeWeights(model);
 */
export function encodeWeights(model: tf.LayersModel): { bytes: Uint8Array; shapes: number[][] } {
  const weights = model.getWeights();
  const shapes = weights.map((w) => [...w.shape]);
  const total = weights.reduce((s, w) => s + w.size, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const w of weights) {
    const data = w.dataSync();
    for (let i = 0; i < data.length; i++, offset += 4) view.setFloat32(offset, data[i]!, true);
  }
  return { bytes, shapes };
}

/** Loads weights written by `encodeWeights` into a model of the same architecture. */
export function decodeWeights(model: tf.LayersModel, bytes: Uint8Array, shapes: readonly (readonly number[])[]): void {
  const expected = model.getWeights().map((w) => w.shape);
  const sameShapes = expected.length === shapes.length && expected.every((s, i) => s.length === shapes[i]!.length && s.every((d, j) => d === shapes[i]![j]));
  const total = shapes.reduce((s, shape) => s + shape.reduce((p, d) => p * d, 1), 0);
  if (!sameShapes || bytes.length !== total * 4) {
    throw new PipelineError('model_incompatible',
      'the weight file does not fit the model spec; the bundle is damaged or mixed: rebuild it with `train`',
      { bytes: bytes.length, expectedBytes: total * 4 });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const tensors = shapes.map((shape) => {
    const size = shape.reduce((p, d) => p * d, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++, offset += 4) data[i] = view.getFloat32(offset, true);
    return tf.tensor(data, [...shape]);
  });
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}
