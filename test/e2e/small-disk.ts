import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A folder on a tmpfs of `kib` KiB: writing past that gives ENOSPC, as a full disk does. */
export interface SmallDisk {
  readonly dir: string;
  unmount(): void;
}

/**
 * Mounts a small tmpfs (needs root, as the test machines and CI run). A machine that cannot
 * mount one fails the test with the reason rather than skipping it.
 *
 * @example
 * const disk = mountSmallDisk(64); try { … } finally { disk.unmount(); }
 */
export function mountSmallDisk(kib: number): SmallDisk {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientseg-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot mount a ${kib} KiB tmpfs at ${dir} (the disk-full tests need root): ${(err as Error).message}`);
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
