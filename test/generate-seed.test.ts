/**
 * The decisive test of the generator: generate(examples/cq-beibei-zfb-2020.json) must state every figure
 * of the seed disclosure (../shared/corpus/seed/cq-beibei-zfb-2020.txt) with the same numbers, sentence by
 * sentence and in order, and nothing else. The only differences allowed are listed below, each with the
 * reason (they are the seed's own inconsistencies; the model stores one consistent value).
 *
 * The extractor is deliberately small: the text is cut into sentences at 。； and line ends, and every
 * number followed by a unit (万元 元 % 批次 台（套） 辆 个 人 项) is a figure token, plus phone numbers.
 * Thousands separators are ignored (the seed itself writes both 1,918.25 and 2250.31); decimal places
 * are compared as printed (25% ≠ 25.0%).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import type { DocNode, GeneratedDoc } from '../src/generate/ast.js';

const SEED = path.resolve(process.cwd(), '../shared/corpus/seed/cq-beibei-zfb-2020.txt');
const EXAMPLE = path.resolve(process.cwd(), 'examples/cq-beibei-zfb-2020.json');

// ------------------------------------------------------------------------------------------------
// Extractor
// ------------------------------------------------------------------------------------------------

const FIGURE = /(\d[\d,]*(?:\.\d+)?)\s*(万元|元|%|批次|台\(套\)|辆|个|人|项)|(\d{3,4}-\d{7,8})/gu;

interface Sentence {
  text: string;
  figures: string[];
}

function figures(sentence: string): string[] {
  const s = sentence.normalize('NFKC');
  const out: string[] = [];
  for (const m of s.matchAll(FIGURE)) out.push(m[3] !== undefined ? `tel:${m[3]}` : `${m[1].replace(/,/g, '')}${m[2]}`);
  return out;
}

/** Sentences that state at least one figure, in document order. */
function figureSentences(text: string): Sentence[] {
  return text
    .split(/[。；\n]/u)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => ({ text: t, figures: figures(t) }))
    .filter((s) => s.figures.length > 0);
}

/** The person's explanations, in order: what follows 主要原因(是) / 主要(是)用于 up to the full stop. */
function explanations(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(/主要原因(?:是)?(?=[^。]*[^\s。])([^。]+)。|主要(?:是)?用于(?:开支)?([^。]+)。/gu)) {
    out.push((m[1] ?? m[2]).replace(/\s/g, ''));
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Seed and generated text
// ------------------------------------------------------------------------------------------------

const SELF_EVAL_START = '（二）绩效自评结果';
const SELF_EVAL_END = '（三）重点绩效评价结果';

function seedParts(seed: string): { narrative: string; selfEval: string } {
  const a = seed.indexOf(SELF_EVAL_START);
  const b = seed.indexOf(SELF_EVAL_END);
  if (a < 0 || b < a) throw new Error('seed layout changed: 自评表 block not found');
  return {
    narrative: seed.slice(0, a + SELF_EVAL_START.length) + '\n' + seed.slice(b),
    selfEval: seed.slice(a + SELF_EVAL_START.length, b),
  };
}

/** Text of the generated document without its tables (what the seed's narrative corresponds to). */
function narrativeOf(doc: GeneratedDoc): string {
  return doc.nodes
    .filter((n): n is Exclude<DocNode, { type: 'table' } | { type: 'pageBreak' }> => n.type !== 'table' && n.type !== 'pageBreak')
    .map((n) => n.text)
    .join('\n');
}

/**
 * The seed's 自评表 as a sequence of non-empty cells: a line starting with a tab starts a cell, other
 * lines continue the previous cell (the Word export breaks "联系人\n及电话").
 */
function seedCells(block: string): string[] {
  const cells: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('\t')) cells.push(line.slice(1));
    else if (line.trim() !== '' && cells.length) cells[cells.length - 1] += line;
  }
  return cells.map(normCell).filter((c) => c !== '');
}

const normCell = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

function generatedCells(doc: GeneratedDoc): string[][] {
  return doc.nodes
    .filter((n): n is Extract<DocNode, { type: 'table' }> => n.type === 'table' && /绩效自评表/.test(n.caption ?? ''))
    .map((t) => [t.caption ?? '', t.subcaption ?? '', ...[...t.header, ...t.body].flat().map((c) => c.text)].map(normCell).filter((c) => c !== ''));
}

