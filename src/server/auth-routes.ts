import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UNMATCHABLE_HASH, verifyPassword } from '../core/password-hash.js';
import { audit, currentUser, langOf, type AppContext } from './app-context.js';
import { signInPage } from './sign-in-page.js';

const SignInSchema = z.object({ id: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

/** Sign-in attempts per client address per window (on top of the per-account lockout). */
export interface SignInRateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export const DEFAULT_SIGN_IN_RATE: SignInRateLimit = { max: 10, windowMs: 60_000 };

/**
 * GET/POST /login and POST /logout. A wrong password, an unknown id, a disabled and a locked
 * account get the same answer, so the form tells an attacker nothing about which ids exist or
 * are locked.
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext, rate: SignInRateLimit): void {
  app.get('/login', async (request, reply) => {
    if (await currentUser(ctx, request)) return reply.redirect('/book', 303);
    return reply.type('text/html; charset=utf-8').send(signInPage(langOf(request), reply.generateCsrf()));
  });

  app.post('/login', {
    preHandler: app.csrfProtection,
    config: { rateLimit: { max: rate.max, timeWindow: rate.windowMs } },
  }, async (request, reply) => {
    const lang = langOf(request);
    const parsed = SignInSchema.safeParse(request.body);
    const fail = async (status: number) => reply.code(status).type('text/html; charset=utf-8').send(signInPage(lang, reply.generateCsrf(), 'signInFailed'));
    if (!parsed.success) return fail(400);
    const { id, password } = parsed.data;
    const user = await ctx.store.users.get(id);
    // An unknown id costs one scrypt too, so timing does not tell which ids exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
    const now = ctx.now();
    if (user === undefined) {
      await audit(ctx, { actor: 'unknown', action: 'sign_in_failed', details: { reason: 'unknown_user' } });
      return fail(401);
    }
    if (user.disabledAt !== null) {
      await audit(ctx, { actor: user.id, action: 'sign_in_failed', details: { reason: 'disabled' } });
      return fail(401);
    }
    if (user.lockedUntil !== null && user.lockedUntil > now.toISOString()) {
      await audit(ctx, { actor: user.id, action: 'sign_in_failed', details: { reason: 'locked', lockedUntil: user.lockedUntil } });
      return fail(401);
    }
    if (!matches) {
      const lockedUntil = await ctx.store.users.recordFailure(user.id, now, ctx.lockout);
      await audit(ctx, { actor: user.id, action: lockedUntil === null ? 'sign_in_failed' : 'account_locked', details: { reason: 'wrong_password', ...(lockedUntil === null ? {} : { lockedUntil }) } });
      return fail(401);
    }
    await ctx.store.users.recordSuccess(user.id, now);
    // A fresh session at sign-in (no fixation): only the user id and the epoch go in it.
    request.session.regenerate();
    request.session.set('uid', user.id);
    request.session.set('epoch', user.sessionEpoch);
    await audit(ctx, { actor: user.id, action: 'signed_in' });
    return reply.redirect('/book', 303);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const user = await currentUser(ctx, request);
    if (user !== undefined) {
      await ctx.store.users.endSessions(user.id);
      await audit(ctx, { actor: user.id, action: 'signed_out' });
    }
    request.session.delete();
    return reply.redirect('/login', 303);
  });
}
