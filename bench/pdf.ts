/**
 * Benchmark of checking PDFs against `pdftotext -layout` (poppler) on the same files in the same run.
 *
 * Per corpus PDF: the median wall time of one `pdftotext -layout FILE -` (its own process, as it is used)
 * and of one full `checkBytes` (read + table rebuild + every rule), warm, in this process; ratio = check /
 * pdftotext. Where the time goes is measured by running the same stages checkBytes runs one by one: text
 * extraction (pdfjs), line layout, table rebuild, and the rules (claims, sections, all rules).
 *
 * Batch: every corpus PDF ×4. pdftotext one at a time and two at a time (both cores); our check one at a time
 * in this process (warm: every file was checked above), and on the worker pool `juesuan check` uses
 * (src/cli/pool.ts), warm (pool started and the batch run once before the clock) and cold (a fresh pool,
 * thread start and JIT warm-up included); and end to end through the CLI
 * (`node bin/juesuan.js check DIR --jobs 1` / `--jobs 2`, process start and module loading included).
 *
 * Font programs: the reader has pdfjs skip the embedded font programs of fonts with a ToUnicode map (only
 * drawing needs them; test/pdf-speed.test.ts proves the items and findings unchanged). Per file, extractMs is
 * that reader and extractFontsMs the same extraction with the programs loaded as pdfjs does by default.
 *
 * Run alone: `npx tsx bench/pdf.ts` (BENCH_RUNS=n for more runs, BENCH_CLI=0 to skip the CLI rows,
 * BENCH_WEB_INFLATE=1 to leave pdfjs on DecompressionStream as a library caller would have it);
 * `npm run bench` runs it with the other benches.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkBytes } from '../src/engine/check.js';
import { buildInput } from '../src/engine/input.js';
import { runRules } from '../src/engine/run.js';
import { RULES } from '../src/rules/index.js';
import { readPdfPages, readPdfWithTables } from '../src/readers/pdf.js';
import { loadFontPrograms, textOnlyFonts } from '../src/readers/pdf/load.js';
import { CheckPool, coreCount, inflateInThread } from '../src/cli/pool.js';

export interface PdfBenchRow {
  name: string;
  [column: string]: string | number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(process.cwd(), '../shared/corpus/pdf');
const execFileP = promisify(execFile);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

function pdftotextOnce(file: string): number {
  const t0 = performance.now();
  execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  return performance.now() - t0;
}

/** pdftotext over the files, `lanes` processes at a time. */
async function pdftotextBatch(files: string[], lanes: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const f = files[next++];
      await execFileP('pdftotext', ['-layout', f, '-'], { maxBuffer: 64 << 20 });
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return performance.now() - t0;
}

async function timeCheck(bytes: Uint8Array, name: string): Promise<number> {
  const t0 = performance.now();
  const r = await checkBytes(bytes, name);
  if (r.doc?.format !== 'pdf') throw new Error(`${name}: not read as PDF`);
  return performance.now() - t0;
}

/** The stages of checkBytes for a PDF, timed one by one. */
async function stages(bytes: Uint8Array, name: string) {
  const read = await readPdfWithTables(bytes, name);
  const t0 = performance.now();
  const result = runRules(buildInput(read.doc, read.doc.rebuiltTables ?? []), RULES);
  const rulesMs = performance.now() - t0;
  return { ...read.timing, rulesMs, read, findings: result.findings.length };
}

async function runPool(pool: CheckPool, files: string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(files.map((f) => pool.checkBytes(new Uint8Array(fs.readFileSync(f)), f)));
  return performance.now() - t0;
}

/** Wall time and CPU time (all threads of this process) of fn. */
async function clocked(fn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

function cliBatch(dir: string, jobs: number): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/juesuan.js'), 'check', dir, '--jobs', String(jobs), '--format', 'json'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`juesuan check exited ${r.status}: ${r.stderr}`);
  return ms;
}

