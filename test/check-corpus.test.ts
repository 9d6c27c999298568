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
      // "支出合计712.79万元…较年初预算数增加147.22万元增长9.6%": 年初预算 = 712.79 − 147.22 = 565.57;
      // 147.22 / 565.57 = 26.03%, not 9.6% (nor is 147.22 / 712.79 = 20.65%).
      arithmetic: '147.22 / (712.79 − 147.22) = 26.03%',
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
