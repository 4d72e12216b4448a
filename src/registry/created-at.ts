/**
 * A bundle's `createdAt` without the wall clock (bundles are byte-reproducible): SOURCE_DATE_EPOCH
 * when set, as reproducible builds do, else the as-of date, else 'unspecified'.
 */
export function bundleCreatedAt(asOf: string | undefined): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch) return new Date(Number(epoch) * 1000).toISOString();
  return asOf ?? 'unspecified';
}
