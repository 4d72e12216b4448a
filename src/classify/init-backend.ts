import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';

/** What a caller may ask for; 'auto' picks the fastest backend that is installed. */
export type BackendPreference = 'auto' | 'wasm' | 'node' | 'cpu';
/** The tfjs backend actually in use: 'tensorflow' is the one @tensorflow/tfjs-node registers. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

// The tfjs backend is process-global, so the choice is too; a run never switches it midway.
let pending: Promise<BackendName> | undefined;
let current: BackendName | undefined;

/**
 * Picks and initialises the tfjs backend once per process (or worker thread) and returns its name.
 * 'auto' uses @tensorflow/tfjs-node when the user installed it, else the wasm backend, else cpu.
 * A later call with 'auto' (or the same preference) returns the same backend; asking for a
 * different one after the choice is a config error, because weights are reproducible per backend.
 *
 * @example
 * const backend = await initBackend('auto', log); // 'wasm' on a machine without tfjs-node
 */
export async function initBackend(preference: BackendPreference = 'auto', log: Logger = silentLogger()): Promise<BackendName> {
  if (!pending) {
    pending = choose(preference, log);
    pending.catch(() => { pending = undefined; });
  }
  const name = await pending;
  current = name;
  if (preference !== 'auto' && backendFor(preference) !== name) {
    throw new PipelineError('config_invalid',
      `the tfjs backend is already '${name}' in this process; ask for '${preference}' in a new process or use 'auto'`,
      { current: name, requested: preference });
  }
  return name;
}

/** The backend chosen so far, or undefined before `initBackend` finished. */
export function currentBackend(): BackendName | undefined {
  return current;
}

function backendFor(preference: Exclude<BackendPreference, 'auto'>): BackendName {
  return preference === 'node' ? 'tensorflow' : preference;
}

async function choose(preference: BackendPreference, log: Logger): Promise<BackendName> {
  // tfjs prints a "use tfjs-node" banner through console.warn on the cpu backend; logs go through pino.
  tf.env().set('PROD', true);
  if (preference === 'node' || preference === 'auto') {
    if (await tryNode(log)) return use('tensorflow', preference, log);
    if (preference === 'node') {
      throw new PipelineError('config_invalid',
        "backend 'node' needs @tensorflow/tfjs-node installed; install it or choose backend 'wasm'", {});
    }
  }
  if (preference === 'wasm' || preference === 'auto') {
    if (await tryWasm(log)) return use('wasm', preference, log);
    if (preference === 'wasm') {
      throw new PipelineError('stage_failed',
        "the tfjs wasm backend failed to start; reinstall @tensorflow/tfjs-backend-wasm or choose backend 'cpu'", {});
    }
  }
  if (!(await tf.setBackend('cpu'))) {
    throw new PipelineError('stage_failed', 'the tfjs cpu backend failed to start; reinstall @tensorflow/tfjs', {});
  }
  return use('cpu', preference, log);
}

function use(name: BackendName, preference: BackendPreference, log: Logger): BackendName {
  log.info({ code: 'tf_backend', backend: name, preference }, `tfjs backend: ${name}`);
  return name;
}

async function tryNode(log: Logger): Promise<boolean> {
  // The package name is a variable so bundlers and tsc never try to resolve an optional package.
  const pkg = '@tensorflow/tfjs-node';
  try {
    const mod: unknown = await import(pkg);
    // danfojs' npm override maps this name onto plain @tensorflow/tfjs, which imports fine but
    // registers no 'tensorflow' backend; only the real package does.
    if (!hasNodeVersion(mod) || tf.findBackendFactory('tensorflow') === null) {
      log.debug({ code: 'tf_node_absent' }, '@tensorflow/tfjs-node resolves to plain tfjs; not using it');
      return false;
    }
    return await tf.setBackend('tensorflow');
  } catch (err) {
    log.debug({ code: 'tf_node_absent', err }, '@tensorflow/tfjs-node is not installed');
    return false;
  }
}

function hasNodeVersion(mod: unknown): boolean {
  const m = mod as { version?: Record<string, unknown>; default?: { version?: Record<string, unknown> } };
  const version = m.version ?? m.default?.version;
  return version !== undefined && 'tfjs-node' in version;
}

async function tryWasm(log: Logger): Promise<boolean> {
  try {
    // Point the loader at the package's own dist folder: the default guess depends on how the
    // module was loaded (bundled, worker thread, test runner), the package path does not.
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(dist + path.sep);
    return await tf.setBackend('wasm');
  } catch (err) {
    log.warn({ code: 'tf_wasm_failed', err }, 'the tfjs wasm backend failed to start; falling back to cpu');
    return false;
  }
}
