import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UNMATCHABLE_HASH, verifyPassword } from '../core/password-hash.js';
import { audit, currentUser, langOf, type AppContext } from './app-context.js';
import { safePath } from './safe-path.js';
import { signInPage } from './sign-in-page.js';
import { UnknownIdThrottle } from './unknown-id-throttle.js';

const SignInSchema = z.object({ id: z.string().trim().min(1).max(64), password: z.string().min(1).max(256), next: z.unknown().optional() });

/** Sign-in attempts per client address per window (on top of the per-account delays). */
export interface SignInRateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export const DEFAULT_SIGN_IN_RATE: SignInRateLimit = { max: 10, windowMs: 60_000 };

const secondsUntil = (iso: string, now: Date) => Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/**
 * GET/POST /login and POST /logout. A wrong password, an unknown id and a disabled account get
 * the same answer, and all three slow down the same way after repeated failures (429 while an
 * id is held), so the form tells an attacker nothing about which ids exist. After sign-in the
 * user goes back to the page they asked for (`next`, checked by safePath).
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext, rate: SignInRateLimit): void {
  const unknownIds = new UnknownIdThrottle(ctx.signInDelay);

  app.get<{ Querystring: { next?: unknown } }>('/login', async (request, reply) => {
    const next = safePath(request.query.next);
    if (await currentUser(ctx, request)) return reply.redirect(next, 303);
    return reply.type('text/html; charset=utf-8').send(signInPage(langOf(request), reply.generateCsrf(), undefined, next));
  });

  app.post('/login', {
    preHandler: app.csrfProtection,
    config: { rateLimit: { max: rate.max, timeWindow: rate.windowMs } },
  }, async (request, reply) => {
    const lang = langOf(request);
    const parsed = SignInSchema.safeParse(request.body);
    const next = safePath((request.body as { next?: unknown } | undefined)?.next);
    const answer = (status: number, error: 'signInFailed' | 'accountHeld') => reply.code(status).type('text/html; charset=utf-8').send(signInPage(lang, reply.generateCsrf(), error, next));
    if (!parsed.success) return answer(400, 'signInFailed');
    const { id, password } = parsed.data;
    const user = await ctx.store.users.get(id);
    const now = ctx.now();
    // A held id is refused before its password is checked: during the hold, guessing learns nothing.
    const heldUntil = user === undefined ? unknownIds.heldUntil(id, now) : user.lockedUntil;
    if (heldUntil !== null && heldUntil > now.toISOString()) {
      await audit(ctx, { actor: user?.id ?? 'unknown', action: 'sign_in_throttled', details: { heldUntil } });
      void reply.header('retry-after', String(secondsUntil(heldUntil, now)));
      return answer(429, 'accountHeld');
    }
    // An unknown id costs one scrypt too, so timing does not tell which ids exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
    if (user === undefined) {
      unknownIds.recordFailure(id, now);
      await audit(ctx, { actor: 'unknown', action: 'sign_in_failed', details: { reason: 'unknown_user' } });
      return answer(401, 'signInFailed');
    }
    if (user.disabledAt !== null || !matches) {
      const held = await ctx.store.users.recordFailure(user.id, now, ctx.signInDelay);
      await audit(ctx, {
        actor: user.id, action: 'sign_in_failed',
        details: { reason: user.disabledAt !== null ? 'disabled' : 'wrong_password', ...(held === null ? {} : { heldUntil: held }) },
      });
      return answer(401, 'signInFailed');
    }
    await ctx.store.users.recordSuccess(user.id, now);
    // A fresh session at sign-in (no fixation): only the user id and the epoch go in it.
    request.session.regenerate();
    request.session.set('uid', user.id);
    request.session.set('epoch', user.sessionEpoch);
    await audit(ctx, { actor: user.id, action: 'signed_in' });
    return reply.redirect(next, 303);
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
