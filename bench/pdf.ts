/**
 * Benchmark of the PDF path: `pdftotext -layout` (poppler, a separate process per file) against our
 * readPdf + rebuildTables, per corpus PDF (cold first read and warm median, split into text extraction,
 * line layout and table rebuild), and a batch of all files run sequentially on one core vs spread over
 * worker_threads (one per core). Run alone with `npx tsx bench/pdf.ts`; bench/run.ts calls benchPdf().
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readPdfWithTables } from '../src/readers/pdf.js';

export interface PdfBenchRow {
  file: string;
  pages: number;
  /** Median wall time of one `pdftotext -layout FILE -` run (process included), ms. */
  pdftotextMs: number;
  /** First read in this process (module and font warm-up included), ms. */
  coldMs: number;
  /** Median of warm runs, ms, and its split. */
  warmMs: number;
  extractMs: number;
  layoutMs: number;
  tablesMs: number;
  /** warmMs / pdftotextMs. */
  ratio: number;
  tablesFound: number;
  tablesFlagged: number;
}

export interface PdfBatchRow {
  file: 'batch';
  jobs: number;
  workers: number;
  pdftotextMs: number;
  sequentialMs: number;
  /** Batch on the warm worker pool, ms (pool start-up and warm-up excluded, reported in poolStartMs). */
  parallelMs: number;
  poolStartMs: number;
  ratioSequential: number;
  ratioParallel: number;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/pdf');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;

function timePdftotext(file: string): number {
  const t0 = performance.now();
  execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  return performance.now() - t0;
}

async function runOurs(bytes: Uint8Array, name: string) {
  const t0 = performance.now();
  const r = await readPdfWithTables(bytes, name);
  return { ms: performance.now() - t0, r };
}

/** Worker bootstrap: register tsx in the worker, then load this module (which sees workerData). */
const WORKER_BOOT = (self: string) => {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(self).href)}); });`;
};

/**
 * Run a list of files on a pool of `workers` threads. The pool is started and warmed (each worker reads
 * one file) before the clock starts, as a batch service would keep it; the start-up time is returned too.
 */
async function parallel(files: string[], workers: number): Promise<{ ms: number; startMs: number }> {
  const self = fileURLToPath(import.meta.url);
  const t0 = performance.now();
  const pool = Array.from({ length: workers }, () => new Worker(WORKER_BOOT(self), { eval: true, workerData: { pdfBench: true } }));
  const run = (w: Worker, chunk: string[]) =>
    new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.postMessage(chunk);
    });
  await Promise.all(pool.map((w) => run(w, files.slice(0, 1))));
  const startMs = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all(pool.map((w, k) => run(w, files.filter((_, i) => i % workers === k))));
  const ms = performance.now() - t1;
  await Promise.all(pool.map((w) => w.terminate()));
  return { ms, startMs };
}

export async function benchPdf(opts: { runs?: number; batchCopies?: number } = {}): Promise<(PdfBenchRow | PdfBatchRow)[]> {
  const runs = opts.runs ?? 5;
  if (!fs.existsSync(CORPUS)) throw new Error(`语料目录不存在：${CORPUS}`);
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).sort();
  const rows: (PdfBenchRow | PdfBatchRow)[] = [];
  for (const f of files) {
    const full = path.join(CORPUS, f);
    const bytes = new Uint8Array(fs.readFileSync(full));
    const cold = await runOurs(bytes, f);
    const warm: Awaited<ReturnType<typeof runOurs>>[] = [];
    for (let i = 0; i < runs; i++) warm.push(await runOurs(bytes, f));
    const tt: number[] = [];
    for (let i = 0; i < runs; i++) tt.push(timePdftotext(full));
    const mid = warm.sort((a, b) => a.ms - b.ms)[Math.floor(warm.length / 2)];
    const p = median(tt);
    rows.push({
      file: f,
      pages: mid.r.doc.pageCount ?? 0,
      pdftotextMs: r1(p),
      coldMs: r1(cold.ms),
      warmMs: r1(mid.ms),
      extractMs: r1(mid.r.timing.extractMs),
      layoutMs: r1(mid.r.timing.layoutMs),
      tablesMs: r1(mid.r.timing.tablesMs),
      ratio: r1(mid.ms / p),
      tablesFound: mid.r.tables.length,
      tablesFlagged: mid.r.tables.filter((t) => t.flagged).length,
    });
  }
  // Batch: every file `copies` times (sequential runs are warm: the files were read above).
  const copies = opts.batchCopies ?? 4;
  const batch = Array.from({ length: copies }, () => files.map((f) => path.join(CORPUS, f))).flat();
  let t0 = performance.now();
  for (const f of batch) timePdftotext(f);
  const pdftotextMs = performance.now() - t0;
  t0 = performance.now();
  for (const f of batch) await runOurs(new Uint8Array(fs.readFileSync(f)), f);
  const sequentialMs = performance.now() - t0;
  const workers = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
  const par = await parallel(batch, workers);
  rows.push({
    file: 'batch', jobs: batch.length, workers, pdftotextMs: r1(pdftotextMs), sequentialMs: r1(sequentialMs), parallelMs: r1(par.ms),
    poolStartMs: r1(par.startMs), ratioSequential: r1(sequentialMs / pdftotextMs), ratioParallel: r1(par.ms / pdftotextMs),
  });
  return rows;
}

function workerMain(): void {
  parentPort!.on('message', async (files: string[]) => {
    for (const f of files) await readPdfWithTables(new Uint8Array(fs.readFileSync(f)), f);
    parentPort!.postMessage('done');
  });
}

if (!isMainThread && workerData?.pdfBench) {
  workerMain();
} else if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = await benchPdf();
  console.table(rows.filter((r) => r.file !== 'batch'));
  console.table(rows.filter((r) => r.file === 'batch'));
  console.log('ratio = our time / pdftotext time (pdftotext runs as its own process; ours in-process).');
}
