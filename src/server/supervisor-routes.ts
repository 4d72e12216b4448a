import type { FastifyInstance } from 'fastify';
import { audit, langOf, latestRun, requirePageUser, type AppContext } from './app-context.js';
import { messagePage } from './message-page.js';
import { overrideRatesPage } from './override-rates-page.js';

/** Supervisor pages: GET /supervisor/override-rates. An advisor gets the same 404 as a missing page. */
export function registerSupervisorRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/supervisor/override-rates', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const lang = langOf(request);
    if (user.role !== 'supervisor') return reply.code(404).type('text/html; charset=utf-8').send(messagePage(lang, 'notFound', '/book', user, reply.generateCsrf()));
    const run = await latestRun(ctx);
    if (run === undefined) return reply.type('text/html; charset=utf-8').send(messagePage(lang, 'noRun', request.url, user, reply.generateCsrf()));
    const [advisors, segments] = [await ctx.store.overrides.ratePerAdvisor(run.id), await ctx.store.overrides.ratePerSegment(run.id)];
    await audit(ctx, { actor: user.id, action: 'override_rates_viewed', runId: run.id });
    return reply.type('text/html; charset=utf-8').send(overrideRatesPage({ lang, user, csrfToken: reply.generateCsrf(), path: request.url, run, advisors, segments }));
  });
}