// ------------------------------------------------------------------------------------------------
// The differences, each with its reason
// ------------------------------------------------------------------------------------------------

interface Difference {
  /** A piece of the seed sentence that identifies it. */
  where: string;
  seed: string;
  generated: string;
  reason: string;
}

const DIFFERENCES: Difference[] = [
  {
    where: '其中：财政拨款收入1,911.06万元',
    seed: '1911.06万元',
    generated: '1911.05万元',
    reason: '收入合计 is 1,911.05 and 财政拨款收入 is its only source ("占100%"), so both are 1,911.05 in the model; 1,911.06 = 1,826.48 + 84.58 is rounding drift (dataNotes).',
  },
  {
    where: '较年初预算数减少14.38万元，下降25%',
    seed: '25%',
    generated: '25.0%',
    reason: '14.38 / 57.60 = 24.97%; the seed prints every other percentage with one decimal (style.pctDp = 1).',
  },
  {
    where: '较年初预算数增加8.55万元，增长100.0%',
    seed: '100.0%',
    generated: '100%',
    reason: 'a zero 年初预算; the seed writes this conventional figure both as 增长100% (基金) and 增长100.0% (出国); the generator writes one convention.',
  },
  {
    where: '人均接待费146.89元',
    seed: '146.89元',
    generated: '146.92元',
    reason: '1.91万元 / 130人 = 146.92元; 146.89 is only reachable from an unrounded 接待费 (1.9096万元), which the seed does not state.',
  },
];

function applyDifferences(seed: Sentence[]): { adjusted: string[][]; unused: Difference[] } {
  const adjusted = seed.map((s) => [...s.figures]);
  const unused: Difference[] = [];
  for (const d of DIFFERENCES) {
    const hits = seed.flatMap((s, i) => (s.text.includes(d.where) ? [i] : []));
    if (hits.length !== 1) { unused.push(d); continue; }
    const figs = adjusted[hits[0]];
    const k = figs.indexOf(d.seed);
    if (k < 0) { unused.push(d); continue; }
    figs[k] = d.generated;
  }
  return { adjusted, unused };
}

// ------------------------------------------------------------------------------------------------

const haveCorpus = existsSync(SEED);
it('needs the seed in ../shared/corpus (CI has it beside the repo)', () => {
  expect(haveCorpus, `${SEED} is missing — the seed comparison cannot run`).toBe(true);
});

