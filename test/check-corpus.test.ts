/**
 * Every text in ../shared/corpus/text reads and checks without a crash; error-level findings appear only
 * where the document was verified by hand to be wrong (listed below with the arithmetic). Excerpts are
 * not called incomplete.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { checkBytes } from '../src/engine/check.js';
import { D, round } from '../src/calc/money.js';
import { normalizeText } from '../src/readers/normalize.js';

const DIR = path.resolve(process.cwd(), '../shared/corpus/text');

/**
 * file → the error findings verified by hand. Each names the sentences it rests on (they must be in the file),
 * recomputes the figure by hand arithmetic on the printed numbers (decimal, half-up), and fixes what the finding
 * must say (expected / actual), so the test fails if the checker's verdict and the arithmetic ever part.
 */
interface Verified {
  rule: string;
  /** Text the finding rests on, as printed (normalised: simplified, ASCII punctuation, no pinyin). */
  quotes: string[];
  /** The hand arithmetic: returns what the document should have printed. */
  prove: () => string;
  expected: string;
  actual: string;
}
const pct = (num: string, den: string, dp: number) => round(new D(num).div(den).mul(100), dp).toFixed(dp);
const sum = (...xs: string[]) => xs.reduce((a, x) => a.add(new D(x.replace(/,/g, ''))), new D(0)).toFixed(2);

const VERIFIED_ERRORS: Record<string, Verified[]> = {
  '007-cq-kaizhou-ggzyjy-2020-partial.txt': [
    {
      rule: 'claim/change-pct',
      // 年初预算 = 712.79 − 147.22 = 565.57; 147.22 / 565.57 = 26.03% (26.0% at the printed one decimal), not 9.6%
      // (nor is 147.22 / 712.79 = 20.65%). 支出合计 is the same 712.79.
      quotes: ['其中财政拨款支出712.79万元', '较年初预算数增加147.22万元增长9.6%'],
      prove: () => pct('147.22', new D('712.79').sub('147.22').toFixed(2), 1) + '%',
      expected: '26.0%',
      actual: '9.6%',
    },
  ],
  '035-gs-tianshui-youeryuan-2017-partial-trad.txt': [
    {
      rule: 'claim/vs-budget',
      // The budget is 1741.75 − 55.93 = 1685.82, so 完成率 = 1741.75 / 1685.82 = 103.32% (103% at the printed
      // precision), not 100%: "完成年初预算100%" and "决算数大于预算数55.93万元" cannot both hold.
      quotes: ['一般公共预算财政拨款支出总计1741.75万元', '完成年初预算100%,决算数大于预算数55.93万元'],
      prove: () => pct('1741.75', new D('1741.75').sub('55.93').toFixed(2), 0) + '%',
      expected: '103%',
      actual: '100%',
    },
  ],
  '046-central-youzhengju-2012-news.txt': [
    {
      rule: 'claim/restated',
      // 收入总计 and 支出总计 are equal by definition (T1), and the text's own lists do not repair it: its income
      // items sum to 83,114.20 and its expenditure items with 年末结转和结余 to 84,114.21 (52,944.62 is the sum
      // without 年末结转和结余: the press called 本年支出 "总计"; 71,732.49 is 1,000 more than the 本年 income items).
      quotes: ['收入总计71,732.49万元', '支出总计52,944.62万元'],
      prove: () => {
        expect(sum('60,719.31', '468.52', '9,544.66', '12,381.71')).toBe('83114.20');
        expect(sum('828.54', '593.81', '50,460.32', '201.5', '860.45', '31,169.59')).toBe('84114.21');
        expect(sum('828.54', '593.81', '50,460.32', '201.5', '860.45')).toBe('52944.62');
        expect(sum('60,719.31', '468.52', '9,544.66')).toBe('70732.49');
        return '71,732.49';
      },
      expected: '71,732.49',
      actual: '52,944.62',
    },
  ],
};

describe('corpus texts', () => {
  it('should find the corpus', () => {
    expect(existsSync(DIR), `missing ${DIR}: the tests need ../shared/corpus`).toBe(true);
    expect(readdirSync(DIR).filter((f) => f.endsWith('.txt')).length, 'no corpus texts: nothing below would be checked').toBeGreaterThan(0);
  });
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort() : [];
  for (const f of files) {
    it(`should check ${f} without a crash and without unverified errors`, async () => {
      const r = await checkBytes(new Uint8Array(readFileSync(path.join(DIR, f))), f);
      expect(r.internalErrors).toEqual([]);
      const errors = r.findings.filter((x) => x.severity === 'error');
      const verified = VERIFIED_ERRORS[f] ?? [];
      expect(errors.map((x) => x.ruleId)).toEqual(verified.map((v) => v.rule));
      const view = normalizeText(r.doc!.text).replace(/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)|\s+/g, '');
      verified.forEach((v, i) => {
        for (const q of v.quotes) expect(view, `the sentence the finding rests on: ${q}`).toContain(q);
        expect(v.prove()).toBe(v.expected);
        expect(errors[i].expected).toBe(v.expected);
        expect(errors[i].actual).toBe(v.actual);
      });
      // An excerpt is never reported as missing parts.
      expect(r.findings.filter((x) => x.ruleId === 'doc/required-sections' && x.severity !== 'info')).toEqual([]);
    });
  }
});
