import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { BookFilter } from '../store/book-query.js';
import type { BookFacets } from '../store/book-store.js';
import type { RunRecord } from '../store/store.js';
import { audit, langOf, latestRun, requirePageUser, scopeOf, type AppContext, type SignedInUser } from './app-context.js';
import { exportHeader, exportRow, csvLines, xlsxStream } from './book-export.js';
import { bookPage } from './book-page.js';
import { bookFilterOf, bookQueryString, BookParamsSchema, type BookParams } from './book-params.js';
import { runAdvisorsCache } from './run-advisors.js';
import type { BookMix } from '../store/book-store.js';
import { messagePage } from './message-page.js';
import type { Lang } from './ui-text.js';

interface BookRequest {
  readonly user: SignedInUser;
  readonly run: RunRecord;
  readonly params: BookParams;
  readonly filter: BookFilter;
}

/** The signed-in user, the latest run and the parsed filter, or the reply already sent (sign-in, 400, no run). */
async function bookRequest(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, csrfToken: () => string): Promise<BookRequest | undefined> {
  const user = await requirePageUser(ctx, request, reply);
  if (user === undefined) return undefined;
  const lang = langOf(request);
  const parsed = BookParamsSchema.safeParse(request.query);
  if (!parsed.success) {
    void reply.code(400).type('text/html; charset=utf-8').send(messagePage(lang, 'invalidFilter', request.url, user, csrfToken()));
    return undefined;
  }
  const run = await latestRun(ctx);
  if (run === undefined) {
    void reply.type('text/html; charset=utf-8').send(messagePage(lang, 'noRun', request.url, user, csrfToken()));
    return undefined;
  }
  return { user, run, params: parsed.data, filter: bookFilterOf(parsed.data, scopeOf(user)) };
}

/** The book (GET /book) and its exports (CSV and Excel), all within the user's scope. */
export function registerBookRoutes(app: FastifyInstance, ctx: AppContext): void {
  // A completed run never changes, so its filter menus are computed once per run and scope.
  const facetCache = new Map<string, Promise<BookFacets>>();
  const facetsOf = (runId: string, scope: string | undefined): Promise<BookFacets> => {
    const key = `${runId}\u0000${scope ?? ''}`;
    let facets = facetCache.get(key);
    if (facets === undefined) {
      if (facetCache.size >= 1000) facetCache.clear();
      facets = ctx.store.book.facets(runId, scope);
      facets.catch(() => facetCache.delete(key));
      facetCache.set(key, facets);
    }
    return facets;
  };

  // The mix charts of a filtered book: cached per run, scope and filter like the facets (a supervisor's whole-run mix is a scan).
  const mixCache = new Map<string, Promise<BookMix>>();
  const mixOf = (runId: string, filter: BookFilter): Promise<BookMix> => {
    const key = JSON.stringify([runId, { ...filter, sort: undefined, descending: undefined, limit: undefined, offset: undefined }]);
    let mix = mixCache.get(key);
    if (mix === undefined) {
      if (mixCache.size >= 1000) mixCache.clear();
      mix = ctx.store.book.mix(runId, filter);
      mix.catch(() => mixCache.delete(key));
      mixCache.set(key, mix);
    }
    return mix;
  };
  const advisorsOf = runAdvisorsCache(ctx);

  app.get('/', async (_request, reply) => reply.redirect('/book', 303));

  app.get('/book', async (request, reply) => {
    const b = await bookRequest(ctx, request, reply, () => reply.generateCsrf());
    if (b === undefined) return reply;
    const { user, run, params, filter } = b;
    const total = await ctx.store.book.count(run.id, filter);
    // A page past the end (an old link, a shrunk filter) goes to the last page rather than showing "9 / 7".
    const lastPage = Math.max(1, Math.ceil(total / params.size));
    if (params.page > lastPage) return reply.redirect(`/book?${bookQueryString(params, { page: lastPage })}`, 303);
    const rows = await ctx.store.book.page(run.id, { ...filter, limit: params.size, offset: (params.page - 1) * params.size });
    const facets = await facetsOf(run.id, scopeOf(user));
    const overridden = await ctx.store.overrides.overriddenAmong(rows.map((r) => r.clientId));
    const lastContacts = await ctx.store.contacts.latestAmong(rows.map((r) => r.clientId));
    const mix = await mixOf(run.id, filter);
    const advisors = user.role === 'supervisor' ? await advisorsOf(run.id) : undefined;
    const unreliable = new Set<number>();
    for (const id of new Set(rows.map((r) => r.behaviourSegment))) {
      if ((await ctx.describeSegment(run.modelName, run.modelVersion, id))?.reliable === false) unreliable.add(id);
    }
    await audit(ctx, { actor: user.id, action: 'book_viewed', runId: run.id, details: { page: params.page, rows: rows.length, total } });
    return reply.type('text/html; charset=utf-8').send(bookPage({
      lang: langOf(request), user, csrfToken: reply.generateCsrf(), path: request.url, run, params, facets, total, rows, overridden, unreliable,
      lastContacts, mix, ...(advisors === undefined ? {} : { advisors }),
    }));
  });

  const exportRows = async function* (run: RunRecord, filter: BookFilter, counter: { n: number }, lang: Lang) {
    for await (const s of ctx.store.book.iterate(run.id, filter)) { counter.n++; yield exportRow(s, run.riskClasses, lang); }
  };

  app.get('/book/export.csv', async (request, reply) => {
    const b = await bookRequest(ctx, request, reply, () => reply.generateCsrf());
    if (b === undefined) return reply;
    const counter = { n: 0 };
    const lang = langOf(request);
    const lines = csvLines(exportHeader(b.run.riskClasses, lang), exportRows(b.run, b.filter, counter, lang));
    // Audited when the last line has gone out, with the number of clients exported.
    const body = Readable.from((async function* () {
      yield* lines;
      await audit(ctx, { actor: b.user.id, action: 'book_exported', runId: b.run.id, details: { format: 'csv', rows: counter.n } });
    })());
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="book-${b.run.asOf}.csv"`).send(body);
  });

  app.get('/book/export.xlsx', async (request, reply) => {
    const b = await bookRequest(ctx, request, reply, () => reply.generateCsrf());
    if (b === undefined) return reply;
    const counter = { n: 0 };
    // Audited, as the CSV, when the last byte has gone out, with the number of clients exported.
    const lang = langOf(request);
    const body = xlsxStream(exportHeader(b.run.riskClasses, lang), exportRows(b.run, b.filter, counter, lang),
      () => audit(ctx, { actor: b.user.id, action: 'book_exported', runId: b.run.id, details: { format: 'xlsx', rows: counter.n } }));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="book-${b.run.asOf}.xlsx"`).send(body);
  });
}