describe('generate(seed example) against the seed text', () => {
  const seed = haveCorpus ? readFileSync(SEED, 'utf8') : '';
  const parsed = validateDisclosure(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
  if (!parsed.ok) throw new Error(`example does not validate: ${JSON.stringify(parsed.issues)}`);
  const model: Disclosure = parsed.model;
  const doc = generate(model);
  const { narrative, selfEval } = seedParts(seed);

  it('should find a substantial number of figure statements in the seed (extractor sanity)', () => {
    const s = figureSentences(narrative);
    // Pinned counts of the seed (54 sentences, 137 figures): an extractor that finds little cannot make the
    // next test pass vacuously, and a change of the extractor shows here first.
    expect(s.length).toBe(54);
    expect(s.flatMap((x) => x.figures).length).toBe(137);
    expect(figures('收支较上年决算数2250.31万元减少332.06万元、下降14.8%')).toEqual(['2250.31万元', '332.06万元', '14.8%']);
    expect(figures('单价50万元（含）以上通用设备9台（套）')).toEqual(['50万元', '9台(套)']);
    expect(figures('国内公务接待5批次130人')).toEqual(['5批次', '130人']);
    expect(figures('联系方式：023-68863379。')).toEqual(['tel:023-68863379']);
    expect(figures('2020年12月31日，2020年11月底')).toEqual([]);
  });

  it('should state every figure of the seed, sentence by sentence, with only the listed differences', () => {
    const seedSentences = figureSentences(narrative);
    const { adjusted, unused } = applyDifferences(seedSentences);
    expect(unused.map((d) => d.where)).toEqual([]);
    const gen = figureSentences(narrativeOf(doc)).map((s) => s.figures);
    // Side by side for a readable failure.
    const pair = (xs: string[][]) => xs.map((f) => f.join(' '));
    expect(pair(gen)).toEqual(pair(adjusted));
  });

  it('should differ from the seed in exactly the listed figures', () => {
    const seedFigs = figureSentences(narrative).flatMap((s) => s.figures);
    const genFigs = figureSentences(narrativeOf(doc)).flatMap((s) => s.figures);
    expect(genFigs.length).toBe(seedFigs.length);
    const diffs = seedFigs.flatMap((f, i) => (f === genFigs[i] ? [] : [`${f} → ${genFigs[i]}`]));
    expect(diffs).toEqual(DIFFERENCES.map((d) => `${d.seed} → ${d.generated}`));
  });

  it("should insert the person's reasons and purposes where the seed has them, in order", () => {
    const seedEx = explanations(narrative);
    expect(seedEx.length).toBeGreaterThan(20);
    expect(explanations(narrativeOf(doc))).toEqual(seedEx);
  });

  it('should reproduce the seed sentence for sentence, apart from the listed wording differences', () => {
    // Whitespace, thousands separators and full/half-width forms are ignored; everything else must match.
    const norm = (x: string) => x.normalize('NFKC').replace(/\s|,/g, '').replace(/^\[bookmark:_GoBack\]/, '');
    const generated = norm(narrativeOf(doc));
    const seedSentences = narrative.split(/[。\n]/u).map(norm).filter((x) => x !== '');
    const missing = seedSentences.filter((x) => !generated.includes(x));
    const expected: [string, string][] = [
      ['其中:财政拨款收入1911.06万元', 'listed figure difference (1,911.05)'],
      ['(2)社会保障与就业支出', 'the model uses the official 类 name 社会保障和就业支出'],
      ['2020年度一般公共财政拨款基本支出', 'the seed drops 预算 from 一般公共预算财政拨款; the generator writes the full name'],
      ['下降25%', 'listed figure difference (25.0%)'],
      ['增长100.0%', 'listed figure difference (100%)'],
      ['本单位2020年度未发生公务车购置费支出', 'the seed switches to 本单位 here; the generator keeps 本部门 (body.level)'],
      ['人均接待费146.89元', 'listed figure difference (146.92元)'],
      ['执法执勤用车0辆特种专业技术用车', 'the seed changes separator from 、 to ， mid-list; the generator uses 、 throughout'],
    ];
    expect(missing.length).toBe(expected.length);
    for (const [piece] of expected) expect(missing.filter((x) => x.includes(piece)).length, piece).toBe(1);
    expect(seedSentences.length).toBe(121);
    expect(seedSentences.length - missing.length).toBe(113);
  });

  it('should render both 自评表 cell for cell like the seed, incl. the printed "7*24%"', () => {
    // The seed block holds two tables one after the other; split at each caption.
    const all = seedCells(selfEval);
    const starts = all.flatMap((c, i) => (/绩效自评表$/.test(c) ? [i] : []));
    expect(starts.length).toBe(2);
    const seedTables = starts.map((s, k) => all.slice(s, starts[k + 1] ?? all.length));
    expect(generatedCells(doc)).toEqual(seedTables);
    expect(generatedCells(doc)[0]).toContain('7*24%');
  });

  it('should produce all seven parts of the seed in order, then the nine tables', () => {
    const parts = doc.nodes.filter((n) => n.type === 'heading' && n.level === 1).map((n) => (n as { text: string }).text);
    const seedParts1 = seed.split('\n').filter((l) => /^[一二三四五六七八九十]+、/.test(l.trim())).map((l) => l.trim());
    expect(parts.slice(0, 7)).toEqual(seedParts1);
    const tables = doc.nodes.filter((n) => n.type === 'table' && !/绩效自评表/.test(n.caption ?? ''));
    expect(tables.length).toBe(9);
  });

  it('should carry every second-level heading of the seed', () => {
    const seedH2 = seed.split('\n').map((l) => l.trim()).filter((l) => /^（[一二三四五六七八九十]+）/.test(l) && l.length < 40);
    const seedH2Narrative = seedH2.filter((l) => !/：/.test(l)); // the glossary entries are paragraphs
    const genH2 = doc.nodes.filter((n) => n.type === 'heading' && n.level === 2).map((n) => (n as { text: string }).text);
    expect(genH2).toEqual(seedH2Narrative);
  });
});
