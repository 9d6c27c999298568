/**
 * A pool of worker threads that check files for `juesuan check` batches (and bench/pdf.ts).
 *
 * Each worker loads the engine once and runs `checkBytes` / `checkModelFile` on the bytes it is sent; the
 * CheckResult goes back as a JSON string (results are plain data, and one string is the cheapest thing to
 * move between threads). A ReadError thrown in a worker is thrown again here as a ReadError with the same
 * code, so the CLI reports it exactly as in-process. Jobs go to the first idle worker, so a slow PDF does
 * not hold up the files behind it on the other core; the caller puts the results back in input order.
 *
 * Workers run the TypeScript sources through tsx (registered in each worker by its entry script, resolved
 * from this package so it works from any directory). A worker that dies while checking (crash, out of memory) fails only the job it had
 * and a new worker takes its place; a worker that cannot start is dropped, and if none can, the pool checks
 * in this thread instead, so a batch never fails for want of threads.
 */
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CheckResult } from '../engine/types.js';
import { ReadError } from '../readers/types.js';

type Kind = 'doc' | 'model';

interface JobMessage {
  id: number;
  kind: Kind;
  file: string;
  bytes: Uint8Array;
}

type ReplyMessage =
  | { ready: true }
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; error: { readError: boolean; code: string; message: string; stack?: string } };

