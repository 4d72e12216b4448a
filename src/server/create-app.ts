import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySecureSession from '@fastify/secure-session';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from '../core/logger.js';
import type { AdvisorStore } from '../store/open-advisor-store.js';
import { DEFAULT_SIGN_IN_DELAY, type SignInDelayPolicy } from '../store/user-store.js';
import { registerApiRoutes } from './api-routes.js';
import { APP_CSS } from './app-css.js';
import { LANG_COOKIE, langOf, type AppContext } from './app-context.js';
import { DEFAULT_SIGN_IN_RATE, registerAuthRoutes, type SignInRateLimit } from './auth-routes.js';
import { registerBookRoutes } from './book-routes.js';
import { registerClientRoutes } from './client-routes.js';
import { registerCallsRoutes } from './calls-routes.js';
import { registerContactRoutes } from './contact-routes.js';
import { registerSupervisorRoutes } from './supervisor-routes.js';
import { messagePage } from './message-page.js';
import { segmentDescriber } from './segment-descriptions.js';
import { safePath } from './safe-path.js';
import { proxyTrust, type ProxyTrust, type TrustProxy } from './trust-proxy.js';
import { LANGUAGES } from './ui-text.js';
import { DEFAULT_TIME_ZONE } from './zoned-time.js';

export interface AdvisorAppOptions {
  readonly store: AdvisorStore;
  readonly log: Logger;
  /** 32 bytes that encrypt and sign the session cookie; default: random per start (sessions end on restart). */
  readonly sessionKey?: Buffer;
  /** Where model bundles are, for segment descriptions; default `models`. */
  readonly modelsDir?: string;
  readonly now?: () => Date;
  /** Delays after repeated wrong passwords for one id; default DEFAULT_SIGN_IN_DELAY. */
  readonly signInDelay?: SignInDelayPolicy;
  readonly signInRate?: SignInRateLimit;
  /**
   * Trust X-Forwarded-* from reverse proxies (needed to see https and client addresses behind
   * them): a hop count or the proxies' addresses and CIDR ranges; `true` is one hop. Default false.
   */
  readonly trustProxy?: TrustProxy;
  /** IANA time zone the pages show times in, with the zone named; default Asia/Shanghai. */
  readonly timeZone?: string;
  /** Idle session lifetime in seconds; default 8 hours (one working day). */
  readonly sessionSeconds?: number;
}

export const SESSION_COOKIE = 'clientseg_session';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Nothing but our own stylesheet: no scripts at all, no frames, forms post only to us.
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// A year, this host only: includeSubDomains or preload would bind the bank's other hosts to a choice made here.
const HSTS = 'max-age=31536000';

const isApi = (url: string) => url.startsWith('/api/');

/** Every answer's security headers; HSTS only over TLS (directly, or per a trusted proxy's X-Forwarded-Proto). */
function securityHeadersFor(https: boolean): Readonly<Record<string, string>> {
  return https ? { ...SECURITY_HEADERS, 'strict-transport-security': HSTS } : SECURITY_HEADERS;
}

/** What request.protocol says, for answers Fastify makes before routing (where its trust-proxy request is not built yet). */
function overTls(request: FastifyRequest, trust: ProxyTrust | undefined): boolean {
  const socket = request.raw.socket as { encrypted?: boolean; remoteAddress?: string };
  if (socket.encrypted === true) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  if (trust === undefined || typeof forwarded !== 'string' || !trust(socket.remoteAddress ?? '', 0)) return false;
  return forwarded.split(',').at(-1)!.trim() === 'https';
}

/**
 * The advisor web app: server-rendered pages in Chinese (English one click away) and a JSON API,
 * over the results store. Sessions live in an encrypted, signed cookie (HttpOnly, SameSite=Strict,
 * Secure whenever the request came over https); every POST needs a CSRF token; sign-in is
 * rate-limited per address and slowed per account after repeated wrong passwords. The log holds
 * method, route pattern, status and time, never a URL, a client id or a user id.
 *
 * @example
 * const app = await createAdvisorApp({ store: await openAdvisorStore('sqlite:out/clientseg.db'), log });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 */
