/**
 * `npx tsx bench/load.ts`: a load test of the web app on loopback. A fresh database (SQLite in a temp folder,
 * or PostgreSQL when DATABASE_URL is set) holds the example department with a checked document and three years
 * of models; then autocannon runs 50 concurrent clients, signed in as a reviewer, reading findings and charts
 * (bounded: LOAD_REQUESTS requests, default 5000, each with a 10 s timeout), and, as a reference in the same
 * run, the same count of /api/health. Prints p50/p99 latency and the failed requests (non-2xx, errors,
 * timeouts); exits 1 if any request failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../src/db/index.js';
import { createUser } from '../src/db/repo.js';
import { openQueue } from '../src/jobs/queue.js';
import { createApp } from '../src/server/app.js';
import { SignInLimiter, hashPassword } from '../src/server/auth.js';
import { seed } from '../src/server/demo.js';
import { generate } from '../src/generate/index.js';
import { parseModel } from '../src/model/parse.js';
import { renderMarkdown } from '../src/render/md.js';

interface Histogram { p50: number; p90: number; p99: number; average: number; max: number }
interface Result { latency: Histogram; requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number; duration: number; '2xx': number }
type Autocannon = (opts: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 5000);
const CONNECTIONS = 50;
const PASSWORD = 'load test password';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-load-'));
  const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir });
  const examplePath = path.join(ROOT, 'examples/cq-beibei-zfb-2020.json');
  const example = JSON.parse(fs.readFileSync(examplePath, 'utf8')) as Record<string, unknown>;
  const seeded = await seed(database, { adminPassword: PASSWORD, example });
  const region = await database.db.selectFrom('regions').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const dept = await database.db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
  await createUser(database.db, { username: 'reviewer', passwordHash: await hashPassword(PASSWORD), role: 'reviewer', regionId: region.id });

  const queue = await openQueue(database);
  await queue.work(1);
  await queue.enqueue(seeded.queued);
  const app = createApp({ database, queue, limiter: new SignInLimiter(), maxUploadBytes: 50 << 20, maxBatchBytes: 1 << 30, maxBatchFiles: 500 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  // One uploaded document (the example rendered as text) besides the three models.
  const fd = new FormData();
  fd.append('file', new File([renderMarkdown(generate(parseModel(fs.readFileSync(examplePath), examplePath)))], 'example.md'));
  fd.append('department', String(dept.id));
  fd.append('year', '2020');
  const up = (await (await fetch(`${base}/api/documents`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: fd })).json()) as { id: number };
  const docs = [...seeded.queued, up.id];
  for (;;) {
    const st = await Promise.all(docs.map(async (id) => ((await (await fetch(`${base}/api/documents/${id}`, { headers: { cookie } })).json()) as { status: string }).status));
    if (st.every((s) => s === 'done' || s === 'failed')) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  await queue.close(); // nothing left to check: the load test measures reading only

  const reads = [
    ...docs.map((id) => `/api/documents/${id}/findings`),
    `/api/charts/departments/${dept.id}/expenditure`,
    `/api/charts/departments/${dept.id}/sangong`,
    `/api/charts/departments/${dept.id}/execution`,
    `/api/charts/regions/${region.id}/ranking?year=2020`,
    '/api/tree',
  ];
  const run = (requests: { path: string }[]) =>
    autocannon({ url: base, connections: CONNECTIONS, amount: REQUESTS, timeout: 10, headers: { cookie }, requests });

  const load = uptimeLoad();
  const ref = await run([{ path: '/api/health' }]);
  const res = await run(reads.map((p) => ({ path: p })));
  const row = (name: string, r: Result) =>
    `| ${name} | ${r.requests.total} | ${CONNECTIONS} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${Math.round(r.requests.total / Math.max(r.duration, 0.001))} | ${r.non2xx + r.errors + r.timeouts} |`;
  console.log(`juesuan load test on ${database.dialect}, loopback, load average before: ${load}`);
  console.log('| requests | count | clients | p50 ms | p99 ms | max ms | req/s | failed |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(row(`findings + charts (${reads.length} URLs)`, res));
  console.log(row('reference: /api/health', ref));
  server.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const failed = res.non2xx + res.errors + res.timeouts + ref.non2xx + ref.errors + ref.timeouts;
  process.exit(failed > 0 ? 1 : 0);
}

function uptimeLoad(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
