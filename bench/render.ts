/**
 * Render benchmark: 1,000 department variants of the bundled example (amounts scaled by seeded
 * random integer factors, so every sum and ratio in a variant stays exact; the examples' stated totals
 * carry rounding differences of 0.01 that a factor multiplies beyond rounding, so variants are validated
 * with derive: 'lenient' — missing figures derived, stated ones kept — which renders the same amount of text), timed per department for validate+generate, Markdown and DOCX; then PDF (pdfmake with the
 * npm fonts, loaded once) for the first BENCH_PDF_N variants, and DOCX and PDF for variants of the
 * 上海 2024 example (examples/sh-putuo-shehuigongzuobu-2024.json).
 *
 *   npm run bench                 # all bench modules
 *   npx tsx bench/render.ts       # this one alone; BENCH_N=200 for a quicker run, BENCH_PDF_N=20 (default)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAmount, plain, type Dec } from '../src/calc/money.js';
import { validateDisclosure, type DisclosureInput } from '../src/model/schema.js';
import { renderDocx } from '../src/render/docx.js';
import { renderMarkdown } from '../src/render/md.js';
import { renderPdf } from '../src/render/pdf.js';
import { loadPdfFonts } from '../src/cli/fonts.js';
import type { GeneratedDoc } from '../src/generate/ast.js';
import { generate } from '../src/generate/index.js';

export interface BenchRow {
  name: string;
  [column: string]: string | number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE = path.join(root, 'examples/cq-beibei-zfb-2020.json');
export const EXAMPLE_SH = path.join(root, 'examples/sh-putuo-shehuigongzuobu-2024.json');

/** mulberry32: small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function scale(v: Json, k: number): Json {
  if (v === null || (typeof v !== 'string' && typeof v !== 'number')) return v;
  const d: Dec | null = parseAmount(v);
  return d === null ? v : plain(d.mul(k));
}

function scaleRecord(rec: Json | undefined, keys: string[], k: number): void {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return;
  for (const key of keys) if (key in rec) rec[key] = scale(rec[key], k);
}

/**
 * One variant: current-year amounts × kCur, prior-year amounts × kPrior (integers 1…20), the body
 * name numbered. Scaling every figure of a year by the same integer keeps all sums exact.
 */
export function variant(base: DisclosureInput, i: number, seed = 20201231): DisclosureInput {
  const rnd = prng(seed + i * 7919);
  const kCur = 1 + Math.floor(rnd() * 20);
  const kPrior = 1 + Math.floor(rnd() * 20);
  const m = structuredClone(base) as unknown as { [k: string]: Json };
  const body = m.body as { [k: string]: Json };
  body.name = `${String(body.name)}（变体${i + 1}）`;
  for (const t of m.tables as { rows: { values: { [k: string]: Json } }[] }[]) {
    for (const r of t.rows) for (const c of Object.keys(r.values)) r.values[c] = scale(r.values[c], kCur);
  }
  for (const c of Object.values((m.comparatives ?? {}) as { [k: string]: Json })) {
    scaleRecord(c, ['prior'], kPrior);
    scaleRecord(c, ['budget', 'fullYearBudget'], kCur);
  }
  const sg = m.sanGong as { [k: string]: Json };
  for (const item of ['total', 'abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']) {
    scaleRecord(sg[item], ['budget', 'actual'], kCur);
    scaleRecord(sg[item], ['prior'], kPrior);
  }
  for (const item of ['operatingCosts', 'meetings', 'training']) {
    scaleRecord(m[item], ['current'], kCur);
    scaleRecord(m[item], ['prior'], kPrior);
  }
  scaleRecord(m.procurement, ['total', 'goods', 'works', 'services', 'sme', 'micro'], kCur);
  const perf = m.performance as { [k: string]: Json };
  scaleRecord(perf, ['funds'], kCur);
  for (const se of (perf.selfEvaluations ?? []) as { funds: { [k: string]: Json } }[]) {
    for (const part of ['total', 'superior', 'local']) scaleRecord(se.funds[part], ['budget', 'executed'], kCur);
  }
  return m as unknown as DisclosureInput;
}

function stats(ms: number[]): { mean: number; p50: number; p95: number; max: number; total: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const total = ms.reduce((a, b) => a + b, 0);
  return { mean: total / ms.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1], total };
}

const f2 = (n: number) => Number(n.toFixed(2));

