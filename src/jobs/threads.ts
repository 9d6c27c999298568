/**
 * Worker threads that run the checking engine for the server and `juesuan worker`: bytes in, the
 * `juesuan check --format json` result object for that one file out (as a JSON string, plus counts).
 * A thread that dies while checking fails only that document and is replaced. The engine functions are the
 * library's (src/engine/check.ts + src/formatters/json.ts); nothing of the CLI is used.
 */
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface CheckOutput {
  /** JSON of one element of the json report's "results". */
  resultJson: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Set when the file could not be read at all (the result carries `error`). */
  failed: string | null;
  /** engine/extract.ts's model, when asked for. */
  extractedJson?: string | null;
  /** The text the findings' offsets point into (DOCX/HTML/TXT uploads; null for PDFs, whose view is the page). */
  text?: string | null;
}

interface Job {
  id: number;
  kind: 'upload' | 'model';
  file: string;
  bytes: Uint8Array;
  extract: boolean;
}
type Reply = { ready: true } | { id: number; out: CheckOutput };

const FLAG = 'juesuanServerCheck';

/** Check one file in this thread (used by the worker threads, and by tests). */
export async function checkToJson(kind: 'upload' | 'model', bytes: Uint8Array, file: string, extract = false): Promise<CheckOutput> {
  const engine = await import('../engine/check.js');
  const { jsonResult } = await import('../formatters/json.js');
  try {
    const r = kind === 'model' ? await engine.checkModelFile(bytes, file) : await engine.checkBytes(bytes, file);
    const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
    const obj = jsonResult({ file: r.file, findings: r.findings, doc: r.doc, internalErrors: r.internalErrors, kind: r.kind });
    let extractedJson: string | null = null;
    if (extract && kind === 'upload') {
      const { extractFigures } = await import('../engine/extract.js');
      extractedJson = JSON.stringify(await extractFigures(bytes, file).catch(() => null));
    }
    const text = kind === 'upload' && r.doc && r.doc.format !== 'pdf' ? r.doc.text : null;
    return { resultJson: JSON.stringify(obj), errors: count('error'), warnings: count('warning'), infos: count('info'), failed: null, extractedJson, text };
  } catch (err) {
    const e = err as { code?: string; message?: string; name?: string };
    const code = e?.name === 'ReadError' && e.code ? e.code : 'internal';
    const message = code === 'internal' ? `审核时发生内部错误：${e?.message ?? String(err)}` : (e?.message ?? String(err));
    const obj = { file, findings: [], error: { code, message } };
    return { resultJson: JSON.stringify(obj), errors: 0, warnings: 0, infos: 0, failed: message };
  }
}

function boot(): string {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); });`;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: { job: Job; resolve(o: CheckOutput): void } | null;
}

export class CheckThreads {
  private slots: Slot[] = [];
  private waiting: { job: Job; resolve(o: CheckOutput): void }[] = [];
  private next = 1;
  private closed = false;

  constructor(readonly size = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length))) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  check(kind: 'upload' | 'model', bytes: Uint8Array, file: string, extract = false): Promise<CheckOutput> {
    if (this.closed) return Promise.reject(new Error('检查线程已关闭'));
    return new Promise((resolve) => {
      this.waiting.push({ job: { id: this.next++, kind, file, bytes, extract }, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private dispatch(): void {
    for (const s of this.slots) {
      if (this.waiting.length === 0) return;
      if (!s.ready || s.job) continue;
      s.job = this.waiting.shift()!;
      s.worker.postMessage(s.job.job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(boot(), { eval: true, workerData: { [FLAG]: true }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (m: Reply) => {
      if ('ready' in m) slot.ready = true;
      else if (slot.job && slot.job.job.id === m.id) {
        slot.job.resolve(m.out);
        slot.job = null;
      }
      this.dispatch();
    });
    const lost = (why: unknown): void => {
      const i = this.slots.indexOf(slot);
      if (this.closed || i < 0) return;
      const pending = slot.job;
      slot.job = null;
      if (pending) {
        const message = `审核线程意外退出（${why instanceof Error ? why.message : String(why)}），文件可能过大或损坏`;
        pending.resolve({ resultJson: JSON.stringify({ file: pending.job.file, findings: [], error: { code: 'internal', message } }), errors: 0, warnings: 0, infos: 0, failed: message });
      }
      this.slots[i] = this.spawn();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(`退出码 ${code}`));
    return slot;
  }
}

async function threadMain(): Promise<void> {
  const port = parentPort!;
  // pdfjs inflates in-thread without the global DecompressionStream (faster; see src/cli/pool.ts).
  delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
  await import('../engine/check.js');
  port.on('message', async (j: Job) => {
    port.postMessage({ id: j.id, out: await checkToJson(j.kind, j.bytes, j.file, j.extract) } satisfies Reply);
  });
  port.postMessage({ ready: true } satisfies Reply);
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[FLAG]) void threadMain();
