// Child process: server-side rendering of an advisor's book of 5,000 clients (SQLite store), through
// the whole Fastify stack (session cookie, store queries, HTML) with in-process requests, in a run of
// RUN clients (default 1,000,000) shared by advisors of 5,000 clients each: the advisor-scoped
// queries must read the advisor index, so page times do not grow with the run.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../src/core/password-hash.js';
import { silentLogger } from '../src/core/logger.js';
import { createAdvisorApp } from '../src/server/create-app.js';
import { openAdvisorStore } from '../src/store/open-advisor-store.js';
import type { ScoreRecord } from '../src/store/store.js';
import { peakRssMiB } from './measure-child.js';

const BOOK = Number(process.argv[2] ?? 5000);
const RUN = Math.max(2 * BOOK, Number(process.argv[3] ?? 1_000_000));
const REQUESTS = 40;
const TIERS = [['uhnw', 'A'], ['hnw', 'B'], ['mass', 'C']] as const;
const STAGES = ['single', 'family_formation', 'mature', 'retirement'] as const;
const RISKS = ['conservative', 'balanced', 'aggressive'] as const;
const NEEDS = [['retirement'], ['education', 'protection'], ['growth'], ['liquidity', 'retirement', 'wealth_transfer']] as const;
const FLAGS = [[], ['near_tier_boundary'], ['risk_mismatch'], ['assessment_due', 'need_above_level:growth']] as const;

/** Client `id`, the `i`th of its advisor's book: the facets cycle within each book. */
function client(id: number, advisorId: string, i: number): ScoreRecord {
  const [assetTier, tierCode] = TIERS[i % 3]!;
  return {
    clientId: `C${String(id).padStart(7, '0')}`, advisorId, assetTier, tierCode, lifecycleStage: STAGES[i % 4]!, behaviourSegment: i % 7,
    behaviourSegmentName: `客群${i % 7}`, behaviourSegmentNameEn: `segment ${i % 7}`, riskSegment: RISKS[i % 3]!,
    riskProbabilities: { conservative: 0.2, balanced: 0.5, aggressive: 0.3 }, declaredRisk: RISKS[(i + 1) % 3]!, suitability: 'R3',
    predictedNeeds: [...NEEDS[i % 4]!], needPropensities: { education: 0.1, retirement: 0.7, protection: 0.3, wealth_transfer: 0.4, global_allocation: 0.1, liquidity: 0.5, growth: 0.2 },
    reasons: ['seg_turnover_low', 'risk_equity_share_up', 'need_retirement_age_up'], flags: [...FLAGS[i % 4]!],
    aum: [150_000_000, 2_000_000, 300_000][i % 3]! + i,
  };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-bench-web-'));
const store = await openAdvisorStore(`sqlite:${path.join(dir, 'store.db')}`);
const { run } = await store.results.beginRun({ runKey: 'b'.repeat(64), pipeline: 'bench', asOf: '2026-06-30', modelName: 'bench', modelVersion: 'bench', riskClasses: [...RISKS] }, new Date());
// Clients interleave across RUN / BOOK advisors (A01 gets every advisors-th client), so no
// advisor's rows sit together in the primary key and a scan of the run would show in the times.
const advisors = Math.floor(RUN / BOOK);
const advisorOf = (i: number) => `A${String((i % advisors) + 1).padStart(2, '0')}`;
const loadStarted = process.hrtime.bigint();
for (let i = 0; i < RUN; i += 5000) {
  await store.results.writeScores(run.id, Array.from({ length: Math.min(5000, RUN - i) }, (_, j) => client(i + j, advisorOf(i + j), Math.floor((i + j) / advisors))), new Date());
}
await store.results.completeRun(run.id, { counts: { clientsRead: RUN, clientsAccepted: RUN, clientsRejected: 0, transactionsRead: 0, transactionsAccepted: 0, transactionsRejected: 0, scored: RUN }, durationMs: 1 }, new Date());
const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
await store.users.upsert('A01', 'advisor', await hashPassword('bench-password'), new Date());

const app = await createAdvisorApp({ store, log: silentLogger() });
const login = await app.inject({ url: '/login' });
// The raw Set-Cookie pairs: the session value is URL-encoded and must go back as it came.
const setCookie = (r: Awaited<ReturnType<typeof app.inject>>) => [r.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]).join('; ');
const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
const signedIn = await app.inject({ method: 'POST', url: '/login', headers: { cookie: setCookie(login), 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}&id=A01&password=bench-password` });
if (signedIn.statusCode !== 303) throw new Error(`sign-in: ${signedIn.statusCode} ${signedIn.body.slice(0, 200)}`);
const cookie = setCookie(signedIn);

async function measure(url: string, n: number): Promise<{ msPerPage: number; cpuMsPerPage: number; bytes: number }> {
  const warm = await app.inject({ url, headers: { cookie } });
  if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode}`);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await app.inject({ url, headers: { cookie } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { msPerPage: Number((ms / n).toFixed(1)), cpuMsPerPage: Number(((used.user + used.system) / 1000 / n).toFixed(1)), bytes: warm.body.length };
}

const first = await measure('/book', REQUESTS);
const filtered = await measure('/book?tier=B&flag=risk_mismatch&sort=risk&dir=desc&page=3', REQUESTS);
const large = await measure('/book?size=200&page=10', REQUESTS);
const csv = await measure('/book/export.csv', 5);
const calls = await measure('/calls', 10);
const clientPage = await measure(`/clients/C${String(advisors * 17).padStart(7, '0')}`, REQUESTS);
await app.close();
await store.close();
await rm(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({
  book: BOOK, run: RUN, loadSeconds: Number(loadSeconds.toFixed(1)),
  pageMs: first.msPerPage, pageCpuMs: first.cpuMsPerPage, pagesPerSecond: Math.round(1000 / first.msPerPage),
  filteredMs: filtered.msPerPage, filteredCpuMs: filtered.cpuMsPerPage,
  page200Ms: large.msPerPage, page200CpuMs: large.cpuMsPerPage,
  csvMs: csv.msPerPage, csvBytes: csv.bytes,
  callsMs: calls.msPerPage, callsCpuMs: calls.cpuMsPerPage, clientMs: clientPage.msPerPage, clientCpuMs: clientPage.cpuMsPerPage, peakRssMiB: peakRssMiB(),
})}\n`);
