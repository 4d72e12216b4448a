import { z } from 'zod';
import { BuildInfoSchema } from './build-info.js';

export const BUNDLE_SCHEMA_VERSION = 1;

/** sha256 of every file in the bundle except the manifest itself, by file name. */
export const FileHashesSchema = z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/));

/**
 * A bundle's manifest. `createdAt` is not the wall clock (bundles are byte-reproducible): it is
 * SOURCE_DATE_EPOCH when set, as in reproducible builds, and the training as-of date otherwise.
 */
export const ManifestSchema = z.strictObject({
  bundleSchemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
  name: z.string(),
  createdAt: z.string(),
  seed: z.union([z.number(), z.string()]),
  asOf: z.string().nullable(),
  backend: z.string(),
  featureCatalogueVersion: z.string(),
  features: z.array(z.string()),
  labelSets: z.record(z.string(), z.array(z.string())),
  inputFingerprints: z.record(z.string(), z.string()),
  packageVersions: z.record(z.string(), z.string()),
  /** clientseg version, source commit (when the build named it) and Node major; absent from bundles written before it. */
  build: BuildInfoSchema.optional(),
  /**
   * The clients the reported figures were measured on (held out of the measured fit), listed in
   * the bundle file named here; absent from bundles written before it and when nothing was held out.
   */
  heldOut: z.strictObject({
    file: z.string(),
    /** Held-out clients per model (risk or the table's target, needs). */
    counts: z.record(z.string(), z.int().nonnegative()),
  }).optional(),
  params: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
  files: FileHashesSchema,
});
export type Manifest = z.infer<typeof ManifestSchema>;
