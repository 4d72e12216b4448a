import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OverriddenScore } from '../store/apply-overrides.js';
import type { RunRecord } from '../store/store.js';
import { audit, langOf, latestRun, requirePageUser, scopeOf, type AppContext, type SignedInUser } from './app-context.js';
import { clientPage } from './client-page.js';
import { messagePage } from './message-page.js';
import { checkOverride, type OverrideError } from './override-input.js';

/**
 * The client of the latest completed run, if the user may see it. An advisor asking for another
 * advisor's client gets exactly what a client that does not exist gets: nothing.
 */
export async function visibleClient(ctx: AppContext, user: SignedInUser, clientId: string): Promise<{ run: RunRecord; score: OverriddenScore } | undefined> {
  if (clientId.length === 0 || clientId.length > 128) return undefined;
  const run = await latestRun(ctx);
  if (run === undefined) return undefined;
  const score = await ctx.store.book.client(run.id, clientId, scopeOf(user));
  return score === undefined ? undefined : { run, score };
}

interface ClientParams { readonly id: string }

/** The client page of a visible client, with a form's error when one was rejected. */
export async function renderClient(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, user: SignedInUser, found: { run: RunRecord; score: OverriddenScore },
  formError?: OverrideError | 'invalidContact', justSaved = false): Promise<string> {
  const { run, score } = found;
  const path = `/clients/${encodeURIComponent(score.clientId)}`;
  const overrides = await ctx.store.overrides.ofClient(score.clientId);
  // The confirmation names the user's own newest override, so a reload or a shared link confirms nothing else.
  const saved = justSaved ? overrides.find((o) => o.actor === user.id) : undefined;
  return clientPage({
    lang: langOf(request), user, csrfToken: reply.generateCsrf(), path, run, score,
    segment: await ctx.describeSegment(run.modelName, run.modelVersion, score.behaviourSegment),
    history: await ctx.store.results.clientHistory(score.clientId),
    overrides, timeZone: ctx.timeZone,
    contacts: await ctx.store.contacts.ofClient(score.clientId),
    ...((request.query as { saved?: unknown } | undefined)?.saved === 'contact' ? { notice: 'contactSaved' as const } : {}),
    ...(formError === undefined ? {} : { formError }),
    ...(saved === undefined ? {} : { saved }),
  });
}

/** GET /clients/:id (the profile page) and POST /clients/:id/overrides (the override forms). */
export function registerClientRoutes(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (request: FastifyRequest, reply: FastifyReply, user: SignedInUser) =>
    reply.code(404).type('text/html; charset=utf-8').send(messagePage(langOf(request), 'notFound', '/book', user, reply.generateCsrf()));

  app.get<{ Params: ClientParams; Querystring: { saved?: unknown } }>('/clients/:id', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const found = await visibleClient(ctx, user, request.params.id);
    if (found === undefined) return notFound(request, reply, user);
    await audit(ctx, { actor: user.id, action: 'client_viewed', runId: found.run.id, clientId: found.score.clientId });
    return reply.type('text/html; charset=utf-8').send(await renderClient(ctx, request, reply, user, found, undefined, request.query.saved === '1'));
  });

  app.post<{ Params: ClientParams }>('/clients/:id/overrides', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const found = await visibleClient(ctx, user, request.params.id);
    if (found === undefined) return notFound(request, reply, user);
    const check = checkOverride(request.body, user.id, found.run, found.score);
    if (!check.ok) {
      return reply.code(400).type('text/html; charset=utf-8').send(await renderClient(ctx, request, reply, user, found, check.error));
    }
    const record = await ctx.store.overrides.record(check.input, ctx.now());
    await audit(ctx, {
      actor: user.id, action: 'override_recorded', runId: found.run.id, clientId: found.score.clientId,
      details: { overrideId: record.id, kind: record.kind, value: record.value, previous: record.previous },
    });
    return reply.redirect(`/clients/${encodeURIComponent(found.score.clientId)}?saved=1`, 303);
  });
}
