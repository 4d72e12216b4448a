/**
 * Up to `limit` writes running at once, started in order. A failure is reported only once every
 * other write has settled, so whoever handles it (failing the run, discarding its rows) never
 * races a write still on its way.
 *
 * @example
 * const writes = new WritesInFlight(2);
 * try { for (const b of batches) await writes.add(() => store.writeScores(runId, b, now())); await writes.drain(); }
 * catch (err) { await writes.settle(); throw err; }
 */
export class WritesInFlight {
  private readonly running: Promise<void>[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`WritesInFlight needs a limit of at least 1, not ${limit}`);
  }

  /** Starts `write` once fewer than `limit` run; throws the first failure of an earlier write. */
  async add(write: () => Promise<void>): Promise<void> {
    while (this.running.length >= this.limit) await this.finishOldest();
    const started = write();
    // Handled where it is awaited (finishOldest); this keeps Node from calling it unhandled meanwhile.
    started.catch(() => undefined);
    this.running.push(started);
  }

  /** Waits for every write; throws the first failure, after all have settled. */
  async drain(): Promise<void> {
    while (this.running.length > 0) await this.finishOldest();
  }

  /** Waits for every write, failed or not, and reports nothing: for an error path. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.running.splice(0));
  }

  private async finishOldest(): Promise<void> {
    const oldest = this.running.shift()!;
    try {
      await oldest;
    } catch (err) {
      await this.settle();
      throw err;
    }
  }
}
