import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'ml-kmeans', 'zod'];

/** Versions of the packages whose behaviour a bundle depends on, for its manifest. */
export function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      let dir = path.dirname(require.resolve(name));
      const suffix = path.join('node_modules', ...name.split('/'));
      while (!dir.endsWith(suffix) && dir !== path.dirname(dir)) dir = path.dirname(dir);
      versions[name] = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}
