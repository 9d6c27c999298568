/**
 * The work queue. Checking always runs in the background from a queue kept in the database:
 * - SQLite: the `documents` table is the queue (status queued → checking → done/failed); the server's own
 *   worker threads take documents in order. A server killed mid-batch puts `checking` back to `queued` when it
 *   starts again, so the batch resumes and nothing is lost (the bytes were committed before the upload answered).
 * - PostgreSQL: pg-boss (a maintained job queue on PostgreSQL, SKIP LOCKED) carries one job per document;
 *   `juesuan serve` and any number of `juesuan worker` processes, on any machine, take jobs from it. A job
 *   whose worker died expires and is retried by pg-boss.
 */
import type { Database } from '../db/index.js';
import { claimNextQueued, getBlob, startChecking, storeResult } from '../db/repo.js';
import type { DocumentRow } from '../db/schema.js';
import { compareAgain, crossYearFindings, recheckFollowingYear } from './cross-year.js';
import { CheckThreads, type CheckOutput } from './threads.js';

const QUEUE_NAME = 'juesuan-check';

export interface WorkQueue {
  /** Announce documents already committed with status `queued`. */
  enqueue(ids: number[]): Promise<void>;
  /** Take and check documents in this process with `threads` worker threads. */
  work(threads: number): Promise<void>;
  close(): Promise<void>;
}

/** Check one claimed document and store the result. */
async function checkDocument(database: Database, threads: CheckThreads, doc: DocumentRow): Promise<void> {
  const bytes = await getBlob(database.db, doc.sha256);
  let out: CheckOutput;
  if (!bytes) out = { resultJson: JSON.stringify({ file: doc.filename, findings: [], error: { code: 'missing', message: '找不到文件内容' } }), errors: 0, warnings: 0, infos: 0, failed: '找不到文件内容' };
  else {
    // A disclosure filed under a department and year is also extracted, for next year's cross-year check.
    const filed = doc.kind === 'upload' && doc.department_id !== null && doc.year !== null;
    out = await threads.check(doc.kind, new Uint8Array(bytes), doc.filename, filed);
  }
  if (!out.failed) out = await crossYearFindings(database.db, doc, bytes!, out);
  await storeResult(database.db, doc, out);
  if (!out.failed) {
    // Y−1 checked by another worker meanwhile (it saw this one unfinished): compare this one again.
    await compareAgain(database.db, doc.id, { afterOwnCheck: true });
    // Last year's disclosure arriving after this year's: this year's 上年 figures are compared again.
    await recheckFollowingYear(database.db, doc);
  }
}

class SqliteQueue implements WorkQueue {
  private threads: CheckThreads | null = null;
  private running = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly database: Database) {}

  async enqueue(): Promise<void> {
    this.pump();
  }

  async work(n: number): Promise<void> {
    // Whatever was being checked when the last server stopped is checked again.
    await this.database.db.updateTable('documents').set({ status: 'queued' }).where('status', '=', 'checking').execute();
    this.threads = new CheckThreads(n);
    this.timer = setInterval(() => this.pump(), 1000);
    this.pump();
  }

  private pump(): void {
    const threads = this.threads;
    if (!threads || this.stopped) return;
    while (this.running < threads.size) {
      this.running++;
      void this.loop(threads);
    }
  }

  private async loop(threads: CheckThreads): Promise<void> {
    try {
      while (!this.stopped) {
        const doc = await claimNextQueued(this.database.db);
        if (!doc) break;
        try {
          await checkDocument(this.database, threads, doc);
        } catch (err) {
          // Storing failed (not the check: that never throws): record it rather than leave it `checking`.
          const message = `保存审核结果失败：${(err as Error).message}`;
          await this.database.db.updateTable('documents').set({ status: 'failed', error: message }).where('id', '=', doc.id).execute();
        }
      }
    } catch (err) {
      if (!this.stopped) process.stderr.write(`juesuan: 审核队列出错：${(err as Error).message}\n`);
    } finally {
      this.running--;
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.threads?.close();
  }
}

type Boss = import('pg-boss');

/** The pg-boss job id of a document's check (a UUID made from the document id; inserting it twice is a no-op). */
function jobId(documentId: number): string {
  return `00000000-0000-4000-8000-${documentId.toString(16).padStart(12, '0')}`;
}

class PgBossQueue implements WorkQueue {
  private threads: CheckThreads | null = null;
  private constructor(
    private readonly database: Database,
    private readonly boss: Boss,
  ) {}

  static async open(database: Database): Promise<PgBossQueue> {
    const PgBoss = (await import('pg-boss')).default;
    const expire = Number(process.env.JUESUAN_JOB_EXPIRE_SECONDS ?? 300);
    const boss = new PgBoss({
      connectionString: database.url!,
      schema: 'pgboss',
      max: 4,
      expireInSeconds: expire,
      retryLimit: 5,
      retryDelay: 1,
      maintenanceIntervalSeconds: Number(process.env.JUESUAN_JOB_MAINTENANCE_SECONDS ?? 30),
    });
    boss.on('error', (err) => process.stderr.write(`juesuan: pg-boss：${err.message}\n`));
    await boss.start();
    await boss.createQueue(QUEUE_NAME).catch(() => undefined); // exists already
    const q = new PgBossQueue(database, boss);
    // A process killed between committing an upload and announcing it left documents `queued` without a job:
    // announce every queued document again (a job id per document, so one already waiting is not doubled).
    const queued = await database.db.selectFrom('documents').select('id').where('status', '=', 'queued').execute();
    await q.enqueue(queued.map((d) => d.id));
    return q;
  }

  async enqueue(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.boss.insert(ids.slice(i, i + 500).map((id) => ({ id: jobId(id), name: QUEUE_NAME, data: { documentId: id } })));
    }
  }

  async work(n: number): Promise<void> {
    this.threads = new CheckThreads(n);
    const threads = this.threads;
    for (let i = 0; i < n; i++) {
      await this.boss.work<{ documentId: number }>(QUEUE_NAME, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) {
          // pg-boss hands a job to one worker at a time; a redelivered job (its worker died) finds `checking`.
          const doc = await startChecking(this.database.db, job.data.documentId, true);
          if (doc) await checkDocument(this.database, threads, doc);
        }
      });
    }
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await this.threads?.close();
  }
}

export async function openQueue(database: Database): Promise<WorkQueue> {
  return database.dialect === 'postgres' ? PgBossQueue.open(database) : new SqliteQueue(database);
}
