import type { FastifyInstance } from 'fastify';
import { audit, langOf, requirePageUser, type AppContext } from './app-context.js';
import { renderClient, visibleClient } from './client-routes.js';
import { checkContact } from './contact-input.js';
import { messagePage } from './message-page.js';

/**
 * POST /clients/:id/contacts: "contacted", with an outcome and an optional note, recorded for a
 * client the user may see, audited (without the note), then back to where the form was (the
 * client page, or the call list when `from=calls`).
 */
export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Params: { id: string } }>('/clients/:id/contacts', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const found = await visibleClient(ctx, user, request.params.id);
    if (found === undefined) return reply.code(404).type('text/html; charset=utf-8').send(messagePage(langOf(request), 'notFound', '/book', user, reply.generateCsrf()));
    const input = checkContact(request.body, user.id, found.run, found.score);
    if (input === undefined) {
      return reply.code(400).type('text/html; charset=utf-8').send(await renderClient(ctx, request, reply, user, found, 'invalidContact'));
    }
    const record = await ctx.store.contacts.record(input, ctx.now());
    await audit(ctx, { actor: user.id, action: 'contact_recorded', runId: found.run.id, clientId: found.score.clientId, details: { contactId: record.id, outcome: record.outcome } });
    const { from, advisor } = request.body as { from?: unknown; advisor?: unknown };
    const id = encodeURIComponent(found.score.clientId);
    // A supervisor goes back to the advisor whose list it was.
    const whose = user.role === 'supervisor' && typeof advisor === 'string' && advisor.length <= 64 ? `advisor=${encodeURIComponent(advisor)}&` : '';
    return reply.redirect(from === 'calls' ? `/calls?${whose}saved=${id}` : `/clients/${id}?saved=contact`, 303);
  });
}
