import type { FastifyInstance } from 'fastify';
import type { Bilingual } from '../report/bilingual.js';
import type { RunRecord } from '../store/store.js';
import { audit, latestRun, requireApiUser, scopeOf, type AppContext } from './app-context.js';
import { bookFilterOf, BookParamsSchema } from './book-params.js';
import { visibleClient } from './client-routes.js';
import { checkOverride, OVERRIDE_API_ERRORS } from './override-input.js';

interface ClientParams { readonly id: string }

const NOT_FOUND = { error: 'not_found' } as const;

/**
 * The JSON API behind the pages, for the bank's CRM, under the same rules: a session cookie from
 * POST /login, the CSRF token (GET /api/csrf-token) in an `x-csrf-token` header on every POST,
 * and another advisor's client is a 404 like a client that does not exist.
 */
export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/csrf-token', async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.get('/api/me', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    return user === undefined ? reply : user;
  });

  app.get('/api/book', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    if (user === undefined) return reply;
    const parsed = BookParamsSchema.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_filter' });
    const run = await latestRun(ctx);
    if (run === undefined) return reply.code(404).send({ error: 'no_completed_run' });
    const params = parsed.data;
    const filter = bookFilterOf(params, scopeOf(user));
    const total = await ctx.store.book.count(run.id, filter);
    const clients = await ctx.store.book.page(run.id, { ...filter, limit: params.size, offset: (params.page - 1) * params.size });
    await audit(ctx, { actor: user.id, action: 'book_viewed', runId: run.id, details: { via: 'api', page: params.page, rows: clients.length, total } });
    return { run: { id: run.id, asOf: run.asOf, modelVersion: run.modelVersion, riskClasses: run.riskClasses }, total, page: params.page, size: params.size, clients };
  });

  app.get<{ Params: ClientParams }>('/api/clients/:id', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    if (user === undefined) return reply;
    const found = await visibleClient(ctx, user, request.params.id);
    if (found === undefined) return reply.code(404).send(NOT_FOUND);
    await audit(ctx, { actor: user.id, action: 'client_viewed', runId: found.run.id, clientId: found.score.clientId, details: { via: 'api' } });
    const history = await ctx.store.results.clientHistory(found.score.clientId);
    return {
      client: found.score,
      ...await segmentFields(ctx, found.run, found.score.behaviourSegment),
      overrides: await ctx.store.overrides.ofClient(found.score.clientId),
      history: history.map((h) => ({ runId: h.runId, asOf: h.asOf, modelVersion: h.modelVersion, tierCode: h.tierCode, behaviourSegment: h.behaviourSegment, riskSegment: h.riskSegment })),
    };
  });

  app.post<{ Params: ClientParams }>('/api/clients/:id/overrides', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    if (user === undefined) return reply;
    const found = await visibleClient(ctx, user, request.params.id);
    if (found === undefined) return reply.code(404).send(NOT_FOUND);
    const check = checkOverride(request.body, user.id, found.run, found.score);
    if (!check.ok) return reply.code(400).send({ error: OVERRIDE_API_ERRORS[check.error] });
    const record = await ctx.store.overrides.record(check.input, ctx.now());
    await audit(ctx, {
      actor: user.id, action: 'override_recorded', runId: found.run.id, clientId: found.score.clientId,
      details: { via: 'api', overrideId: record.id, kind: record.kind, value: record.value, previous: record.previous },
    });
    return reply.code(201).send({ override: record });
  });

  app.get('/api/override-rates', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    if (user === undefined) return reply;
    // Rates cover every advisor's clients: supervisors only (an advisor gets the same 404 as a missing page).
    if (user.role !== 'supervisor') return reply.code(404).send(NOT_FOUND);
    const run = await latestRun(ctx);
    if (run === undefined) return reply.code(404).send({ error: 'no_completed_run' });
    return { runId: run.id, segments: await ctx.store.overrides.ratePerSegment(run.id) };
  });
}

/** The client's segment description and reliability, null when the run's model is not at hand. */
async function segmentFields(ctx: AppContext, run: RunRecord, segment: number): Promise<{ description: Bilingual | null; segmentReliable: boolean | null }> {
  const info = await ctx.describeSegment(run.modelName, run.modelVersion, segment);
  return { description: info?.description ?? null, segmentReliable: info?.reliable ?? null };
}
