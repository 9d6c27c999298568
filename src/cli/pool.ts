/**
 * The worker threads that check files for `juesuan check` (every mode: one file or thousands), extract a model
 * for `juesuan extract`, read a workbook for `juesuan import`, and serve bench/pdf.ts. Each file is handled on a
 * worker, where its failure cannot reach the others or the command:
 *
 * - a **memory cap** (`resourceLimits`, default 1 GB of heap per worker): a file that needs more ends its
 *   worker with ERR_WORKER_OUT_OF_MEMORY, and only that file fails;
 * - a **wall-clock limit** (the CLI asks for 20 s per file) enforced here by `worker.terminate()`, which stops the
 *   worker wherever it is (inside pdfjs, inside a regex), not by polling between pages;
 * - the same stack in every mode (deeply nested HTML gives the same answer with --jobs 1 and 8).
 *
 * A worker loads the engine once and checks one file at a time; a worker that died or was stopped is
 * replaced, so a batch keeps its warm workers. A split pool (two PDFs or more) checks each PDF in two jobs on
 * two workers: one worker only takes PDFs' text out ('read'), the others do the rest of every check; each job
 * under the same caps, the two together under the file's time limit. The built CLI starts dist/worker.cjs
 * (compiled, ~tens of ms); from the TypeScript sources the worker runs src/cli/worker.ts through tsx. A worker that cannot start at
 * all is dropped, and if none can, the pool checks in this thread (without the limits) rather than fail.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ReportResult } from '../engine/types.js';
import type { RunOptions } from '../engine/run.js';
import { ReadError } from '../readers/types.js';
import { hasPdfHeader } from '../readers/pdf/declared.js';
import type { JobFailure, JobKind, JobMessage, ReplyMessage } from './pool-protocol.js';
import { jobFailure, runJob } from './job.js';
import { DEFAULT_MEMORY_MB, startWorker, takePrespawned } from './prespawn.js';

export { inflateInThread } from './inflate.js';

interface Job {
  msg: JobMessage;
  /** The time limit of this job in ms (0: none): the file's, less what its first half took. */
  limitMs: number;
  /** A 'read' job a worker took as the whole check ('doc'): its value is the result. */
  whole?: boolean;
  resolve(r: { value: unknown; ms: number; whole?: boolean }): void;
  reject(e: unknown): void;
}

/**
 * What a worker takes: every job ('all'), or in a split pool only the first half of a PDF's check ('read',
 * readPdfText) or everything else ('rest').
 */
type Role = 'all' | 'read' | 'rest';

interface Slot {
  worker: Worker;
  role: Role;
  ready: boolean;
  job: Job | null;
  /** When the worker took its job (Date.now()). */
  since: number;
  timer: NodeJS.Timeout | null;
  /** Why this pool ended the worker (time limit), so its exit is reported as that. */
  stopped: Error | null;
  /** Jobs it has taken, by kind. */
  kinds: Partial<Record<JobKind, number>>;
}

