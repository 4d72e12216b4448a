import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { currentBackend, initBackend } from '../../src/classify/init-backend.js';

function sink(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); cb(); } });
  return { stream, lines };
}

describe('initBackend', () => {
  it("refuses 'node' when @tensorflow/tfjs-node is only danfojs' alias of plain tfjs", async () => {
    await expect(initBackend('node')).rejects.toMatchObject({ code: 'config_invalid' });
    expect(currentBackend()).toBeUndefined();
  });

  it("picks wasm for 'auto', logs it, and keeps it", async () => {
    const { stream, lines } = sink();
    const log = pino({ base: null, timestamp: false }, stream);
    expect(await initBackend('auto', log)).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines.find((l) => l.code === 'tf_backend')).toMatchObject({ backend: 'wasm', preference: 'auto' });
    expect(await initBackend('auto')).toBe('wasm');
    expect(await initBackend('wasm')).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
  });

  it('never switches backend mid-run', async () => {
    await expect(initBackend('cpu')).rejects.toMatchObject({ code: 'config_invalid', details: { current: 'wasm', requested: 'cpu' } });
    expect(tf.getBackend()).toBe('wasm');
  });
});
