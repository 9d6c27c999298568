/**
 * Batches through real processes: 100 documents uploaded at once show progress and finish; the server killed
 * (SIGKILL) mid-batch and started again finishes the batch with every byte kept, on SQLite and on PostgreSQL;
 * on PostgreSQL two `juesuan worker` processes share a batch and no document is checked twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.js';
import { sha256 } from '../src/db/repo.js';
import { DIALECTS, ROOT, exampleText, freshDb, waitFor, type TestDb } from './server-helpers.js';

const MAIN = path.join(ROOT, 'src/cli/main.ts');
const PASSWORD = 'batch test password';
const procs = new Set<ChildProcess>();

function run(args: string[], env: Record<string, string | undefined>, ready: RegExp): Promise<ChildProcess> {
  // One process (node --import tsx), so that SIGKILL kills the server itself, as a crash would.
  const p = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, JUESUAN_ADMIN_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.add(p);
  p.on('exit', () => procs.delete(p));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} 未能启动：${out}`)), 90_000);
    const on = (b: Buffer) => {
      out += b.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(p);
      }
    };
    p.stdout!.on('data', on);
    p.stderr!.on('data', on);
    p.on('exit', (code) => reject(new Error(`${args[0]} 退出（${code}）：${out}`)));
  });
}

const kill = (p: ChildProcess, sig: NodeJS.Signals = 'SIGKILL') =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill(sig);
  });

afterAll(async () => {
  for (const p of procs) await kill(p);
});

class Http {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async login(): Promise<void> {
    const r = await fetch(`${this.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    expect(r.status).toBe(200);
    this.cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  }
  async get(p: string): Promise<any> {
    const r = await fetch(`${this.base}${p}`, { headers: { cookie: this.cookie } });
    return r.json();
  }
  async upload(docs: Uint8Array[]): Promise<{ id: number; documents: number[] }> {
    const fd = new FormData();
    docs.forEach((b, i) => fd.append('file', new File([b], `doc-${i}.md`)));
    fd.append('year', '2020');
    const r = await fetch(`${this.base}/api/batches`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf }, body: fd });
    expect(r.status).toBe(201);
    return r.json() as Promise<{ id: number; documents: number[] }>;
  }
}

const docs = (n: number) => Array.from({ length: n }, (_, i) => exampleText(`\n批次文档第${i + 1}号。\n`));
let port = 19100 + Math.floor(Math.random() * 500);

describe.each(DIALECTS)('batches on %s', (dialect) => {
  let t: TestDb;
  afterAll(async () => {
    for (const p of procs) await kill(p);
    await t?.drop();
  }, 60_000);

  it('should finish a batch of 100 documents with progress, and resume it after the server is killed mid-batch', async () => {
    t = await freshDb(dialect);
    const env = { DATABASE_URL: t.url, JUESUAN_JOB_EXPIRE_SECONDS: '5', JUESUAN_JOB_MAINTENANCE_SECONDS: '1' };
    const p = port++;
    const args = ['serve', '--port', String(p), '--data', t.dataDir, '--workers', '2', '--no-demo'];
    let server = await run(args, env, /已启动/);
    const http = new Http(`http://127.0.0.1:${p}`);
    await http.login();
    const bytes = docs(100);
    const batch = await http.upload(bytes);
    expect(batch.documents).toHaveLength(100);
    const seen: number[] = [];
    await waitFor('some documents checked', async () => {
      const b = await http.get(`/api/batches/${batch.id}`);
      seen.push(b.done);
      return b.done >= 3 ? b : null;
    }, 180_000, 100);
    await kill(server);
    const mid = seen[seen.length - 1]!;
    expect(mid).toBeLessThan(100);

    server = await run(args, env, /已启动/);
    await http.login();
    const end = await waitFor('batch finished', async () => {
      const b = await http.get(`/api/batches/${batch.id}`);
      seen.push(b.done);
      return b.done + b.failed === 100 ? b : null;
    }, 400_000, 250);
    expect(end).toMatchObject({ total: 100, done: 100, failed: 0, queued: 0, checking: 0 });
    // Progress was visible: the count went up in steps, never down.
    expect(new Set(seen).size).toBeGreaterThan(3);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    // Nothing lost: every document's bytes are the bytes uploaded.
    const database = await openDatabase({ url: t.url, dataDir: t.dataDir });
    try {
      const rows = await database.db.selectFrom('documents').select(['id', 'sha256']).where('batch_id', '=', batch.id).orderBy('id').execute();
      expect(rows.map((r) => r.sha256)).toEqual(bytes.map(sha256));
      const blobs = await database.db.selectFrom('blobs').select(['sha256', 'bytes']).where('sha256', 'in', rows.map((r) => r.sha256)).execute();
      expect(blobs).toHaveLength(100);
      for (const b of blobs) expect(sha256(new Uint8Array(b.bytes))).toBe(b.sha256);
    } finally {
      await database.close();
    }
    await kill(server, 'SIGTERM');
  }, 600_000);

});

describe('juesuan worker on postgres', () => {
  it('should share a batch between two `juesuan worker` processes without checking a document twice', async () => {
    const t2 = await freshDb('postgres');
    try {
      const env = { DATABASE_URL: t2.url };
      const p = port++;
      const server = await run(['serve', '--port', String(p), '--workers', '0', '--no-demo'], env, /已启动/);
      const w1 = await run(['worker', '--threads', '1'], env, /worker 已启动/);
      const w2 = await run(['worker', '--threads', '1'], env, /worker 已启动/);
      const http = new Http(`http://127.0.0.1:${p}`);
      await http.login();
      const batch = await http.upload(docs(30));
      await waitFor('batch finished', async () => {
        const b = await http.get(`/api/batches/${batch.id}`);
        return b.done + b.failed === 30 ? b : null;
      }, 400_000, 250);
      const database = await openDatabase({ url: t2.url });
      try {
        const rows = await database.db.selectFrom('documents').select(['check_runs', 'checked_by', 'status']).where('batch_id', '=', batch.id).execute();
        expect(rows.every((r) => r.status === 'done')).toBe(true);
        expect(rows.map((r) => r.check_runs)).toEqual(rows.map(() => 1));
        // Both workers took part (the server checks nothing: --workers 0).
        const by = new Set(rows.map((r) => r.checked_by));
        expect(by.size).toBe(2);
        for (const pid of [w1.pid, w2.pid]) expect([...by].some((x) => x?.endsWith(`:${pid}`)), `worker ${pid} checked some`).toBe(true);
      } finally {
        await database.close();
      }
      for (const x of [server, w1, w2]) await kill(x, 'SIGTERM');
    } finally {
      await t2.drop();
    }
  }, 600_000);
});
