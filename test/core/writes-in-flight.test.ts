import { describe, expect, it } from 'vitest';
import { WritesInFlight } from '../../src/core/writes-in-flight.js';

/** A write that finishes (or fails) when the test says so. */
function controlled() {
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
  return { done, finish, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WritesInFlight', () => {
  it('runs at most `limit` writes at once, starting each when the oldest has finished', async () => {
    const writes = new WritesInFlight(2);
    const w = [controlled(), controlled(), controlled()];
    const started: number[] = [];
    await writes.add(() => { started.push(0); return w[0]!.done; });
    await writes.add(() => { started.push(1); return w[1]!.done; });
    const third = writes.add(() => { started.push(2); return w[2]!.done; });
    await tick();
    expect(started).toEqual([0, 1]);
    w[0]!.finish();
    await third;
    expect(started).toEqual([0, 1, 2]);
    w[1]!.finish();
    w[2]!.finish();
    await writes.drain();
  });

  it('reports a failure only once every other write has settled', async () => {
    const writes = new WritesInFlight(2);
    const first = controlled();
    const second = controlled();
    let secondSettled = false;
    await writes.add(() => first.done);
    await writes.add(() => second.done.finally(() => { secondSettled = true; }));
    const draining = writes.drain();
    first.fail(new Error('disk full'));
    await tick();
    // The first write failed, but the second still runs: the failure waits for it.
    expect(secondSettled).toBe(false);
    second.finish();
    await expect(draining).rejects.toThrow('disk full');
    expect(secondSettled).toBe(true);
    await writes.drain(); // nothing left
  });

  it('settles every write without reporting, for an error path', async () => {
    const writes = new WritesInFlight(3);
    const failing = controlled();
    await writes.add(() => failing.done);
    await writes.add(() => Promise.resolve());
    failing.fail(new Error('lost connection'));
    await expect(writes.settle()).resolves.toBeUndefined();
    await writes.drain();
  });

  it('refuses a limit below one', () => {
    expect(() => new WritesInFlight(0)).toThrow(RangeError);
  });
});
