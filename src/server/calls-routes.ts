import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StoredScore } from '../store/store.js';
import { audit, langOf, latestRun, requireApiUser, requirePageUser, type AppContext, type SignedInUser } from './app-context.js';
import { rankCalls } from './call-priority.js';
import { tr } from './ui-text.js';
import { callsPage } from './calls-page.js';
import { messagePage } from './message-page.js';
import { runAdvisorsCache } from './run-advisors.js';

const CallsQuerySchema = z.object({
  advisor: z.string().trim().max(64).optional(),
  saved: z.string().max(128).optional(),
});

/** GET /calls (this week's calls, a page) and GET /api/calls (the same as JSON), for an advisor or, for a supervisor, one advisor at a time. */
export function registerCallsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const advisorsOf = runAdvisorsCache(ctx);

  const callList = async (user: SignedInUser, query: unknown) => {
    const parsed = CallsQuerySchema.safeParse(query);
    if (!parsed.success) return { ok: false as const, error: 'invalidFilter' as const };
    const run = await latestRun(ctx);
    if (run === undefined) return { ok: false as const, error: 'noRun' as const };
    const supervisor = user.role === 'supervisor';
    const advisors = supervisor ? await advisorsOf(run.id) : undefined;
    // An advisor is always held to their own clients; a supervisor picks one advisor (the first by default).
    const advisor = supervisor ? (parsed.data.advisor || advisors?.[0] || '') : user.id;
    // One advisor's whole book in one query down the advisor index (a book is thousands, not millions).
    const book: StoredScore[] = await ctx.store.book.page(run.id, { advisorId: advisor });
    const ids = book.map((s) => s.clientId);
    const ranked = rankCalls(book, await ctx.store.contacts.latestAmong(ids), await ctx.store.overrides.dismissedAmong(ids), ctx.now());
    await audit(ctx, { actor: user.id, action: 'calls_viewed', runId: run.id, details: { advisor, rows: ranked.calls.length } });
    return { ok: true as const, run, advisor, advisors, ranked, saved: parsed.data.saved };
  };

  app.get('/calls', async (request: FastifyRequest, reply: FastifyReply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const lang = langOf(request);
    const list = await callList(user, request.query);
    if (!list.ok) {
      return reply.code(list.error === 'invalidFilter' ? 400 : 200).type('text/html; charset=utf-8').send(messagePage(lang, list.error, request.url, user, reply.generateCsrf()));
    }
    return reply.type('text/html; charset=utf-8').send(callsPage({
      lang, user, csrfToken: reply.generateCsrf(), path: request.url, run: list.run, advisor: list.advisor,
      ...(list.advisors === undefined ? {} : { advisors: list.advisors }), calls: list.ranked.calls, skippedRecent: list.ranked.skippedRecent,
      ...(list.saved === undefined ? {} : { saved: list.saved }),
    }));
  });

  app.get('/api/calls', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply);
    if (user === undefined) return reply;
    const list = await callList(user, request.query);
    if (!list.ok) return reply.code(list.error === 'invalidFilter' ? 400 : 404).send({ error: list.error === 'invalidFilter' ? 'invalid_query' : 'no_run' });
    return {
      runId: list.run.id, asOf: list.run.asOf, advisor: list.advisor, skippedRecent: list.ranked.skippedRecent,
      calls: list.ranked.calls.map((c) => ({
        clientId: c.score.clientId, priority: Number(c.priority.toFixed(4)), reason: { zh: tr(c.reason, 'zh'), en: tr(c.reason, 'en') },
        tierCode: c.score.tierCode, aum: c.score.aum ?? null, flags: c.score.flags, lastContact: c.lastContact === undefined ? null : { at: c.lastContact.at, outcome: c.lastContact.outcome },
      })),
    };
  });
}
