import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (compiled code lives in dist/src/cli/), for bundled samples and models. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