/** Cores this process may use (os.availableParallelism where Node has it). */
export function coreCount(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * How many workers `juesuan check` starts for a batch when --jobs is not given: one per FILES_PER_WORKER files,
 * at most one per core; two (where there are two cores) for two PDFs or more, which the pool then checks in
 * two halves, one thread taking the text out and the other doing the rest (PoolOptions.split).
 * Each worker that does everything compiles and warms up the whole engine on its own, and V8's compiler and
 * garbage collector threads want a core too: measured on two cores (medians of 5, interleaved), 48 corpus PDFs
 * took 2280 ms with one such worker and 2405 ms with two. A second worker of the same kind pays only once it
 * has that many files to share; a split pair pays from the second PDF.
 */
const FILES_PER_WORKER = 16;
export function autoJobs(files: number, pdfs = 0): number {
  return Math.max(1, Math.min(coreCount(), Math.max(Math.floor(files / FILES_PER_WORKER), pdfs >= 2 ? 2 : 1)));
}

/** The default pool size: one worker per core, at most two (a check holds a whole PDF in memory). */
export function defaultPoolSize(): number {
  return Math.min(2, coreCount());
}

export const DEFAULT_TIMEOUT_MS = 20_000;

interface PoolOptions {
  /** Wall-clock limit per file in ms; 0 or absent means none (the CLI passes its default, 20 s). */
  timeoutMs?: number;
  /** Heap limit per worker in MB (default 1024). */
  memoryMb?: number;
  /** Rule settings and the scoring policy, applied to every file. */
  run?: RunOptions;
  /** Replaces the worker's entry script (tests use it to make workers that cannot start). */
  boot?: string;
  /**
   * Check each PDF in two halves on two workers (size ≥ 2): some workers only take the text out of PDFs
   * (readPdfText), the others do the rest (checkPdfText) and every other file. Each thread then compiles and
   * warms up half the code, and the halves of successive files run at once: on two cores a batch of PDFs gains
   * from both, where two workers doing everything each spent the second core's time compiling the same code.
   */
  split?: boolean;
}

/** In a split pool of n workers, how many take PDFs' text out (the reading is about a third of a check). */
function readersOf(n: number): number {
  return Math.max(1, Math.round(n * 0.35));
}

/** What a job does, in the messages about its limits. */
const VERB: Record<JobKind, string> = { doc: '审核', model: '审核', extract: '提取', import: '读取', read: '审核' };

/** A file that could not be checked within the pool's limits: a ReadError, so it is reported by name. */
class LimitError extends ReadError {}

export class CheckPool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when no worker could start: the pool then checks in this thread. */
  private inThreadOnly = false;
  private readyWaiters: (() => void)[] = [];
  private readonly split: boolean;

  constructor(
    size: number = defaultPoolSize(),
    private readonly opts: PoolOptions = {},
  ) {
    this.size = Math.max(1, Math.floor(size));
    this.timeoutMs = opts.timeoutMs ?? 0;
    this.memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
    this.split = opts.split === true && this.size >= 2;
    const readers = this.split ? readersOf(this.size) : 0;
    // (the prespawned worker, started first, takes the first slot: in a split pool the first file's first half)
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn(!this.split ? 'all' : i < readers ? 'read' : 'rest'));
  }

  async checkBytes(bytes: Uint8Array, file: string): Promise<ReportResult> {
    if (!this.split || !hasPdfHeader(bytes) || this.inThreadOnly) return (await this.submit('doc', bytes, file)) as ReportResult;
    const read = await this.run({ kind: 'read', file, bytes }, this.timeoutMs);
    if (read.whole) return read.value as ReportResult;
    // The file's time limit covers both halves.
    const left = this.timeoutMs > 0 ? Math.max(1, this.timeoutMs - read.ms) : 0;
    return (await this.run({ kind: 'doc', file, bytes: new Uint8Array(0), loaded: read.value as JobMessage['loaded'] }, left)).value as ReportResult;
  }

  checkModelFile(bytes: Uint8Array, file: string): Promise<ReportResult> {
    return this.submit('model', bytes, file) as Promise<ReportResult>;
  }

  /** `juesuan extract`: the model read from a document (as JSON data), under the same limits as a check. */
  extractModel(bytes: Uint8Array, file: string): Promise<unknown> {
    return this.submit('extract', bytes, file);
  }

  /** `juesuan import`: the model read from a workbook; its listed problems come back as a ReadError('corrupt'). */
  importWorkbook(bytes: Uint8Array, file: string, base?: unknown): Promise<unknown> {
    return this.submit('import', bytes, file, base);
  }

  /** Jobs each worker has taken, by kind, with the worker's role (for tests and the bench). */
  get taken(): { role: Role; kinds: Partial<Record<JobKind, number>> }[] {
    return this.slots.map((s) => ({ role: s.role, kinds: { ...s.kinds } }));
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
    const gone = new Error('检查线程已关闭');
    for (const j of this.queue.splice(0)) j.reject(gone);
    for (const s of this.slots) {
      if (s.timer) clearTimeout(s.timer);
      s.job?.reject(gone);
      s.job = null;
    }
    this.wakeReadyWaiters();
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private async submit(kind: JobKind, bytes: Uint8Array, file: string, base?: unknown): Promise<unknown> {
    return (await this.run({ kind, file, bytes, ...(base !== undefined ? { base } : {}) }, this.timeoutMs)).value;
  }

  /** Queue a job for a worker (or run it here when no worker could start); its value and how long it ran. */
  private run(job: Omit<JobMessage, 'id' | 'run'>, limitMs: number): Promise<{ value: unknown; ms: number; whole?: boolean }> {
    if (this.closed) return Promise.reject(new Error('检查线程已关闭'));
    const msg: JobMessage = { id: this.nextId++, run: this.opts.run ?? {}, ...job };
    if (this.inThreadOnly) return this.runInThread(msg).then((value) => ({ value, ms: 0 }));
    return new Promise((resolve, reject) => {
      this.queue.push({ msg, limitMs, resolve, reject });
      this.dispatch();
    });
  }

  /** A job in this thread (no worker could start), answered and failing as a worker's would (./job.ts). */
  private async runInThread(msg: JobMessage): Promise<unknown> {
    try {
      return await runJob(msg);
    } catch (e) {
      throw toError(jobFailure(e));
    }
  }

  private dispatch(): void {
    for (const s of this.slots) {
      if (this.queue.length === 0) return;
      if (!s.ready || s.job) continue;
      // A worker for the rest takes its first file whatever it is, a PDF's first half as the whole check: the
      // pipeline fills at once (the reader takes the next file meanwhile), and the worker has then run all of
      // the engine before it writes its code cache (src/cli/worker-loader.ts), which every worker loads.
      const first = s.role === 'rest' && Object.keys(s.kinds).length === 0;
      const at = first ? 0 : this.queue.findIndex((j) => s.role === 'all' || (j.msg.kind === 'read') === (s.role === 'read'));
      if (at < 0) continue;
      const job = this.queue.splice(at, 1)[0];
      if (first && job.msg.kind === 'read') {
        job.msg = { ...job.msg, kind: 'doc' };
        job.whole = true;
      }
      s.job = job;
      s.since = Date.now();
      s.kinds[job.msg.kind] = (s.kinds[job.msg.kind] ?? 0) + 1;
      // The clock starts when a ready worker takes the file: queueing and start-up do not count.
      if (job.limitMs > 0) {
        s.timer = setTimeout(() => {
          s.stopped = new LimitError(
            'timeout',
            `${VERB[job.msg.kind]}超过了 ${this.timeoutMs / 1000} 秒的时限，已停止（文件可能过大或结构异常；可用 --timeout 秒数 放宽）。`,
          );
          void s.worker.terminate();
        }, job.limitMs);
      }
      // (a 'doc' job with the PDF's text: the text is sent as it is; bytes are copied as before)
      s.worker.postMessage(job.msg);
    }
  }

  /** A split pool left without a reader or without a worker for the rest: every worker takes every job. */
  private unsplit(): void {
    if (this.slots.some((s) => s.role === 'read') && this.slots.some((s) => s.role === 'rest')) return;
    for (const s of this.slots) s.role = 'all';
  }

  private spawn(role: Role): Slot {
    const pre = this.opts.boot === undefined ? takePrespawned(this.memoryMb) : null;
    const worker = pre?.worker ?? startWorker(this.memoryMb, this.opts.boot);
    const slot: Slot = { worker, role, ready: pre?.ready ?? false, job: null, since: 0, timer: null, stopped: null, kinds: {} };
    worker.on('message', (m: ReplyMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        this.wakeReadyWaiters();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = null;
      if (job && job.msg.id === m.id) {
        if (m.ok) job.resolve({ value: 'json' in m ? JSON.parse(m.json) : m.value, ms: Date.now() - slot.since, whole: job.whole });
        else job.reject(toError(m.error));
      }
      this.dispatch();
    });
    const lost = (why: unknown): void => {
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // already handled ('error' is followed by 'exit')
      const job = slot.job;
      if (slot.timer) clearTimeout(slot.timer);
      slot.job = null;
      job?.reject(slot.stopped ?? lostError(why, this.memoryMb, job.msg.kind));
      if (slot.ready) {
        // It worked before: a file ended it (time limit, out of memory, crash). A fresh worker takes its place.
        this.slots[i] = this.spawn(slot.role);
        return;
      }
      // It never started (e.g. the loader is missing): no point trying again.
      this.slots.splice(i, 1);
      if (this.slots.length === 0) {
        this.inThreadOnly = true;
        for (const j of this.queue.splice(0)) this.runInThread(j.msg).then((value) => j.resolve({ value, ms: 0 }), j.reject);
      }
      this.unsplit();
      this.wakeReadyWaiters();
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(`退出码 ${code}`));
    return slot;
  }
}

/** Why a worker went away, in words a person can act on. */
function lostError(why: unknown, memoryMb: number, kind: JobKind = 'doc'): Error {
  const verb = VERB[kind];
  if ((why as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new LimitError('too-large', `${verb}所需内存超过了 ${memoryMb} MB 的上限，已停止（可用 --max-memory 兆字节数 放宽）。`);
  }
  if (why instanceof RangeError && /call stack/i.test(why.message)) {
    return new LimitError('corrupt', `文档结构嵌套过深，无法${verb}。`);
  }
  const msg = why instanceof Error ? why.message : String(why);
  return new Error(`检查线程意外退出（${msg}）`);
}

function toError(e: JobFailure): Error {
  if (e.readError) return new ReadError(e.code as ReadError['code'], e.message);
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}
