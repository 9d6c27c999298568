/**
 * `npm run bench:hostile` (issue 8, "done when"): hostile files of each family, written to a temp dir, checked by
 * the built CLI (`juesuan check --format json`, default limits: 20 s and 1 GB per file).
 *
 * 1. Per family, inputs of growing size (doubling where size means anything; a span of 10³…10⁹; a corpus PDF
 *    with 8…64 bytes changed), each checked alone: bytes, wall seconds, the largest process's peak RSS
 *    (/usr/bin/time %M: wait4's ru_maxrss is that of the largest process of the tree), exit code, outcome.
 * 2. One run over the seed plus the largest input of every family: exit code (2: the operator flood exceeds
 *    the time limit and fails by name), wall time, max RSS, each hostile file named with a failure or a
 *    finding, and the seed's findings compared with checking the seed alone.
 *
 * Not part of `npm run bench` (about two minutes, most of it the flood waiting for its limit). Run alone:
 * `npx tsx bench/hostile.ts` (builds dist/ when it is missing). BENCH_HOSTILE_CURVES=0 skips part 1.
 */
import { Buffer } from 'node:buffer';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as H from '../test/hostile-fixtures.js';
import { formatTable, type BenchRow } from './run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/juesuan.cjs');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
export const SEED = path.join(CORPUS, 'seed/cq-beibei-zfb-2020.txt');
const DAMAGED_SOURCE = path.join(CORPUS, 'pdf/sh-putuo-guihuaziyuan-2024.pdf');

/**
 * A corpus PDF with `bytes` bytes changed (fixed seed; mutant 2 of that seed lost table rows silently before
 * damaged content streams were detected, and gave false table/cross and table/identity errors).
 */
export function damagedPdf(bytes = 64): Uint8Array {
  const orig = new Uint8Array(readFileSync(DAMAGED_SOURCE));
  return H.mutateBytes(orig, 20261127 + 'pdf/sh-putuo-guihuaziyuan-2024.pdf'.length, 3, bytes)[2].bytes;
}

/**
 * The seed's text carried by a hostile construct, so that a file read past its construct still has something
 * to find (the seed's own findings), and one that is not read fails by name: lines as paragraphs.
 */
