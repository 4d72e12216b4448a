import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { hashPassword } from '../../src/core/password-hash.js';
import { REDACTED_PATHS } from '../../src/core/logger.js';
import { createAdvisorApp, type AdvisorAppOptions } from '../../src/server/create-app.js';
import { openAdvisorStore, type AdvisorStore } from '../../src/store/open-advisor-store.js';
import type { ScoreRecord } from '../../src/store/store.js';
import { testSchema } from '../store/pg-schema.js';
import { counts, score, spec } from '../store/score-fixtures.js';

export const PASSWORDS = { A01: 'a01-password-long', A02: 'a02-password-long', S01: 's01-password-long' } as const;
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';

const TIERS = [['uhnw', 'A'], ['hnw', 'B'], ['mass', 'C']] as const;
const STAGES = ['single', 'family_formation', 'mature', 'retirement'] as const;
const RISKS = ['conservative', 'balanced', 'aggressive'] as const;
const FLAG_SETS = [[], ['near_tier_boundary'], ['risk_mismatch'], ['assessment_due'], ['need_above_level:growth', 'risk_mismatch']] as const;
const NEED_SETS = [['retirement'], ['education', 'protection'], ['growth'], ['liquidity', 'retirement']] as const;
// AUM within each tier, so the call sheet's distance to the next tier is known: A ≥ 100M, B ≥ 500k, C below.
const TIER_AUM = { A: 150_000_000, B: 2_000_000, C: 300_000 } as const;

/** Client i of an advisor: every facet cycles with a different period, so each filter has a known count. */
export function bookClient(id: string, advisorId: string, i: number, segmentShift = 0): ScoreRecord {
  const [assetTier, tierCode] = TIERS[i % 3]!;
  const segment = (i + segmentShift) % 4;
  return score(id, {
    advisorId, assetTier, tierCode, lifecycleStage: STAGES[i % 4]!, behaviourSegment: segment,
    behaviourSegmentName: segment === 3 ? HOSTILE_NAME : segment === 2 ? FORMULA_NAME : `客群${segment}`, behaviourSegmentNameEn: `segment ${segment}`,
    riskSegment: RISKS[i % 3]!, declaredRisk: i === 7 ? null : RISKS[(i + 1) % 3]!, predictedNeeds: [...NEED_SETS[i % 4]!], flags: [...FLAG_SETS[i % 5]!],
    aum: TIER_AUM[tierCode] + i * 1_000,
  });
}

export const A01_CLIENTS = Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
export const A02_CLIENTS = Array.from({ length: 20 }, (_, i) => `C${String(i + 101).padStart(4, '0')}`);

/** Two completed runs (May and June) of A01's and A02's books, and the three users. */
export async function seedStore(store: AdvisorStore): Promise<{ runId: string }> {
  const at = new Date('2026-06-01T02:00:00Z');
  for (const [asOf, shift, key] of [['2026-05-31', 1, 'b'], ['2026-06-30', 0, 'c']] as const) {
    const { run } = await store.results.beginRun(spec({ asOf, runKey: key.repeat(64) }), at);
    const rows = [...A01_CLIENTS.map((id, i) => bookClient(id, 'A01', i, shift)), ...A02_CLIENTS.map((id, i) => bookClient(id, 'A02', i, shift))];
    await store.results.writeScores(run.id, rows, at);
    await store.results.completeRun(run.id, { counts: counts(rows.length), durationMs: 5 }, at);
  }
  for (const [id, role] of [['A01', 'advisor'], ['A02', 'advisor'], ['S01', 'supervisor']] as const) {
    await store.users.upsert(id, role, await hashPassword(PASSWORDS[id]), at);
  }
  const run = await store.results.latestCompletedRun();
  return { runId: run!.id };
}

/** A store of either engine in its own file or schema, removed by `drop`. */
export async function openTestStore(engine: 'sqlite' | 'postgres', label: string): Promise<{ store: AdvisorStore; url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), `cs-${label}-`));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const store = await openAdvisorStore(url);
    return { store, url, drop: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = testSchema(label);
  const store = await openAdvisorStore(schema.url);
  return { store, url: schema.url, drop: async () => { await store.close(); await schema.drop(); } };
}

/** Every line the app logged, as text (to search for personal data). */
export interface LogCapture { readonly lines: string[] }

/** A real server on an ephemeral port, logging through the project's redaction into `logs`. */
export async function startApp(store: AdvisorStore, options: Partial<AdvisorAppOptions> = {}): Promise<{ app: FastifyInstance; base: string; logs: LogCapture }> {
  const logs: LogCapture = { lines: [] };
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { logs.lines.push(chunk.toString('utf8')); done(); } });
  const log = pino({ level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const app = await createAdvisorApp({ store, log, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, base: `http://127.0.0.1:${port}`, logs };
}

/** A cookie-keeping HTTP client, like one browser tab, that never follows redirects. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(this.base + pathname, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return response;
  }

  get(pathname: string, headers: Record<string, string> = {}): Promise<Response> { return this.request(pathname, { headers }); }

  postForm(pathname: string, fields: Record<string, string>): Promise<Response> {
    return this.request(pathname, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  postJson(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  }

  /** The CSRF token of a page's first form. */
  async formToken(pathname: string): Promise<string> {
    const page = await (await this.get(pathname)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(page);
    if (!match) throw new Error(`no CSRF token on ${pathname}`);
    return match[1]!;
  }

  async signIn(id: string, password: string): Promise<Response> {
    const token = await this.formToken('/login');
    return this.postForm('/login', { _csrf: token, id, password });
  }
}
