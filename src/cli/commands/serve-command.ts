import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { parseTrustProxy } from '../../server/trust-proxy.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../server/zoned-time.js';
import { DEFAULT_STORE, parseStoreUrl } from '../../store/store-url.js';
import { parseOptions, positiveInt } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { STORE_HELP } from '../store-option.js';

const ServeArgs = z.strictObject({
  store: z.string().min(1).default(DEFAULT_STORE),
  port: positiveInt.max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  models: z.string().min(1).default('models'),
  trustProxy: z.union([z.boolean(), z.string()]).default(false),
  timeZone: z.string().refine(isTimeZone, 'not a time zone this runtime knows; use an IANA name such as Asia/Shanghai or UTC').default(DEFAULT_TIME_ZONE),
});

/** CLIENTSEG_SESSION_KEY: 64 hex digits (32 bytes), so sessions survive a restart and work across instances. */
export function sessionKeyFromEnv(value: string | undefined): Buffer | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new PipelineError('config_invalid', 'CLIENTSEG_SESSION_KEY must be 64 hex digits (32 bytes); make one with: openssl rand -hex 32');
  }
  return Buffer.from(value, 'hex');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the advisor web app (pages and JSON API) over a results store')
    .option('--store <url>', STORE_HELP)
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--models <dir>', 'model folder, for the behavioural segments\' descriptions', 'models')
    .option('--trust-proxy [hops|addresses]', 'trust X-Forwarded-* from TLS-terminating reverse proxies: a hop count (1, the bare flag) or their addresses/CIDR ranges (10.0.0.0/8,127.0.0.1); cookies are then Secure, HSTS is sent, and sign-in limits see the real client address')
    .option('--time-zone <zone>', 'IANA time zone the pages show times in (each time is shown with its offset)', DEFAULT_TIME_ZONE)
    .action((raw: unknown) => runAction(async ({ log, print }) => {
      const args = parseOptions(ServeArgs, raw);
      const trustProxy = parseTrustProxy(args.trustProxy);
      if (!trustProxy.ok) throw new PipelineError('config_invalid', trustProxy.error);
      const sessionKey = sessionKeyFromEnv(process.env.CLIENTSEG_SESSION_KEY);
      if (sessionKey === undefined) log.warn({ code: 'session_key_random' }, 'CLIENTSEG_SESSION_KEY is not set: sessions end when the server restarts');
      const where = parseStoreUrl(args.store);
      if (where.engine === 'sqlite' && !existsSync(where.file)) {
        // Serving never creates a store: a typo in --store would otherwise show an empty app.
        throw new PipelineError('input_missing', `no results store at ${where.file}: score into it first (clientseg sample, or score --store)`);
      }
      const [{ openAdvisorStore }, { createAdvisorApp }] = await Promise.all([
        import('../../store/open-advisor-store.js'), import('../../server/create-app.js'),
      ]);
      const store = await openAdvisorStore(args.store);
      const app = await createAdvisorApp({ store, log, modelsDir: args.models, trustProxy: trustProxy.value, timeZone: args.timeZone, ...(sessionKey ? { sessionKey } : {}) });
      try {
        await app.listen({ port: args.port, host: args.host });
      } catch (err) {
        await app.close();
        await store.close();
        throw new PipelineError('config_invalid', `cannot listen on ${args.host}:${args.port} (${(err as Error).message}): choose another --port or --host`);
      }
      print(`advisor app on http://${args.host}:${args.port} (store ${store.results.location}); Ctrl-C stops it`);
      await new Promise<void>((resolve) => {
        const stop = () => { resolve(); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      await store.close();
    }));
}
