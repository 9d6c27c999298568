/**
 * Start-up of the built command line (bin/juesuan.cjs → dist/), against `node -e 0` and `pdftotext` measured
 * in the same run, interleaved (one of each per round), medians of the rounds: `juesuan --help`, a check of
 * the seed-sized text, a check of one PDF, and a CLI batch of PDFs. The budgets of issue 9 are printed
 * with each row: --help ≤ 3× node, a seed-sized text ≤ 5× node. Run alone: `npx tsx bench/startup.ts`
 * (builds dist/ first when it is missing). BENCH_STARTUP_RUNS sets the rounds (default 9). The checks run
 * with --timeout 600: this measures speed, and a loaded machine must not turn it into a limit test.
 *
 * Where NODE_EXTRA_CA_CERTS is set, Node 20 reads and parses every certificate it names (with its own
 * bundled roots) when it starts, before any JavaScript runs: measured here, `node -e 0` took 49 ms with it
 * and 20 ms without. pdftotext pays nothing of the kind, and juesuan opens no TLS connection. Two more rows
 * then show Node and the one-PDF check started without it, for reading the ratios on a machine that does
 * not set it (they have no budget: the budgets are read off the rows above, as the user's environment is).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/juesuan.cjs');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

interface StartupRow {
  name: string;
  'median ms': number;
  'vs node -e 0': number;
  'vs pdftotext': number | string;
  budget: string;
  [column: string]: string | number;
}

function timeRun(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${path.basename(cmd)} ${args.join(' ')} → exit ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

export default async function benchStartup(opts: { runs?: number } = {}): Promise<StartupRow[]> {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  const runs = opts.runs ?? Number(process.env.BENCH_STARTUP_RUNS ?? 9);
  const seed = path.join(CORPUS, 'seed/cq-beibei-zfb-2020.txt');
  const pdfs = readdirSync(path.join(CORPUS, 'pdf')).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(CORPUS, 'pdf', f));
  const pdf = pdfs[0];
  // A batch directory of links to the corpus PDFs (links, not copies).
  const batchDir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-'));
  pdfs.forEach((p, i) => symlinkSync(p, path.join(batchDir, `${String(i).padStart(3, '0')}.pdf`)));
  const node = process.execPath;
  const cases: [string, string, string[], NodeJS.ProcessEnv?][] = [
    ['node -e 0', node, ['-e', '0']],
    ['juesuan --help', node, [BIN, '--help']],
    [`juesuan check seed text (${path.basename(seed)})`, node, [BIN, 'check', seed, '--format', 'json', '--timeout', '600']],
    [`pdftotext -layout (${path.basename(pdf)})`, 'pdftotext', ['-layout', pdf, '-']],
    [`juesuan check one PDF (${path.basename(pdf)})`, node, [BIN, 'check', pdf, '--format', 'json', '--timeout', '600']],
    [`pdftotext batch (${pdfs.length} PDFs, one process each)`, 'sh', ['-c', `for f in ${batchDir}/*.pdf; do pdftotext -layout "$f" - > /dev/null; done`]],
    [`juesuan check batch (${pdfs.length} PDFs, --jobs 2)`, node, [BIN, 'check', batchDir, '--format', 'json', '--jobs', '2', '--timeout', '600']],
  ];
  const CERTS = 'NODE_EXTRA_CA_CERTS';
  if (process.env[CERTS]) {
    const { [CERTS]: _, ...without } = process.env;
    cases.push([`node -e 0 (${CERTS} unset)`, node, ['-e', '0'], without]);
    cases.push([`juesuan check one PDF (${path.basename(pdf)}, ${CERTS} unset)`, node, [BIN, 'check', pdf, '--format', 'json', '--timeout', '600'], without]);
  }
  /** Every round: the first five cases and the ones without NODE_EXTRA_CA_CERTS; the batches in a third of them. */
  const everyRound = (i: number) => i < 5 || i >= 7;
  const times = cases.map(() => [] as number[]);
  try {
    for (let r = 0; r < runs; r++) cases.forEach(([, cmd, args, env], i) => (everyRound(i) || r < Math.max(1, Math.ceil(runs / 3))) && times[i].push(timeRun(cmd, args, env ?? process.env)));
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }
  const med = times.map(median);
  const nodeMs = med[0];
  const budgets: Record<number, number> = { 1: 3, 2: 5 };
  const pdftotextOf: Record<number, number> = { 4: med[3], 6: med[5], 8: med[3] };
  return cases.map(([name], i) => {
    // (a row run without NODE_EXTRA_CA_CERTS is compared with Node started the same way)
    const ratio = Number((med[i] / (i === 8 ? med[7] : nodeMs)).toFixed(2));
    const b = budgets[i];
    return {
      name,
      'median ms': Math.round(med[i]),
      'vs node -e 0': ratio,
      'vs pdftotext': pdftotextOf[i] ? Number((med[i] / pdftotextOf[i]).toFixed(2)) : '',
      budget: b ? `≤ ${b}× ${ratio <= b ? 'ok' : 'OVER'}` : '',
      runs: times[i].length,
    };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printTable } = await import('./run.js');
  process.stdout.write(`load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  printTable(await benchStartup());
}
