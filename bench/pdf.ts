/**
 * Checking PDFs against `pdftotext -layout` (poppler) on the same files, in the same run (issue 9, part 2).
 *
 * Whole processes, as a user runs them (the built CLI, bin/juesuan.cjs → dist/), each case interleaved with
 * its pdftotext reference round by round (a burst of load from elsewhere hits both alike), medians:
 * - one PDF cold: `juesuan check FILE` (its own process: start-up, worker thread, reader, rules) against one
 *   `pdftotext -layout FILE -`; budget ≤ 8×;
 * - 12 PDFs: one `juesuan check f1 … f12` (default --jobs) against twelve pdftotext processes one after
 *   another; budget ≤ 3×;
 * - a batch (the corpus PDFs ×12 in one directory) with --jobs 1 and --jobs 2, against pdftotext one at a time
 *   and two at a time; on two cores --jobs 2 should gain from both. (With two PDFs or more, two workers check
 *   each PDF in two halves: one takes the text out, the other does the rest; src/cli/pool.ts, split.)
 * Besides wall time, each row gives the CPU time of the measured processes (user + system, children of a
 * shell's `times`): on a machine others are loading, wall time is what the user waits, CPU time what we cost.
 *
 * Then, per corpus PDF, in this process, warm: where a check's time goes (text extraction by pdfjs, line
 * layout, table rebuild, rules), and extraction with every embedded font program loaded (pdfjs's default)
 * against the reader, which skips those text does not need (src/readers/pdf/font-programs.ts).
 *
 * Run alone: `npx tsx bench/pdf.ts` (BENCH_RUNS=n rounds, default 3; one PDF cold at least 7); `npm run bench` runs
 * it with the others.
 * Bounded: about two minutes on an idle two-core machine, a few under load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInput } from '../src/engine/input.js';
import { runRules } from '../src/engine/run.js';
import { RULES } from '../src/rules/index.js';
import { readPdfPages, readPdfWithTables } from '../src/readers/pdf.js';
import { loadFontPrograms, textOnlyFonts } from '../src/readers/pdf/font-programs.js';
import { coreCount, inflateInThread } from '../src/cli/pool.js';

export interface PdfBenchRow {
  name: string;
  [column: string]: string | number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/juesuan.cjs');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface Timed {
  ms: number;
  cpuMs: number;
}

/** Run a shell command line; wall time, and CPU time of the processes it ran (bash's `times`, children). */
function run(cmdline: string): Timed {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `${cmdline}\nrc=$?; times >&2; exit $rc`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  const err = r.stderr.toString();
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmdline.slice(0, 200)} → exit ${r.status}: ${err.slice(0, 500)}`);
  // `times` prints two lines: the shell's own user/sys, then its children's.
  const lines = err.trim().split('\n');
  const secs = (s: string) => [...s.matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
  return { ms, cpuMs: secs(lines[lines.length - 1] ?? '') * 1000 };
}

const pdftotextSeq = (files: string[]) => files.map((f) => `pdftotext -layout ${q(f)} - > /dev/null`).join('\n');
/** pdftotext over the files, two processes at a time (xargs -P 2). */
const pdftotextPar = (files: string[], lanes: number) => `printf '%s\\0' ${files.map(q).join(' ')} | xargs -0 -P ${lanes} -I{} sh -c 'pdftotext -layout "$1" - > /dev/null' _ {}`;
const juesuan = (args: string) => `${q(process.execPath)} ${q(BIN)} check ${args} --format json --timeout 600 > /dev/null`;

/** Interleave the two command lines `runs` times; medians of wall and CPU time for each. */
function pair(ours: string, ref: string, runs: number): { ours: Timed; ref: Timed } {
  const a: Timed[] = [];
  const b: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(run(ref));
    a.push(run(ours));
  }
  const med = (xs: Timed[]) => ({ ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)) });
  return { ours: med(a), ref: med(b) };
}

function row(name: string, p: { ours: Timed; ref: Timed }, budget: number | null, refName: string): PdfBenchRow {
  const ratio = p.ours.ms / p.ref.ms;
  return {
    name,
    'juesuan ms': Math.round(p.ours.ms),
    'pdftotext ms': Math.round(p.ref.ms),
    ratio: r2(ratio),
    budget: budget === null ? '' : `≤ ${budget}× ${ratio <= budget ? 'ok' : 'OVER'}`,
    'juesuan cpu ms': Math.round(p.ours.cpuMs),
    'pdftotext cpu ms': Math.round(p.ref.cpuMs),
    'cpu ratio': p.ref.cpuMs > 0 ? r2(p.ours.cpuMs / p.ref.cpuMs) : '',
    reference: refName,
  };
}

/** Whole-process rows: one PDF cold, 12 PDFs, batch with --jobs 1 and 2. */
export function processRows(runs: number): PdfBenchRow[] {
  if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  const pdfDir = path.join(CORPUS, 'pdf');
  if (!fs.existsSync(pdfDir)) throw new Error(`语料目录不存在：${pdfDir}`);
  const corpus = [
    ...fs.readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(pdfDir, f)),
    ...(fs.existsSync(path.join(CORPUS, 'budget')) ? fs.readdirSync(path.join(CORPUS, 'budget')).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(CORPUS, 'budget', f)) : []),
  ];
  const rows: PdfBenchRow[] = [];
  for (const f of corpus) {
    // (a single file takes about a second a round: more rounds, so that a burst of load elsewhere moves the median less)
    rows.push(row(`one PDF cold: ${path.basename(f)}`, pair(juesuan(q(f)), `pdftotext -layout ${q(f)} - > /dev/null`, Math.max(runs, 7)), 8, 'pdftotext, one process'));
  }
  // Twelve PDFs: the corpus's pdf/ files, repeated (links in a temporary directory, so names differ).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-pdf-'));
  try {
    const twelve = Array.from({ length: 12 }, (_, i) => {
      const src = corpus[i % Math.min(3, corpus.length)];
      const link = path.join(dir, `12-${String(i).padStart(2, '0')}-${path.basename(src)}`);
      fs.symlinkSync(src, link);
      return link;
    });
    rows.push(row('12 PDFs: juesuan check f1 … f12 (default --jobs)', pair(juesuan(twelve.map(q).join(' ')), pdftotextSeq(twelve), runs), 3, 'pdftotext ×12, one after another'));
    // Batch: every corpus PDF ×12 in one directory (48 files; without --jobs, check starts one worker per 16
    // files, at least two for two PDFs or more, src/cli/pool.ts autoJobs).
    const batchDir = path.join(dir, 'batch');
    fs.mkdirSync(batchDir);
    const batch = Array.from({ length: 12 }, (_, k) =>
      corpus.map((f, i) => {
        const link = path.join(batchDir, `${k}-${i}-${path.basename(f)}`);
        fs.symlinkSync(f, link);
        return link;
      }),
    ).flat();
    const lanes = Math.min(2, coreCount());
    const j1 = pair(juesuan(`${q(batchDir)} --jobs 1`), pdftotextSeq(batch), runs);
    const j2 = pair(juesuan(`${q(batchDir)} --jobs ${lanes}`), pdftotextPar(batch, lanes), runs);
    rows.push(row(`batch of ${batch.length}: juesuan check DIR --jobs 1`, j1, null, 'pdftotext, one at a time'));
    rows.push(row(`batch of ${batch.length}: juesuan check DIR --jobs ${lanes}`, j2, null, `pdftotext, ${lanes} at a time`));
    rows.push({
      name: `batch: --jobs ${lanes} gain over --jobs 1`,
      'juesuan ms': r2(j1.ours.ms / j2.ours.ms),
      'pdftotext ms': r2(j1.ref.ms / j2.ref.ms),
      reference: 'speed-up (×), ours and pdftotext\'s',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * Per corpus PDF, warm, in this process: the stages of a check (text by the quick reader where it reads the
 * file), and text extraction by pdfjs (the fallback) with and without the font programs text does not need.
 */
export async function stageRows(runs: number): Promise<PdfBenchRow[]> {
  inflateInThread(); // as `juesuan check` does
  const pdfDir = path.join(CORPUS, 'pdf');
  const files = fs.readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort();
  const rows: PdfBenchRow[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(pdfDir, f)));
    await readPdfWithTables(bytes, f); // warm-up
    const st: { extractMs: number; layoutMs: number; tablesMs: number; rulesMs: number; findings: number; pages: number }[] = [];
    const withFonts: number[] = [];
    const viaPdfjs: number[] = [];
    await readPdfPages(bytes, f, { reader: 'pdfjs' }); // warm-up of the pdfjs path
    for (let i = 0; i < runs; i++) {
      const read = await readPdfWithTables(bytes, f);
      const t0 = performance.now();
      const result = runRules(buildInput(read.doc, read.doc.rebuiltTables ?? []), RULES);
      st.push({ ...read.timing, rulesMs: performance.now() - t0, findings: result.findings.length, pages: read.doc.pageCount ?? 0 });
      viaPdfjs.push((await readPdfPages(bytes, f, { reader: 'pdfjs' })).timing.extractMs);
      loadFontPrograms(true);
      try {
        withFonts.push((await readPdfPages(bytes, f, { reader: 'pdfjs' })).timing.extractMs);
      } finally {
        loadFontPrograms(false);
      }
    }
    const m = (k: 'extractMs' | 'layoutMs' | 'tablesMs' | 'rulesMs') => median(st.map((s) => s[k]));
    rows.push({
      name: f,
      pages: st[0].pages,
      extractMs: r1(m('extractMs')),
      layoutMs: r1(m('layoutMs')),
      tablesMs: r1(m('tablesMs')),
      rulesMs: r1(m('rulesMs')),
      totalMs: r1(m('extractMs') + m('layoutMs') + m('tablesMs') + m('rulesMs')),
      pdfjsExtractMs: r1(median(viaPdfjs)),
      quickGain: r2(median(viaPdfjs) / m('extractMs')),
      pdfjsAllFontsMs: r1(median(withFonts)),
      fontsSkipGain: r2(median(withFonts) / median(viaPdfjs)),
      findings: st[0].findings,
    });
  }
  return rows;
}

export default async function bench(opts: { runs?: number } = {}): Promise<PdfBenchRow[]> {
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  return [
    ...processRows(runs).map((r) => ({ ...r, table: 'processes' })),
    ...(await stageRows(runs)).map((r) => ({ ...r, table: 'warm stages' })),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { printTable } = await import('./run.js');
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  process.stdout.write(`node ${process.version}, ${coreCount()} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  printTable(processRows(runs));
  process.stdout.write('\n');
  printTable(await stageRows(runs));
  process.stdout.write(
    `\nratio = juesuan / pdftotext wall time (medians of ${runs} interleaved rounds); cpu = user + system time of the processes.\n` +
      `extractMs = text extraction as a check reads (the quick reader, src/readers/pdf/quick, where it reads the file); pdfjsExtractMs = the same by pdfjs (the fallback); quickGain = pdfjsExtractMs / extractMs.\n` +
      `pdfjsAllFontsMs = pdfjs with every embedded font program parsed (pdfjs's default); fontsSkipGain = pdfjsAllFontsMs / pdfjsExtractMs (skip active: ${textOnlyFonts() ? 'yes' : 'NO — worker not patched'}).\n` +
      `load at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`,
  );
}
