import { setFlagsFromString } from 'node:v8';

/** Old-generation growth between full collections, in percent: the limit becomes (1 + p/100) × live. */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Lets V8's old generation double between full collections instead of following its dynamic
 * factor. Scoring holds a large heap (a million client ids and their table) and allocates almost
 * nothing on it; V8 then picked a factor of about 1.2 and re-marked the whole heap every ~200 ms:
 * 49 full collections and about a quarter of the CPU of a 1M-client score, and with two scoring
 * threads the markers took the second core from the workers. Doubling: 17 collections, 9.3
 * instead of 13.7 µs of CPU a client on one thread (docs/decisions.md). The flag is process-wide,
 * so worker threads started afterwards get it too; V8 reads it each time it sets a limit.
 *
 * @example
 * growHeapInLargeSteps(); // first thing in the CLI and in every benchmark child
 */
export function growHeapInLargeSteps(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
