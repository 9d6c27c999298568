/**
 * Every text in ../shared/corpus/text reads and checks without a crash; error-level findings appear only
 * where the document was verified by hand to be wrong (listed below with the arithmetic). Excerpts are
 * not called incomplete.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { checkBytes } from '../src/engine/check.js';

const DIR = path.resolve(process.cwd(), '../shared/corpus/text');

/** file → rule ids of the error findings verified by hand. */
const VERIFIED_ERRORS: Record<string, { rule: string; arithmetic: string }[]> = {
  '007-cq-kaizhou-ggzyjy-2020-partial.txt': [
    {
      rule: 'claim/change-pct',
      // "其中财政拨款支出712.79万元…较年初预算数增加147.22万元增长9.6%": 年初预算 = 712.79 − 147.22 = 565.57;
      // 147.22 / 565.57 = 26.03%, not 9.6% (nor is 147.22 / 712.79 = 20.65%). (支出合计 is the same 712.79.)
      arithmetic: '147.22 / (712.79 − 147.22) = 26.03%',
    },
  ],
  '035-gs-tianshui-youeryuan-2017-partial-trad.txt': [
    {
      rule: 'claim/vs-budget',
      // "一般公共預算財政撥款支出總計1741.75萬元…；完成年初預算100%，決算數大於預算數55.93萬元": the budget is
      // 1741.75 − 55.93 = 1685.82, so 完成率 = 1741.75 / 1685.82 = 103.32% (103% at the printed precision), not 100%.
      arithmetic: '1741.75 / (1741.75 − 55.93) = 103.32%',
    },
  ],
  '046-central-youzhengju-2012-news.txt': [
    {
      rule: 'claim/restated',
      // "收入总计71,732.49万元 … 支出总计52,944.62万元": 收入总计 and 支出总计 are equal by definition (T1). The text's own
      // lists do not repair it: 60,719.31 + 468.52 + 9,544.66 + 12,381.71 = 83,114.20 and 828.54 + 593.81 + 50,460.32 +
      // 201.5 + 860.45 + 31,169.59 = 84,114.21 (52,944.62 is the sum without 年末结转和结余: the press called 本年支出 "总计").
      arithmetic: '71,732.49 ≠ 52,944.62',
    },
  ],
};

describe('corpus texts', () => {
  it('should find the corpus', () => {
    expect(existsSync(DIR), `missing ${DIR}: the tests need ../shared/corpus`).toBe(true);
  });
  const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort() : [];
  for (const f of files) {
    it(`should check ${f} without a crash and without unverified errors`, async () => {
      const r = await checkBytes(new Uint8Array(readFileSync(path.join(DIR, f))), f);
      expect(r.internalErrors).toEqual([]);
      const errors = r.findings.filter((x) => x.severity === 'error').map((x) => x.ruleId);
      expect(errors).toEqual((VERIFIED_ERRORS[f] ?? []).map((v) => v.rule));
      // An excerpt is never reported as missing parts.
      expect(r.findings.filter((x) => x.ruleId === 'doc/required-sections' && x.severity !== 'info')).toEqual([]);
    });
  }
});
