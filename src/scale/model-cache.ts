import { initBackend } from '../classify/init-backend.js';
import type { Logger } from '../core/logger.js';
import { loadModel, type LoadedModel } from '../jobs/load-model.js';

interface Entry {
  readonly model: Promise<LoadedModel>;
  users: number;
}

/**
 * The verified bundles a worker holds: the shards of one run share a model, and loading (hash
 * checks, weights, backend start) costs more than scoring a small shard. A bundle stays loaded
 * while a shard uses it (several may, with --concurrency above 1) and, once idle, until a shard
 * of another run needs a bundle.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private latest: string | undefined;

  constructor(private readonly log: Logger) {}

  /** The bundle in `dir`, loaded once; give it back with release(dir) when the shard is done. */
  async acquire(dir: string): Promise<LoadedModel> {
    let entry = this.entries.get(dir);
    if (entry === undefined) {
      entry = { model: initBackend('auto', this.log).then(() => loadModel(dir)), users: 0 };
      this.entries.set(dir, entry);
    }
    entry.users++;
    this.latest = dir;
    this.evictIdle();
    try {
      return await entry.model;
    } catch (err) {
      entry.users--;
      if (this.entries.get(dir) === entry) this.entries.delete(dir);
      throw err;
    }
  }

  release(dir: string): void {
    const entry = this.entries.get(dir);
    if (entry !== undefined) entry.users--;
    this.evictIdle();
  }

  /** Disposes every bundle (call when no shard is in hand). */
  dispose(): void {
    for (const [dir, entry] of this.entries) {
      this.entries.delete(dir);
      void entry.model.then((m) => m.dispose(), () => undefined);
    }
  }

  private evictIdle(): void {
    for (const [dir, entry] of this.entries) {
      if (entry.users > 0 || dir === this.latest) continue;
      this.entries.delete(dir);
      void entry.model.then((m) => m.dispose(), () => undefined);
    }
  }
}
