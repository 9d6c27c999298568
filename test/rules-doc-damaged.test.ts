/** Valid/invalid cases for doc/damaged (pages a reader could not read are a finding). */
import { expect, it } from 'vitest';
import { runRuleTests } from '../src/rules/tester.js';
import { inputFromText } from '../src/engine/input.js';
import damaged, { pageList } from '../src/rules/doc/damaged.js';
import type { SourceDamage } from '../src/readers/types.js';

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