export default async function bench(opts: { runs?: number; copies?: number; cli?: boolean } = {}): Promise<PdfBenchRow[]> {
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 5);
  const copies = opts.copies ?? 4;
  const cli = opts.cli ?? process.env.BENCH_CLI !== '0';
  if (!fs.existsSync(CORPUS)) throw new Error(`语料目录不存在：${CORPUS}`);
  if (process.env.BENCH_WEB_INFLATE !== '1') inflateInThread(); // as `juesuan check` does
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).sort();
  const rows: PdfBenchRow[] = [];

  for (const f of files) {
    const full = path.join(CORPUS, f);
    const bytes = new Uint8Array(fs.readFileSync(full));
    const coldMs = await timeCheck(bytes, f); // first in this process: JIT and fonts warm-up
    const check: number[] = [];
    const tt: number[] = [];
    const st: Awaited<ReturnType<typeof stages>>[] = [];
    const withFonts: number[] = [];
    for (let i = 0; i < runs; i++) {
      // interleaved, so that a burst of load from elsewhere hits both sides alike
      tt.push(pdftotextOnce(full));
      check.push(await timeCheck(bytes, f));
      st.push(await stages(bytes, f));
      loadFontPrograms(true);
      try {
        withFonts.push((await readPdfPages(bytes, f)).timing.extractMs);
      } finally {
        loadFontPrograms(false);
      }
    }
    const p = median(tt);
    const c = median(check);
    const last = st[st.length - 1];
    rows.push({
      name: f,
      pages: last.read.doc.pageCount ?? 0,
      pdftotextMs: r1(p),
      checkColdMs: r1(coldMs),
      checkMs: r1(c),
      ratio: r2(c / p),
      extractMs: r1(median(st.map((s) => s.extractMs))),
      extractFontsMs: r1(median(withFonts)),
      fontsSkipGain: r2(median(withFonts) / median(st.map((s) => s.extractMs))),
      layoutMs: r1(median(st.map((s) => s.layoutMs))),
      tablesMs: r1(median(st.map((s) => s.tablesMs))),
      rulesMs: r1(median(st.map((s) => s.rulesMs))),
      tables: last.read.tables.length,
      findings: last.findings,
    });
  }

  // Batch: each file `copies` times.
  const batch = Array.from({ length: copies }, () => files.map((f) => path.join(CORPUS, f))).flat();
  const workers = Math.min(2, coreCount());
  const ptSeq = await pdftotextBatch(batch, 1);
  const ptPar = await pdftotextBatch(batch, workers);
  const seq = await clocked(async () => {
    for (const f of batch) await timeCheck(new Uint8Array(fs.readFileSync(f)), f);
  });

  const cold = new CheckPool(workers);
  const coldRun = await clocked(() => runPool(cold, batch)); // the pool starts while the jobs queue
  await cold.close();

  const t0 = performance.now();
  const pool = new CheckPool(workers);
  await pool.ready();
  await runPool(pool, files.slice(0, workers).map((f) => path.join(CORPUS, f))); // each worker's first file
  const poolStartMs = performance.now() - t0;
  await runPool(pool, batch); // JIT warm-up, as a long batch would be after its first files
  const warm = await clocked(() => runPool(pool, batch));
  await pool.close();

  const batchRow = (name: string, ms: number, extra: Record<string, number> = {}): PdfBenchRow => ({
    name,
    jobs: batch.length,
    ms: r1(ms),
    msPerFile: r1(ms / batch.length),
    vsPdftotext1: r2(ms / ptSeq),
    vsPdftotext2: r2(ms / ptPar),
    ...extra,
  });
  // coresUsed = CPU time of all this process's threads / wall time: below the pool size when the machine is
  // busy with other work, which caps what the pool can gain.
  const cpu = (r: { ms: number; cpuMs: number }) => ({ coresUsed: r2(r.cpuMs / r.ms) });
  rows.push(batchRow('batch: pdftotext, 1 at a time', ptSeq));
  rows.push(batchRow(`batch: pdftotext, ${workers} at a time`, ptPar));
  rows.push(batchRow('batch: check in one thread (warm)', seq.ms, cpu(seq)));
  rows.push(batchRow(`batch: check on pool of ${workers} (warm)`, warm.ms, { ...cpu(warm), poolStartMs: r1(poolStartMs) }));
  rows.push(batchRow(`batch: check on pool of ${workers} (cold, start included)`, coldRun.ms, cpu(coldRun)));

  if (cli) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-pdf-'));
    try {
      batch.forEach((f, i) => fs.copyFileSync(f, path.join(dir, `${String(i).padStart(2, '0')}-${path.basename(f)}`)));
      const one = median([cliBatch(dir, 1), cliBatch(dir, 1)]);
      const two = median([cliBatch(dir, workers), cliBatch(dir, workers)]);
      rows.push(batchRow('batch: juesuan check DIR --jobs 1 (CLI)', one));
      rows.push(batchRow(`batch: juesuan check DIR --jobs ${workers} (CLI)`, two));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { printTable } = await import('./run.js');
  process.stdout.write(`node ${process.version}, ${coreCount()} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  const rows = await bench();
  printTable(rows.filter((r) => !r.name.startsWith('batch')));
  process.stdout.write('\n');
  printTable(rows.filter((r) => r.name.startsWith('batch')));
  process.stdout.write(
    '\nratio = check / pdftotext (median of interleaved runs; pdftotext as its own process, check in this process).\n' +
      'vsPdftotext1 / vsPdftotext2 = batch time / pdftotext batch one at a time / two at a time.\n' +
      `extractFontsMs = text extraction with embedded font programs loaded (pdfjs default); fontsSkipGain = extractFontsMs / extractMs (reader skips them: ${textOnlyFonts() ? 'yes' : 'NO — worker not patched'}).\n`,
  );
}
