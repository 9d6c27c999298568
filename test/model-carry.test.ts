/**
 * Start from last year: `new --from` carries 本年 into 上年, keeps leaves and texts as drafts, and every
 * year-bound phrase follows the year; doc/stale-year flags the phrases that did not.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { carryForward, followYear } from '../src/model/carry.js';
import { leavesOnly } from '../src/model/derive.js';
import { comparative, cellValue } from '../src/model/concepts.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown } from '../src/render/index.js';
import { checkBytes } from '../src/engine/check.js';
import { runNew } from '../src/cli/commands/new.js';
import { inputFromText as t } from '../src/engine/input.js';
import { runRuleTests } from '../src/rules/tester.js';
import staleYear from '../src/rules/doc/stale-year.js';
import { EXAMPLE_PATH, leavesModel } from './leaves-fixture.js';

function valid(data: unknown): Disclosure {
  const r = validateDisclosure(data);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}

describe('followYear', () => {
  it('should move as-of dates and 本部门/本单位YYYY年度, nothing else', () => {
    expect(followYear('截至2020年12月31日，本部门共有车辆6辆', 2020, 2021)).toBe('截至2021年12月31日，本部门共有车辆6辆');
    expect(followYear('本部门2020年度无重点绩效评价项目。', 2020, 2021)).toBe('本部门2021年度无重点绩效评价项目。');
    expect(followYear('2020年12月31日', 2020, 2021)).toBe('2021年12月31日');
    expect(followYear('2020年11月底前完成测评', 2020, 2021)).toBe('2020年11月底前完成测评');
  });
});

describe('leavesOnly', () => {
  it('should strip every figure derivation gives back and keep the leaves', () => {
    const full = valid(leavesModel());
    const leaves = leavesOnly(full);
    expect(cellValue(leaves, 't5', 'total', 'total')).toBeNull();
    expect(cellValue(leaves, 't5', '2010302', 'project')?.toFixed(2)).toBe('200.00');
    expect(leaves.tables.find((x) => x.kind === 't5')!.rows.find((r) => r.code === '201')).toBeTruthy(); // named 类 kept
    const again = valid(leaves);
    expect(cellValue(again, 't1', 'out.grand', 'amount')?.toFixed(2)).toBe('1891.78');
  });
});

describe('new --from', () => {
  const last = valid(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  const stated = validateDisclosure(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')), { derive: false });
  const { model, revise } = carryForward(last, 2021, stated.ok ? stated.model : last);

  it('should carry last year\'s 本年 figures into this year\'s 上年', () => {
    expect(model.year).toBe(2021);
    expect(comparative(model, '本年收入合计', 'prior')?.toFixed(2)).toBe('1911.05');
    expect(comparative(model, '一般公共预算财政拨款支出:201', 'prior')?.toFixed(2)).toBe('1462.95');
    expect(comparative(model, '一般公共预算财政拨款支出', 'budget')).toBeNull();
    expect(comparative(model, '公务接待费', 'prior')?.toFixed(2)).toBe('1.91');
    expect(comparative(model, '会议费', 'prior')?.toFixed(2)).toBe('2.15');
    expect(revise).toContain('sanGong.reception.purpose');
  });

  it('should move every year-bound phrase and render a 2021 document without stale years', async () => {
    const m = valid(JSON.parse(JSON.stringify(model)));
    expect(m.assets.asOf).toBe('2021年12月31日');
    expect(m.performance.keyEvaluation).toBe('本部门2021年度无重点绩效评价项目。');
    const md = renderMarkdown(generate(m));
    expect(md).toContain('截至2021年12月31日');
    expect(md).not.toMatch(/本部门2020年度|截至2020年/);
    const r = await checkBytes(new TextEncoder().encode(md), 'm2021.md');
    expect(r.findings.filter((f) => f.ruleId === 'doc/stale-year')).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  });

  it('should flag a year that did not follow', async () => {
    const m = valid({ ...JSON.parse(JSON.stringify(model)), assets: { ...model.assets, asOf: '2020年12月31日' } });
    const md = renderMarkdown(generate(m));
    const r = await checkBytes(new TextEncoder().encode(md), 'm2021.md');
    const f = r.findings.filter((x) => x.ruleId === 'doc/stale-year');
    expect(f.map((x) => [x.severity, x.actual, x.expected])).toEqual([['warning', '2020', '2021']]);
  });

  it('should write through the CLI without overwriting, and refuse a year not after the model\'s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-new-'));
    const out = path.join(dir, 'm.json');
    writeFileSync(out, '{}');
    const written = await runNew({ from: EXAMPLE_PATH, year: '2021', output: out });
    expect(path.basename(written)).toBe('m.v2.json');
    expect(readFileSync(out, 'utf8')).toBe('{}');
    expect(validateDisclosure(JSON.parse(readFileSync(written, 'utf8'))).ok).toBe(true);
    await expect(runNew({ from: EXAMPLE_PATH, year: '2020', output: out })).rejects.toThrow(/不晚于/);
  });
});

runRuleTests(staleYear, {
  valid: [
    { input: t('2020年度部门决算情况说明\n截至2020年12月31日，本部门共有车辆6辆。本部门2020年度无重点绩效评价项目。2020年度收入总计1.00万元。') },
    { name: 'unknown year: no finding', input: { ...t('截至2019年12月31日，本部门共有车辆6辆。'), year: null } },
    { name: 'the year before is info only', input: t('2020年度部门决算情况说明\n2020年度收入总计1.00万元。本部门2019年度无此项支出。2020年度支出总计1.00万元。') },
  ],
  invalid: [
    {
      input: t('2021年度部门决算情况说明\n2021年度收入总计1.00万元。截至2020年12月31日，本部门共有车辆6辆。2021年度支出总计1.00万元。'),
      errors: [{ messageId: 'asOf', severity: 'warning', expected: '2021', actual: '2020' }],
    },
    {
      input: t('2021年度部门决算情况说明\n2021年度收入总计1.00万元。本部门2018年度无重点绩效评价项目。2021年度支出总计1.00万元。'),
      errors: [{ messageId: 'selfYear', severity: 'warning', actual: '2018' }],
    },
  ],
});
