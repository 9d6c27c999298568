/**
 * Shared by the server tests: a fresh database per run on SQLite (temp folder) or PostgreSQL (a new database
 * juesuan_test_<random> on 127.0.0.1:5432, dropped afterwards), an in-process app, and a small HTTP client
 * that keeps the session cookie and CSRF token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { openDatabase, type Database } from '../src/db/index.js';
import { openQueue, type WorkQueue } from '../src/jobs/queue.js';
import { createApp } from '../src/server/app.js';
import { SignInLimiter, hashPassword } from '../src/server/auth.js';
import type { AppEnv } from '../src/server/context.js';
import { createUser } from '../src/db/repo.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown } from '../src/render/md.js';
import { parseModel } from '../src/model/parse.js';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const EXAMPLE_PATH = path.join(ROOT, 'examples/cq-beibei-zfb-2020.json');
export const example = (): Record<string, unknown> => JSON.parse(fs.readFileSync(EXAMPLE_PATH, 'utf8'));
export const PG_ADMIN_URL = process.env.JUESUAN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PG_FIX =
  'PostgreSQL 未运行（127.0.0.1:5432）。启动：pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export interface TestDb {
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database (PostgreSQL: a new database; fails with the fix when the server is down). */
export async function freshDb(dialect: Dialect): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-test-'));
  if (dialect === 'sqlite') return { url: undefined, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const pg = (await import('pg')).default;
  const name = `juesuan_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`${PG_FIX}（${(err as Error).message}）`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: Hono<AppEnv>;
  database: Database;
  queue: WorkQueue;
  close(): Promise<void>;
}

export async function startApp(t: TestDb, opts: { workers?: number; maxUploadBytes?: number } = {}): Promise<TestApp> {
  const database = await openDatabase({ url: t.url, dataDir: t.dataDir });
  const queue = await openQueue(database);
  if ((opts.workers ?? 1) > 0) await queue.work(opts.workers ?? 1);
  const app = createApp({
    database,
    queue,
    limiter: new SignInLimiter(),
    maxUploadBytes: opts.maxUploadBytes ?? 5 * 1024 * 1024,
    maxBatchBytes: 64 * 1024 * 1024,
    maxBatchFiles: 200,
  });
  return {
    app,
    database,
    queue,
    close: async () => {
      await queue.close();
      await database.close();
    },
  };
}

/** Regions 重庆市 › 北碚区 and 上海市; department A (北碚, with a unit) and B (上海); users of every role. */
export async function seedOrg(database: Database) {
  const db = database.db;
  const r1 = await db.insertInto('regions').values({ name: '重庆市', parent_id: null }).returning('id').executeTakeFirstOrThrow();
  const r2 = await db.insertInto('regions').values({ name: '北碚区', parent_id: r1.id }).returning('id').executeTakeFirstOrThrow();
  const r3 = await db.insertInto('regions').values({ name: '上海市', parent_id: null }).returning('id').executeTakeFirstOrThrow();
  const a = await db.insertInto('departments').values({ region_id: r2.id, parent_id: null, name: '重庆市北碚区人民政府办公室', kind: 'department' }).returning('id').executeTakeFirstOrThrow();
  const unit = await db.insertInto('departments').values({ region_id: r2.id, parent_id: a.id, name: '北碚区电子政务中心', kind: 'unit' }).returning('id').executeTakeFirstOrThrow();
  const b = await db.insertInto('departments').values({ region_id: r3.id, parent_id: null, name: '上海市某局', kind: 'department' }).returning('id').executeTakeFirstOrThrow();
  const pw = await hashPassword(PASSWORD);
  await createUser(db, { username: 'admin', passwordHash: pw, role: 'admin' });
  await createUser(db, { username: 'reviewer', passwordHash: pw, role: 'reviewer', regionId: r1.id });
  await createUser(db, { username: 'filer', passwordHash: pw, role: 'filer', departmentId: a.id });
  return { regionCq: r1.id, regionBeibei: r2.id, regionSh: r3.id, deptA: a.id, unitA: unit.id, deptB: b.id };
}

export const PASSWORD = 'correct horse battery';

export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly app: Hono<AppEnv>) {}

  async login(username: string, password = PASSWORD): Promise<Response> {
    const res = await this.req('POST', '/api/session', { username, password });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  async req(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    return this.app.request(url, { method, headers: h, body: payload });
  }

  async json<T = any>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.req(method, url, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export function form(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const f of files) fd.append('file', new File([f.bytes], f.name));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/** The example disclosure as Markdown text (a document that checks quickly). */
export function exampleText(suffix = ''): Uint8Array {
  const model = parseModel(fs.readFileSync(EXAMPLE_PATH), EXAMPLE_PATH);
  return new TextEncoder().encode(renderMarkdown(generate(model)) + suffix);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
