/**
 * The two real Shanghai Putuo PDFs and the official template through checkBytes (reader → table rebuild →
 * rules). Every table identity and cross-table identity holds within rounding; the known defects of
 * ../shared/corpus/README.md are reported; every error that remains is listed here with the arithmetic
 * that shows the document really is wrong.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkBytes, checkPdfText } from '../src/engine/check.js';
import { readPdfText } from '../src/readers/index.js';
import type { CheckResult } from '../src/engine/types.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/pdf');
const FILES = {
  shehui: 'sh-putuo-shehuigongzuobu-2024.pdf',
  guihua: 'sh-putuo-guihuaziyuan-2024.pdf',
  template: 'sh-template-2024-final.pdf',
} as const;

const results: Partial<Record<keyof typeof FILES, CheckResult>> = {};

beforeAll(async () => {
  for (const [k, f] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const p = path.join(CORPUS, f);
    expect(existsSync(p), `corpus PDF missing: ${p} (the shared corpus must sit next to the repository as ../shared/corpus)`).toBe(true);
    results[k] = await checkBytes(new Uint8Array(readFileSync(p)), f);
  }
}, 120_000);

const of = (k: keyof typeof FILES) => results[k]!;
const by = (k: keyof typeof FILES, ruleId: string, severity?: string) => of(k).findings.filter((f) => f.ruleId === ruleId && (!severity || f.severity === severity));
const errors = (k: keyof typeof FILES) => of(k).findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);

describe('a PDF checked in two halves (readPdfText, then checkPdfText: a batch does them on two threads)', () => {
  it.each(Object.keys(FILES) as (keyof typeof FILES)[])('%s: the same result as checkBytes', async (k) => {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS, FILES[k])));
    // (through a structured clone, as the text goes from one thread to the other)
    const loaded = structuredClone(await readPdfText(bytes, FILES[k]));
    expect(JSON.stringify(await checkPdfText(loaded, FILES[k]))).toBe(JSON.stringify(of(k)));
  });
});

describe.each(['shehui', 'guihua'] as const)('Putuo %s', (k) => {
  it('runs every rule without an internal error', () => {
    expect(of(k).internalErrors).toEqual([]);
  });
  it('reads all nine tables reliably, so no table is set aside', () => {
    expect(by(k, 'table/unreliable')).toEqual([]);
  });
  it('has every table identity hold within rounding (rounding drift is info)', () => {
    expect(by(k, 'table/identity', 'error').map((f) => f.message)).toEqual([]);
    expect(by(k, 'table/identity', 'warning')).toEqual([]);
  });
  it('has every cross-table identity hold within rounding', () => {
    expect(by(k, 'table/cross').filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([]);
  });
  it('finds the empty 三公/基金/国资 tables consistent with their notes and the text', () => {
    expect(by(k, 'table/empty-note').map((f) => f.message)).toEqual([]);
  });
});

describe('sh-putuo-shehuigongzuobu-2024.pdf', () => {
  it('notes 人员 95.36 + 公用 10.23 = 105.59 vs 基本支出 105.58 as rounding (info)', () => {
    const m = by('shehui', 'table/cross', 'info').map((f) => f.message);
    expect(m.some((x) => x.includes('105.58') && x.includes('95.36') && x.includes('10.23'))).toBe(true);
  });
  it('prints the cover body name in every table header: no body-name warning', () => {
    expect(by('shehui', 'table/body-name')).toEqual([]);
  });
  it('asks no 三公 quantities of a body that says it spent nothing on 三公 ("2024 年度无“三公”经费财政拨款支出")', () => {
    expect(by('shehui', 'quantity/sangong-quantities')).toEqual([]);
  });
  it('leaves exactly one error, the known 完成率 against a zero 年初预算', () => {
    // 说明五(三): "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%":
    // 307.82 / 321.02 = 95.888…% → 95.89% is the 全年预算 ratio; against 年初预算 0 there is no 完成率.
    expect(errors('shehui')).toEqual(['claim/completion: 一般公共预算财政拨款支出年初预算为0，不能“完成年初预算的95.89%”（该数是对全年预算321.02万元的完成率）。']);
  });
});

describe('sh-putuo-guihuaziyuan-2024.pdf', () => {
  it('warns once that the table headers name 上海市规划和自然资源局, not the cover body', () => {
    const w = by('guihua', 'table/body-name');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0].actual).toBe('上海市规划和自然资源局');
    expect(w[0].expected).toBe('上海市普陀区规划和自然资源局');
  });
  it('notes the 0.01 drifts between tables as info (T1 210 236.63 vs T3 236.64, T1 212 3845.25 vs T3 3845.24)', () => {
    const m = by('guihua', 'table/cross', 'info').map((f) => f.message);
    expect(m.some((x) => x.includes('236.63') && x.includes('236.64'))).toBe(true);
    expect(m.some((x) => x.includes('3845.25') && x.includes('3845.24'))).toBe(true);
  });
  it('warns where the text names a subject otherwise than the table (tied to the row by its amount or 项 name)', () => {
    const w = by('guihua', 'table/class-names').map((f) => `${f.actual}→${f.expected}`);
    expect(w).toEqual([
      '机关事业单位退休人员活动费支出→其他行政事业单位养老支出', // item 5, 0.88 = T5 2080599 (the only 0.88 under 208)
      '其他国土资源事务支出→其他自然资源事务支出', // item 11, 45.00 = T5 2200199 (old name of the 项)
      '住房保障支出→住房改革支出', // item 12 (住房公积金 under 22102)
      '住房保障支出→住房改革支出', // item 13 (购房补贴 under 22102)
    ]);
  });
  it('leaves exactly two errors: 基本支出 and 人员经费 in 说明六 are the all-source figures, not the 一般公共预算 ones', () => {
    // T5 合计·基本支出 = 754.75 + 236.64 + 1572.70 + 2339.58 + 461.08 = 5364.75; T6 人员经费合计 4884.09 +
    // 公用经费合计 480.66 = 5364.75. The text says 5377.64 (= T3 合计·基本支出, all sources) and 4896.98
    // (4896.98 + 480.66 = 5377.64): both 12.89 above the tables' 一般公共预算财政拨款 figures.
    expect(errors('guihua')).toEqual([
      'table/text: 一般公共预算财政拨款基本支出：文中为5,377.64万元，表5“合计”行“基本支出”栏为5,364.75万元（差额12.89万元）。',
      'table/text: 人员经费：文中为4,896.98万元，表6“人员经费合计”行“决算数”栏为4,884.09万元（差额12.89万元）。',
    ]);
  });
});

describe('sh-template-2024-final.pdf', () => {
  it('checks without a crash and without an error', () => {
    expect(of('template').internalErrors).toEqual([]);
    expect(errors('template')).toEqual([]);
  });
  it('sets its flagged placeholder tables aside with one warning each', () => {
    expect(by('template', 'table/unreliable').map((f) => f.message.slice(0, 3))).toEqual(['表2（', '表3（', '表5（']);
    expect(by('template', 'table/unreliable').every((f) => f.severity === 'warning')).toBe(true);
  });
});