const seedLines = () => readFileSync(SEED, 'utf8').split('\n').filter((l) => l.trim());
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (body: string) => new Uint8Array(Buffer.from(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`));
const seedHtml = () => seedLines().map((l) => `<p>${esc(l)}</p>`).join('');
const seedDocx = () => seedLines().map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('');
export const seedWithColspan = (n: number) => html(`${seedHtml()}<table><tr><td colspan="${n}">收入</td></tr><tr><td>1</td><td>2</td></tr></table>`);
export const seedWithGridSpan = (n: number) =>
  H.docxOf(`${seedDocx()}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="${n}"/></w:tcPr><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`);
export const seedWithDigitLine = (n: number) => new Uint8Array(Buffer.concat([readFileSync(SEED), Buffer.from(`\n${'1'.repeat(n)}\n`)]));
export const seedDeepNested = (n: number) => html('<div>'.repeat(n) + seedHtml() + '</div>'.repeat(n));

export interface HostileFamily {
  family: string;
  file: string;
  /** What `n` is, for the table. */
  unit: string;
  make: (n: number) => Uint8Array;
  /** Sizes for the curve; the last is the one the combined run uses. */
  sizes: number[];
}

export const HOSTILE: HostileFamily[] = [
  { family: 'damaged PDF', file: 'damaged.pdf', unit: 'bytes changed', make: damagedPdf, sizes: [8, 16, 32, 64] },
  { family: 'huge colspan (HTML)', file: 'colspan.html', unit: 'colspan', make: seedWithColspan, sizes: [1e3, 1e6, 1e9] },
  { family: 'huge gridSpan (DOCX)', file: 'gridspan.docx', unit: 'gridSpan', make: seedWithGridSpan, sizes: [1e3, 1e6, 1e9] },
  { family: 'long digit line (text)', file: 'digits.txt', unit: 'digits', make: seedWithDigitLine, sizes: [1 << 17, 1 << 18, 1 << 19, 1 << 20] },
  { family: 'text-operator flood (PDF)', file: 'flood.pdf', unit: 'shows (ET BT (1) Tj)', make: (n) => H.pdfTextFloodDeflated(n), sizes: [1_250_000, 2_500_000, 5_000_000, 10_000_000] },
  { family: 'deep nesting (HTML)', file: 'nesting.html', unit: 'depth', make: seedDeepNested, sizes: [2500, 5000, 10000, 20000] },
];

export interface TimedRun {
  status: number;
  stdout: string;
  stderr: string;
  seconds: number;
  maxRssMb: number;
}

/** `juesuan check --format json …` under /usr/bin/time: exit code, output, wall seconds, largest process's peak RSS. */
export function timedCheck(files: string[], cwd: string, extra: string[] = []): TimedRun {
  const marker = '__juesuan_time__';
  const r = spawnSync('/usr/bin/time', ['-f', `${marker} %e %M`, process.execPath, BIN, 'check', '--format', 'json', ...extra, ...files], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith(marker)) ?? '';
  const [, sec, kb] = line.split(' ');
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr.split('\n').filter((l) => !l.startsWith(marker) && !l.startsWith('Command exited')).join('\n'),
    seconds: Number(sec),
    maxRssMb: Math.round(Number(kb) / 1024),
  };
}

export interface JsonResult {
  file: string;
  findings: { ruleId: string; severity: string; message: string }[];
  error?: { code: string; message: string };
}

export function results(stdout: string): JsonResult[] {
  return (JSON.parse(stdout) as { results: JsonResult[] }).results;
}

/** "failure timeout" / "3 findings (doc/damaged error)". */
export function outcome(r: JsonResult | undefined): string {
  if (!r) return 'not in the report';
  if (r.error) return `failure: ${r.error.code}`;
  const errors = r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
  return `${r.findings.length} findings${errors.length ? ` (errors: ${[...new Set(errors)].join(', ')})` : ''}`;
}

/** Writes the seed's copy and the largest input of every family into dir; returns the file names. */
export function writeHostileSet(dir: string, families: HostileFamily[] = HOSTILE): string[] {
  writeFileSync(path.join(dir, 'seed.txt'), readFileSync(SEED));
  for (const f of families) writeFileSync(path.join(dir, f.file), f.make(f.sizes[f.sizes.length - 1]));
  return ['seed.txt', ...families.map((f) => f.file)];
}

export async function bench(): Promise<BenchRow[]> {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-hostile-'));
  const rows: BenchRow[] = [];
  try {
    if (process.env.BENCH_HOSTILE_CURVES !== '0') {
      for (const f of HOSTILE) {
        for (const n of f.sizes) {
          const name = `curve-${n}-${f.file}`;
          const bytes = f.make(n);
          writeFileSync(path.join(dir, name), bytes);
          const r = timedCheck([name], dir);
          rows.push({ name: f.family, n: `${n.toLocaleString('en')} ${f.unit}`, bytes: bytes.length, 's': r.seconds, 'max RSS MB': r.maxRssMb, exit: r.status, outcome: outcome(results(r.stdout)[0]) });
          rmSync(path.join(dir, name));
        }
      }
      process.stdout.write(formatTable(rows) + '\n\n');
    }
    const files = writeHostileSet(dir);
    const all = timedCheck(files, dir);
    const seedAlone = timedCheck(['seed.txt'], dir);
    const got = results(all.stdout);
    const key = (r: JsonResult | undefined) => JSON.stringify(r?.findings ?? null);
    const seedSame = key(got.find((r) => r.file === 'seed.txt')) === key(results(seedAlone.stdout)[0]);
    const named = files.slice(1).every((f) => got.some((r) => r.file === f && (r.error || r.findings.length)));
    const combined: BenchRow[] = files.map((f) => ({ name: `  ${f}`, bytes: readFileSync(path.join(dir, f)).length, outcome: outcome(got.find((r) => r.file === f)) }));
    combined.unshift({
      name: `seed + ${files.length - 1} hostile files, one run`,
      bytes: files.reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0),
      outcome: `exit ${all.status}, ${all.seconds} s wall, max RSS ${all.maxRssMb} MB; every hostile file named: ${named ? 'yes' : 'NO'}; seed's findings as alone: ${seedSame ? 'yes' : 'NO'} (${results(seedAlone.stdout)[0]?.findings.length} findings)`,
    });
    process.stdout.write(formatTable(combined) + '\n');
    return [...rows, ...combined];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await bench();
}
