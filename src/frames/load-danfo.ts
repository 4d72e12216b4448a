import { PipelineError } from '../core/errors.js';

/** danfojs-node's module: loaded only by the frame functions, never on a CLI or scoring path. */
export type Danfo = typeof import('danfojs-node');

let loading: Promise<Danfo> | undefined;

/**
 * Imports danfojs-node on first use. It pulls in tfjs and holds every value as a JS object, so
 * nothing else in clientseg imports it (DESIGN.md "Runtime choices"); a missing install is a clear error.
 *
 * @example
 * const { DataFrame } = await loadDanfo();
 */
export function loadDanfo(): Promise<Danfo> {
  loading ??= import('danfojs-node').then((danfo) => {
    // Without PROD, tfjs's cpu backend prints a "use tfjs-node" banner through console.warn.
    danfo.tensorflow.env().set('PROD', true);
    return danfo;
  }, (err: unknown) => {
    loading = undefined;
    throw new PipelineError('config_invalid', 'the DataFrame functions need danfojs-node 1.1.2 installed (see DESIGN.md: npm overrides map its @tensorflow/tfjs-node onto @tensorflow/tfjs)', {}, { cause: err });
  });
  return loading;
}