export async function createAdvisorApp(options: AdvisorAppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = {
    store: options.store,
    log: options.log,
    now: options.now ?? (() => new Date()),
    signInDelay: options.signInDelay ?? DEFAULT_SIGN_IN_DELAY,
    describeSegment: segmentDescriber(options.modelsDir ?? 'models'),
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
  };
  const trust = proxyTrust(options.trustProxy);
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    // Fastify's own request lines carry the URL (client ids, filters); ours below carry the route pattern.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trust ?? false,
    bodyLimit: 64 * 1024,
    // A malformed URL (bad percent-encoding in the path) gets a page with our headers, not Fastify's raw JSON.
    frameworkErrors: (err, request, reply) => {
      // Before routing: no cookie parser yet, so the language comes from the raw header.
      const lang = /(?:^|;\s*)lang=en(?:;|$)/.test(request.headers.cookie ?? '') ? 'en' : 'zh';
      const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      const raw = reply as unknown as { code(n: number): { header(k: string, v: string): unknown; type(t: string): { send(body: unknown): unknown } } };
      const answer = raw.code(status);
      for (const [name, value] of Object.entries({ ...securityHeadersFor(overTls(request, trust)), 'cache-control': 'no-store' })) answer.header(name, value);
      if (isApi(request.url)) answer.type('application/json; charset=utf-8').send(JSON.stringify({ error: 'bad_request' }));
      else answer.type('text/html; charset=utf-8').send(messagePage(lang, 'badRequest', '/book'));
    },
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifySecureSession, {
    key: options.sessionKey ?? randomBytes(32),
    cookieName: SESSION_COOKIE,
    expiry: options.sessionSeconds ?? 8 * 3600,
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
  await app.register(fastifyRateLimit, { global: false });

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeadersFor(request.protocol === 'https'))) reply.header(name, value);
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
    // ASVS 14.4.2: an API answer opened in a browser is a download, never rendered.
    if (isApi(request.url)) reply.header('content-disposition', 'attachment; filename="api.json"');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern (/clients/:id), never the URL: ids and filters stay out of the log.
    request.log.info({ method: request.method, route: request.routeOptions.url ?? '(no route)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const lang = langOf(request);
    const api = isApi(request.url);
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      return api ? reply.code(403).send({ error: 'csrf' }) : reply.code(403).type('text/html; charset=utf-8').send(messagePage(lang, 'formExpired', '/book'));
    }
    if (err.statusCode === 429) {
      return api ? reply.code(429).send({ error: 'too_many_requests' }) : reply.code(429).type('text/html; charset=utf-8').send(messagePage(lang, 'tooMany', '/login'));
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      // A page gets a page (with the security headers), not Fastify's raw JSON.
      return api ? reply.code(err.statusCode).send({ error: err.code ?? 'bad_request' })
        : reply.code(err.statusCode).type('text/html; charset=utf-8').send(messagePage(lang, 'badRequest', '/book'));
    }
    // The type and the stack's frames, not the message: a database error can quote a value.
    request.log.error({ err: { type: err.name, code: err.code, stack: err.stack?.split('\n').slice(1).join('\n') }, route: request.routeOptions.url }, 'request failed');
    return api ? reply.code(500).send({ error: 'internal' }) : reply.code(500).type('text/html; charset=utf-8').send(messagePage(lang, 'error', '/book'));
  });
  app.setNotFoundHandler((request, reply) => (isApi(request.url)
    ? reply.code(404).send({ error: 'not_found' })
    : reply.code(404).type('text/html; charset=utf-8').send(messagePage(langOf(request), 'notFound', '/book'))));

  app.get('/assets/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(APP_CSS));
  app.get('/healthz', async () => ({ ok: true }));
  app.get<{ Params: { lang: string }; Querystring: { back?: unknown } }>('/lang/:lang', async (request, reply) => {
    const lang = (LANGUAGES as readonly string[]).includes(request.params.lang) ? request.params.lang : 'zh';
    // Only a path on this site: never an open redirect.
    const target = safePath(request.query.back);
    void reply.setCookie(LANG_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 365 * 24 * 3600 });
    return reply.redirect(target, 303);
  });

  registerAuthRoutes(app, ctx, options.signInRate ?? DEFAULT_SIGN_IN_RATE);
  registerBookRoutes(app, ctx);
  registerClientRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerCallsRoutes(app, ctx);
  registerSupervisorRoutes(app, ctx);
  registerApiRoutes(app, ctx);
  return app;
}
