import { z } from 'zod';
import { NEEDS } from '../core/contract.js';
import { BOOK_FLAGS, BOOK_SORTS, type BookFilter } from '../store/book-query.js';

export const PAGE_SIZES = [25, 50, 100, 200] as const;

const optionalText = z.string().trim().max(64).optional().transform((v) => (v === '' ? undefined : v));
const flagList = z.union([z.enum(BOOK_FLAGS), z.array(z.enum(BOOK_FLAGS))]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

/** The book's query string; anything unknown or malformed is a 400, never passed to SQL. */
export const BookParamsSchema = z.object({
  tier: z.enum(['A', 'B', 'C', '']).optional().transform((v) => v || undefined),
  stage: optionalText,
  segment: z.union([z.literal(''), z.coerce.number().int().min(0).max(10_000)]).optional().transform((v) => (v === '' ? undefined : v)),
  risk: optionalText,
  need: z.enum([...NEEDS, '']).optional().transform((v) => v || undefined),
  flag: flagList,
  q: optionalText,
  advisor: optionalText,
  sort: z.enum(BOOK_SORTS).default('client_id'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n)).default(50),
});
export type BookParams = z.infer<typeof BookParamsSchema>;

/**
 * The store filter for these parameters within the user's scope: an advisor is always held to
 * their own id (an `advisor` parameter from them is ignored); a supervisor may narrow to one advisor.
 */
export function bookFilterOf(params: BookParams, scopeAdvisorId: string | undefined): BookFilter {
  return {
    advisorId: scopeAdvisorId ?? params.advisor,
    tierCode: params.tier,
    lifecycleStage: params.stage,
    behaviourSegment: params.segment,
    riskSegment: params.risk,
    need: params.need,
    flags: params.flag,
    search: params.q,
    sort: params.sort,
    descending: params.dir === 'desc',
  };
}

/** The query string of these parameters with some changed (links for sorting and paging). */
export function bookQueryString(params: BookParams, changes: Partial<Record<keyof BookParams, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...params, ...changes };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.set(key, String(value));
  }
  return search.toString();
}
