/**
 * `npm run bench`: runs every bench module present — bench/startup.ts (the built CLI against node -e 0 and
 * pdftotext), bench/render.ts, and when they exist
 * bench/check.ts and bench/pdf.ts — and prints their rows as tables. A module exports an async
 * function (default export, or named `bench` / `run`, or any exported function) returning rows
 * `{ name, ...columns }`. Set BENCH_ONLY=render,check to choose modules.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchRow {
  name: string;
  [column: string]: string | number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const MODULES = ['startup', 'render', 'check', 'pdf'];

/** Display width: CJK and full-width characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export function formatTable(rows: BenchRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const w = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(cell(r[c])))));
  const pad = (s: string, i: number, right: boolean) => {
    const fill = ' '.repeat(w[i] - width(s));
    return right ? fill + s : s + fill;
  };
  const line = (vals: string[], nums: boolean[]) => '| ' + vals.map((v, i) => pad(v, i, nums[i])).join(' | ') + ' |';
  const numeric = cols.map((c) => rows.every((r) => r[c] === undefined || typeof r[c] === 'number'));
  return [
    line(cols, cols.map(() => false)),
    '|' + w.map((x, i) => (numeric[i] ? '-'.repeat(x + 1) + ':' : '-'.repeat(x + 2))).join('|') + '|',
    ...rows.map((r) => line(cols.map((c) => cell(r[c])), numeric)),
  ].join('\n');
}

export function printTable(rows: BenchRow[]): void {
  process.stdout.write(formatTable(rows) + '\n');
}

type BenchFn = (opts?: { log?: (s: string) => void }) => Promise<BenchRow[]>;

function pickFunction(mod: Record<string, unknown>): BenchFn | null {
  for (const k of ['default', 'bench', 'run']) if (typeof mod[k] === 'function') return mod[k] as BenchFn;
  const any = Object.values(mod).find((v) => typeof v === 'function');
  return (any as BenchFn | undefined) ?? null;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const cpus = os.cpus();
  process.stdout.write(
    `juesuan bench — node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`,
  );
  let failed = 0;
  for (const name of MODULES) {
    if (only && !only.includes(name)) continue;
    const file = path.join(here, `${name}.ts`);
    if (!existsSync(file)) {
      process.stdout.write(`\n## ${name}: (bench/${name}.ts not present, skipped)\n`);
      continue;
    }
    process.stdout.write(`\n## ${name}\n`);
    try {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const fn = pickFunction(mod);
      if (!fn) throw new Error(`bench/${name}.ts exports no function`);
      const t0 = performance.now();
      const rows = await fn({ log: (s: string) => process.stderr.write(s + '\n') });
      // Rows with a `table` field are printed as one table per value (a module with several kinds of rows).
      const tables = [...new Set(rows.map((r) => String(r.table ?? '')))];
      tables.forEach((t, i) => {
        if (i > 0) process.stdout.write('\n');
        printTable(rows.filter((r) => String(r.table ?? '') === t).map(({ table: _table, ...r }) => r as BenchRow));
      });
      process.stdout.write(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s wall)\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`bench ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
