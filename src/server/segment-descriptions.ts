import path from 'node:path';
import type { Bilingual } from '../report/bilingual.js';
import { readBundle } from '../registry/read-bundle.js';
import { SegmentModelJSONSchema } from '../segment/segment-model.js';

/** A segment as its model describes it, and whether training found it reliable (bootstrap Jaccard ≥ 0.6). */
export interface SegmentInfo {
  readonly description: Bilingual;
  readonly reliable: boolean;
}

/** Finds a run's behavioural segment in its model bundle, when the bundle is at hand. */
export type SegmentDescriber = (modelName: string, modelVersion: string, segment: number) => Promise<SegmentInfo | undefined>;

/**
 * Reads descriptions and reliability from `modelsDir/<name>/<version>/` (verified like any bundle load), once per
 * version. A run whose model is not there has none: the page says so rather than failing.
 */
export function segmentDescriber(modelsDir: string): SegmentDescriber {
  const cache = new Map<string, Promise<Map<number, SegmentInfo> | undefined>>();
  const load = async (name: string, version: string): Promise<Map<number, SegmentInfo> | undefined> => {
    if (!/^[\w.-]+$/.test(name) || !/^[\w.-]+$/.test(version)) return undefined;
    try {
      const bundle = await readBundle(path.join(modelsDir, name, version));
      const segments = SegmentModelJSONSchema.parse(bundle.json('segments.json'));
      return new Map(segments.names.map((n, i) => [segments.ids[i] ?? i, { description: n.description, reliable: segments.reliability?.[i]?.reliable !== false }]));
    } catch {
      return undefined;
    }
  };
  return async (name, version, segment) => {
    const key = `${name}/${version}`;
    let entry = cache.get(key);
    if (entry === undefined) { entry = load(name, version); cache.set(key, entry); }
    return (await entry)?.get(segment);
  };
}