async function benchRender(opts: { n?: number; log?: (s: string) => void } = {}): Promise<BenchRow[]> {
  const n = opts.n ?? Number(process.env.BENCH_N ?? 1000);
  const log = opts.log ?? (() => {});
  const base = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as DisclosureInput;

  const models = [];
  for (let i = 0; i < n; i++) {
    const r = validateDisclosure(variant(base, i), { derive: 'lenient' });
    if (!r.ok) throw new Error(`variant ${i} invalid: ${r.issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
    models.push(r.model);
  }
  // Warm up JIT and module caches outside the measurement.
  for (let i = 0; i < Math.min(20, n); i++) {
    const d = generate(models[i]);
    renderMarkdown(d);
    await renderDocx(d);
  }

  const tGen: number[] = [];
  const tMd: number[] = [];
  const tDocx: number[] = [];
  let mdBytes = 0;
  let docxBytes = 0;
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    const doc: GeneratedDoc = generate(models[i]);
    const gen = performance.now() - t0;
    tGen.push(gen);
    t0 = performance.now();
    mdBytes += renderMarkdown(doc).length;
    tMd.push(gen + performance.now() - t0);
    t0 = performance.now();
    docxBytes += (await renderDocx(doc)).byteLength;
    tDocx.push(gen + performance.now() - t0);
    if ((i + 1) % 250 === 0) log(`  render bench: ${i + 1}/${n}`);
  }
  const row = (name: string, ms: number[], note: string): BenchRow => {
    const s = stats(ms);
    return { name, departments: n, 'ms/dept': f2(s.mean), p50: f2(s.p50), p95: f2(s.p95), max: f2(s.max), 'total s': f2(s.total / 1000), note };
  };
  const nPdf = Math.min(n, Number(process.env.BENCH_PDF_N ?? 20));
  let t0 = performance.now();
  const fonts = await loadPdfFonts();
  const fontLoad = performance.now() - t0;
  await renderPdf(generate(models[0]), fonts); // warm-up: font parsing and pdfkit caches
  const tPdf: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < nPdf; i++) {
    t0 = performance.now();
    pdfBytes += (await renderPdf(generate(models[i]), fonts)).byteLength;
    tPdf.push(performance.now() - t0);
    if ((i + 1) % 10 === 0) log(`  render bench (pdf): ${i + 1}/${nPdf}`);
  }

  // The 上海 2024 style: DOCX and PDF per department.
  const baseSh = JSON.parse(readFileSync(EXAMPLE_SH, 'utf8')) as DisclosureInput;
  const shModels = [];
  for (let i = 0; i < nPdf; i++) {
    const r = validateDisclosure(variant(baseSh, i), { derive: 'lenient' });
    if (!r.ok) throw new Error(`shanghai variant ${i} invalid: ${r.issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
    shModels.push(r.model);
  }
  await renderDocx(generate(shModels[0]));
  const tShDocx: number[] = [];
  const tShPdf: number[] = [];
  let shPdfBytes = 0;
  for (const m of shModels) {
    t0 = performance.now();
    await renderDocx(generate(m));
    tShDocx.push(performance.now() - t0);
    t0 = performance.now();
    shPdfBytes += (await renderPdf(generate(m), fonts)).byteLength;
    tShPdf.push(performance.now() - t0);
  }
  const rowN = (name: string, ms: number[], note: string): BenchRow => ({ ...row(name, ms, note), departments: ms.length });
  return [
    row('generate (model → tree)', tGen, 'validated beforehand'),
    row('md (generate + render)', tMd, `avg ${Math.round(mdBytes / n)} chars`),
    row('docx (generate + render)', tDocx, `avg ${Math.round(docxBytes / n / 1024)} KiB; target ≤ 100 ms`),
    rowN('pdf (generate + render, pdfmake)', tPdf, `avg ${Math.round(pdfBytes / nPdf / 1024)} KiB; fonts loaded once in ${Math.round(fontLoad)} ms`),
    rowN('上海 docx (generate + render)', tShDocx, 'sh-putuo-shehuigongzuobu-2024 variants'),
    rowN('上海 pdf (generate + render)', tShPdf, `avg ${Math.round(shPdfBytes / nPdf / 1024)} KiB`),
  ];
}

export default benchRender;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { printTable } = await import('./run.js');
  printTable(await benchRender({ log: (s) => process.stderr.write(s + '\n') }));
}