interface Job {
  msg: JobMessage;
  resolve(r: CheckResult): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

const WORKER_FLAG = 'juesuanCheckPool';

/** Cores this process may use (os.availableParallelism where Node has it). */
export function coreCount(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** The default pool size: one worker per core, at most two (a check holds a whole PDF in memory). */
export function defaultPoolSize(): number {
  return Math.min(2, coreCount());
}

/**
 * Have pdfjs inflate PDF streams in this thread. pdfjs-dist 5 sends every Flate stream through the global
 * DecompressionStream when there is one; in Node that is a web stream over zlib on the libuv pool, one
 * asynchronous round trip per stream, and a PDF has hundreds of small streams: the thread waited ~20% of a
 * PDF check (CPU profile "idle"). Without the global, pdfjs uses its own synchronous inflate (same bytes):
 * ~14% less time reading the corpus PDFs. The global is removed only in processes and threads juesuan runs
 * itself (`juesuan check`, its workers, bench/pdf.ts), never by the library code.
 */
export function inflateInThread(): void {
  const g = globalThis as { DecompressionStream?: unknown };
  if (g.DecompressionStream !== undefined) delete g.DecompressionStream;
}

/** tsx's ESM register API, resolved from this package (require.resolve finds the .cjs twin of the .mjs). */
function tsxApi(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

/**
 * The worker's entry: register tsx in the worker, then load this module, which sees workerData and runs
 * workerMain. (`execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20: the entry then
 * fails with ERR_UNKNOWN_FILE_EXTENSION ".ts".)
 */
function workerBoot(): string {
  const self = JSON.stringify(import.meta.url);
  return `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${self}); });`;
}

export class CheckPool {
  readonly size: number;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when no worker could start: the pool then checks in this thread. */
  private inThreadOnly = false;
  private inThread: Promise<typeof import('../engine/check.js')> | null = null;
  private readyWaiters: (() => void)[] = [];

  /** `boot` replaces the worker's entry script (tests use it to make workers that cannot start). */
  constructor(
    size: number = defaultPoolSize(),
    private readonly opts: { boot?: string } = {},
  ) {
    this.size = Math.max(1, Math.floor(size));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  checkBytes(bytes: Uint8Array, file: string): Promise<CheckResult> {
    return this.submit('doc', bytes, file);
  }

  checkModelFile(bytes: Uint8Array, file: string): Promise<CheckResult> {
    return this.submit('model', bytes, file);
  }

  /** Workers that have started and loaded the engine (0 when the pool checks in this thread). */
  get readyWorkers(): number {
    return this.slots.filter((s) => s.ready).length;
  }

  /** Resolves once every worker has loaded the engine (or the pool has fallen back to this thread). */
  ready(): Promise<void> {
    if (this.allReady()) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private allReady(): boolean {
    return this.closed || this.inThreadOnly || this.slots.every((s) => s.ready);
  }

  private wakeReadyWaiters(): void {
    if (!this.allReady()) return;
    for (const w of this.readyWaiters.splice(0)) w();
  }

  /** Stop the workers; jobs not yet finished are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new Error('检查线程池已关闭');
    for (const j of this.queue.splice(0)) j.reject(gone);
    for (const s of this.slots) {
      s.job?.reject(gone);
      s.job = null;
    }
    this.wakeReadyWaiters();
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private submit(kind: Kind, bytes: Uint8Array, file: string): Promise<CheckResult> {
    if (this.closed) return Promise.reject(new Error('检查线程池已关闭'));
    if (this.inThreadOnly) return this.runInThread(kind, bytes, file);
    return new Promise<CheckResult>((resolve, reject) => {
      this.queue.push({ msg: { id: this.nextId++, kind, file, bytes }, resolve, reject });
      this.dispatch();
    });
  }

  private async runInThread(kind: Kind, bytes: Uint8Array, file: string): Promise<CheckResult> {
    this.inThread ??= import('../engine/check.js');
    const engine = await this.inThread;
    return kind === 'model' ? engine.checkModelFile(bytes, file) : engine.checkBytes(bytes, file);
  }

  private dispatch(): void {
    for (const s of this.slots) {
      if (this.queue.length === 0) return;
      if (!s.ready || s.job) continue;
      const job = this.queue.shift()!;
      s.job = job;
      s.worker.postMessage(job.msg);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.boot ?? workerBoot(), {
      eval: true,
      workerData: { [WORKER_FLAG]: true },
    });
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (m: ReplyMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        this.wakeReadyWaiters();
        this.dispatch();
        return;
      }
      const job = slot.job;
      slot.job = null;
      if (job && job.msg.id === m.id) {
        if (m.ok) job.resolve(JSON.parse(m.json) as CheckResult);
        else job.reject(toError(m.error));
      }
      this.dispatch();
    });
    const lost = (why: unknown): void => {
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // already handled ('error' is followed by 'exit')
      const job = slot.job;
      slot.job = null;
      const msg = why instanceof Error ? why.message : String(why);
      job?.reject(new Error(`检查线程意外退出（${msg}）`));
      if (slot.ready) {
        // It worked before: a file killed it (crash, out of memory). A fresh worker takes its place.
        this.slots[i] = this.spawn();
        return;
      }
      // It never started (e.g. the loader is missing): no point trying again.
      this.slots.splice(i, 1);
      if (this.slots.length === 0) {
        this.inThreadOnly = true;
        for (const j of this.queue.splice(0)) this.runInThread(j.msg.kind, j.msg.bytes, j.msg.file).then(j.resolve, j.reject);
      }
      this.wakeReadyWaiters();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(`退出码 ${code}`));
    return slot;
  }
}

function toError(e: { readError: boolean; code: string; message: string; stack?: string }): Error {
  if (e.readError) return new ReadError(e.code as ReadError['code'], e.message);
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Inside a worker: load the engine, say ready, then check whatever arrives. */
async function workerMain(): Promise<void> {
  const port = parentPort!;
  inflateInThread();
  const engine = await import('../engine/check.js');
  port.on('message', async (m: JobMessage) => {
    let reply: ReplyMessage;
    try {
      const r = m.kind === 'model' ? await engine.checkModelFile(m.bytes, m.file) : await engine.checkBytes(m.bytes, m.file);
      reply = { id: m.id, ok: true, json: JSON.stringify(r) };
    } catch (err) {
      const e = err as Error;
      reply = {
        id: m.id,
        ok: false,
        error: {
          readError: err instanceof ReadError,
          code: err instanceof ReadError ? err.code : 'internal',
          message: e?.message ?? String(err),
          stack: e?.stack,
        },
      };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies ReplyMessage);
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  void workerMain();
}
