import { initBackend } from '../classify/init-backend.js';
import type { Logger } from '../core/logger.js';
import { loadModel, type LoadedModel } from '../jobs/load-model.js';

/**
 * Keeps the last verified bundle a worker loaded: the shards of one run share a model, and
 * loading (hash checks, weights, backend start) costs more than scoring a small shard.
 */
export class ModelCache {
  private dir: string | undefined;
  private model: LoadedModel | undefined;

  constructor(private readonly log: Logger) {}

  async get(dir: string): Promise<LoadedModel> {
    if (this.model !== undefined && this.dir === dir) return this.model;
    this.dispose();
    await initBackend('auto', this.log);
    this.model = await loadModel(dir);
    this.dir = dir;
    return this.model;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
    this.dir = undefined;
  }
}
