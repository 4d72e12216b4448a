import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/rate-limit';
import type {} from '@fastify/secure-session';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../core/logger.js';
import type { AdvisorStore } from '../store/open-advisor-store.js';
import type { AuditInput, RunRecord } from '../store/store.js';
import type { SignInDelayPolicy, UserRecord } from '../store/user-store.js';
import type { SegmentDescriber } from './segment-descriptions.js';
import { LANGUAGES, type Lang } from './ui-text.js';

/** What every route needs: the store, the clock, the log and the policies. */
export interface AppContext {
  readonly store: AdvisorStore;
  readonly log: Logger;
  readonly now: () => Date;
  readonly signInDelay: SignInDelayPolicy;
  readonly describeSegment: SegmentDescriber;
  /** The IANA zone times are shown in (`serve --time-zone`). */
  readonly timeZone: string;
}

/** The signed-in user as the routes see it. */
export interface SignedInUser {
  readonly id: string;
  readonly role: UserRecord['role'];
}

/** What the session cookie holds: no personal data beyond the user's own id. */
export interface SessionData {
  readonly uid: string;
  /** The user's session epoch at sign-in; a later sign-out bumps it and voids this cookie. */
  readonly epoch: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    uid: string;
    epoch: number;
  }
}

export const LANG_COOKIE = 'lang';

/** The page language from its cookie; Chinese by default. */
export function langOf(request: FastifyRequest): Lang {
  const value = request.cookies[LANG_COOKIE];
  return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Lang) : 'zh';
}

/**
 * The user of a valid session, or undefined (no session, expired, signed out, or user removed or
 * disabled). Read on every request, so `users disable` ends a session at its next request.
 */
export async function currentUser(ctx: AppContext, request: FastifyRequest): Promise<SignedInUser | undefined> {
  const uid = request.session.get('uid');
  const epoch = request.session.get('epoch');
  if (typeof uid !== 'string' || typeof epoch !== 'number') return undefined;
  const user = await ctx.store.users.get(uid);
  if (user === undefined || user.disabledAt !== null || user.sessionEpoch !== epoch) return undefined;
  return { id: user.id, role: user.role };
}

/**
 * The access scope every query runs in: an advisor sees only clients whose advisor_id is their
 * own id; a supervisor sees all (undefined).
 */
export function scopeOf(user: SignedInUser): string | undefined {
  return user.role === 'supervisor' ? undefined : user.id;
}

export async function audit(ctx: AppContext, entry: AuditInput): Promise<void> {
  await ctx.store.results.audit(entry, ctx.now());
}

/** The run the app shows: the newest completed one. */
export function latestRun(ctx: AppContext): Promise<RunRecord | undefined> {
  return ctx.store.results.latestCompletedRun();
}

/**
 * For pages: the user, or a redirect to the sign-in page (and undefined). A page asked for by
 * GET is remembered in `next`, so a deep link opened signed out lands there after sign-in.
 */
export async function requirePageUser(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<SignedInUser | undefined> {
  const user = await currentUser(ctx, request);
  if (user === undefined) {
    const remember = request.method === 'GET' && request.url !== '/book';
    void reply.redirect(remember ? `/login?next=${encodeURIComponent(request.url)}` : '/login', 303);
  }
  return user;
}

/** For the API: the user, or 401 JSON (and undefined). */
export async function requireApiUser(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<SignedInUser | undefined> {
  const user = await currentUser(ctx, request);
  if (user === undefined) void reply.code(401).send({ error: 'unauthenticated', message: 'sign in first (POST /login)' });
  return user;
}
