/** Valid/invalid cases for doc/damaged (pages a reader could not read are a finding). */
import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../src/rules/tester.js';
import { inputFromText } from '../src/engine/input.js';
import damaged, { pageList } from '../src/rules/doc/damaged.js';
import type { SourceDamage } from '../src/readers/types.js';
import type { ExtractedTable } from '../src/extract/table-types.js';
import type { Finding } from '../src/rules/types.js';
import { abstainTables, restsOnDamage } from '../src/engine/damage.js';
import { runRules } from '../src/engine/run.js';
import { defineRule } from '../src/rules/define.js';

const TEXT = '2020年度收入总计1,918.25万元。';
const withDamage = (damage: SourceDamage[]) => {
  const input = inputFromText(TEXT);
  return { ...input, doc: { ...input.doc!, format: 'pdf' as const, damage } };
};

runRuleTests(damaged, {
  valid: [{ input: inputFromText(TEXT) }, { name: 'empty damage list', input: withDamage([]) }],
  invalid: [
    {
      name: 'pages lost to a broken cross-reference table',
      input: withDamage([{ pages: [9, 10, 11, 12], reason: '文件声明共 12 页，只能解析出 8 页（交叉引用表或页面树已损坏）', kind: 'damaged' }]),
      errors: [{ messageId: 'damaged', severity: 'error', actual: '4 页' }],
    },
    {
      name: 'a page whose content stream breaks (read in part)',
      input: withDamage([{ pages: [7], reason: '页面内容有损坏（Illegal character: 41），只读出一部分', kind: 'partial' }]),
      errors: [{ messageId: 'partial', severity: 'warning', actual: '1 页' }],
    },
    {
      name: 'a page cut by the time limit',
      input: withDamage([{ pages: [3], reason: '读取超时（60000 毫秒），只读取了一部分', kind: 'limit' }]),
      errors: [{ messageId: 'limit', severity: 'warning' }],
    },
  ],
});

it('page lists fold runs: 3、5、9—30', () => {
  expect(pageList([30, 3, 5, ...Array.from({ length: 21 }, (_, i) => i + 9)])).toBe('3、5、9—30');
  expect(pageList([1, 2])).toBe('1、2');
});

describe('checks resting on a damaged page abstain (engine/damage.ts)', () => {
  const table = (pages: number[]) => ({ title: 'T', confidence: 0.95, confidenceNotes: ['x'], pages }) as unknown as ExtractedTable;
  it('a table on a damaged page, or ending on the page before one, is made unreliable; others are kept as they are', () => {
    const [on, before, after, away] = abstainTables([table([6, 7]), table([6]), table([8]), table([3])], new Set([7]));
    expect([on.confidence, before.confidence, after.confidence, away.confidence]).toEqual([0, 0, 0.95, 0.95]);
    expect(on.confidenceNotes[0]).toBe('第7页已损坏，表格可能缺行或缺数');
    expect(before.confidenceNotes[0]).toBe('第7页已损坏，表格可能缺行或缺数');
    const t = table([7]);
    expect(abstainTables([t], new Set())[0]).toBe(t);
  });
  it('an error or warning on a damaged page, or related to a place on one, is dropped; info and doc/damaged stay', () => {
    const f = (ruleId: string, severity: Finding['severity'], page: number, related: number[] = []) =>
      ({ ruleId, severity, message: '', messageId: 'm', location: { file: 'f', line: 1, column: 1, page }, related: related.map((p) => ({ label: '', location: { file: 'f', line: 1, column: 1, page: p } })) }) as Finding;
    const d = new Set([7]);
    expect(restsOnDamage(f('table/cross', 'error', 7), d)).toBe(true);
    expect(restsOnDamage(f('claim/share', 'warning', 3, [7]), d)).toBe(true);
    expect(restsOnDamage(f('table/cross', 'error', 3, [4]), d)).toBe(false);
    expect(restsOnDamage(f('table/cross', 'info', 7), d)).toBe(false);
    expect(restsOnDamage(f('doc/damaged', 'error', 7), d)).toBe(false);
  });
});

it('runRules withholds the findings on a damaged page and says how many in one note', () => {
  const onPages = defineRule({
    meta: { id: 'test/on-pages', type: 'consistency', defaultSeverity: 'error', description: 't', basis: 't', messages: { m: '第{p}页' } },
    check(input, ctx) {
      for (const p of [3, 7, 7]) ctx.report({ messageId: 'm', data: { p }, at: { file: input.file, line: 1, column: 1, page: p } });
    },
  });
  const input = withDamage([{ pages: [7], reason: 'x', kind: 'partial' }]);
  const r = runRules(input, [damaged, onPages]);
  expect(r.findings.filter((f) => f.ruleId === 'test/on-pages').map((f) => f.message)).toEqual(['第3页']);
  const note = r.findings.find((f) => f.messageId === 'withheld');
  expect(note?.severity).toBe('info');
  expect(note?.message).toMatch(/^另有 2 条检查结果（其中错误 2 条）/);
  expect(runRules(input, [damaged, onPages], { rules: { 'doc/damaged': 'off' } }).findings.map((f) => f.message)).toEqual(['第3页']);
});
