/**
 * Valid/invalid cases for the rules on rebuilt tables (src/rules/table/), on hand-built ExtractedTables and
 * small texts, through the strict tester.
 */
import { describe, it, expect } from 'vitest';
import { runRuleTests, runOne } from '../src/rules/tester.js';
import { inputFromText } from '../src/engine/input.js';
import type { ExtractedTable } from '../src/extract/table-types.js';
import type { Row } from '../src/model/schema.js';
import type { TableKind } from '../src/model/tables.js';
import type { CheckInput } from '../src/engine/types.js';
import unreliable from '../src/rules/table/unreliable.js';
import identity from '../src/rules/table/identity.js';
import cross from '../src/rules/table/cross.js';
import text from '../src/rules/table/text.js';
import emptyNote from '../src/rules/table/empty-note.js';
import bodyName from '../src/rules/table/body-name.js';
import classNames from '../src/rules/table/class-names.js';
import { reliableTables } from '../src/rules/table/unreliable.js';
import { TABLE_RULES } from '../src/rules/table-index.js';

type Vals = Record<string, string | null>;
const r = (name: string, values: Vals, extra: Partial<Row> = {}): Row => ({ name, values, ...extra });
const code = (c: string, name: string, values: Vals): Row => r(name, values, { code: c });
const key = (k: string, name: string, values: Vals, side?: 'income' | 'expense'): Row => r(name, values, { key: k, ...(side ? { side } : {}) });

function tbl(kind: TableKind, rows: Row[], o: { confidence?: number; flagged?: boolean; empty?: boolean; note?: string; bodyName?: string } = {}): ExtractedTable {
  const t: ExtractedTable & { flagged?: boolean } = {
    table: { kind, unit: '万元', rows, ...(o.empty ? { empty: true } : {}), ...(o.note ? { note: o.note } : {}) },
    title: '',
    cellSources: rows.map(() => ({})),
    rowSources: rows.map(() => ({})),
    confidence: o.confidence ?? 1,
    confidenceNotes: o.confidence !== undefined && o.confidence < 0.8 ? ['恒等式 1/3 成立'] : ['恒等式 3/3 成立'],
  };
  if (o.bodyName) t.bodyName = o.bodyName;
  if (o.flagged !== undefined) t.flagged = o.flagged;
  return t;
}

const withTables = (tables: ExtractedTable[], txt?: string): Partial<CheckInput> => (txt === undefined ? { tables } : { ...inputFromText(txt), tables });

// T5: 201 = 20139 = 2013901 + 2013999; 合计 = 201 + 221.
const t5 = (over: Partial<Record<string, Vals>> = {}) =>
  tbl('t5', [
    code('201', '一般公共服务支出', over['201'] ?? { total: '264.87', basic: '62.63', project: '202.24' }),
    code('20139', '社会工作事务', { total: '264.87', basic: '62.63', project: '202.24' }),
    code('2013901', '行政运行', { total: '62.63', basic: '62.63', project: '0.00' }),
    code('2013999', '其他社会工作事务支出', { total: '202.24', basic: '0.00', project: '202.24' }),
    code('221', '住房保障支出', { total: '29.42', basic: '29.42', project: '0.00' }),
    code('22102', '住房改革支出', { total: '29.42', basic: '29.42', project: '0.00' }),
    code('2210201', '住房公积金', { total: '29.42', basic: '29.42', project: '0.00' }),
    key('total', '合计', over.total ?? { total: '294.29', basic: '92.05', project: '202.24' }),
  ]);

const t6 = (personnel = '82.00', pub = '10.05', extra: Row[] = []) =>
  tbl('t6', [
    code('301', '工资福利支出', { amount: personnel }),
    code('302', '商品和服务支出', { amount: pub }),
    ...extra,
    key('personnel', '人员经费合计', { amount: personnel }),
    key('public', '公用经费合计', { amount: pub }),
  ]);

describe('reliableTables', () => {
  it('keeps tables at or above the threshold and drops flagged ones', () => {
    const input = { tables: [tbl('t1', []), tbl('t2', [], { confidence: 0.5 }), tbl('t3', [], { flagged: true }), tbl('t4', [], { confidence: 0.8 })] } as unknown as CheckInput;
    expect(reliableTables(input).map((t) => t.table.kind)).toEqual(['t1', 't4']);
  });
  it('lists every table rule in the registry', () => {
    expect(TABLE_RULES.map((x) => x.meta.id).sort()).toEqual(['table/body-name', 'table/class-names', 'table/cross', 'table/empty-note', 'table/identity', 'table/text', 'table/unreliable']);
  });
});

runRuleTests(unreliable, {
  valid: [{ input: withTables([t5(), tbl('t6', [], { confidence: 0.8 })]) }],
  invalid: [
    { name: 'low confidence and flagged', input: withTables([t5(), tbl('t2', [], { confidence: 0.47 }), tbl('t3', [], { flagged: true, confidence: 0.9 })]), errors: [{ messageId: 'unreliable', severity: 'warning' }, { messageId: 'unreliable', severity: 'warning' }] },
  ],
});

runRuleTests(identity, {
  valid: [
    { name: 'T5 adds up', input: withTables([t5()]) },
    { name: 'a wrong unreliable table is not checked', input: withTables([tbl('t5', t5({ total: { total: '999.00', basic: '92.05', project: '202.24' } }).table.rows, { confidence: 0.5 })]) },
    { name: 'rounding is info', input: withTables([t5({ total: { total: '294.30', basic: '92.05', project: '202.24' } })]) },
    {
      name: 'a model table stating only each 类 total (null = not given) is not summed',
      input: withTables([tbl('t5', [key('total', '合计', { total: '294.29', basic: '92.05', project: '202.24' }), code('201', '一般公共服务支出', { total: '264.87', basic: null, project: null }), code('221', '住房保障支出', { total: '29.42', basic: null, project: null })])]),
    },
  ],
  invalid: [
    { name: 'T5 合计 ≠ Σ类', input: withTables([t5({ total: { total: '295.29', basic: '93.05', project: '202.24' } })]), errors: [{ messageId: 'wrong', severity: 'error', actual: '295.29', expected: '294.29' }, { messageId: 'wrong', severity: 'error', actual: '93.05', expected: '92.05' }] },
    { name: 'T5 row sum wrong', input: withTables([t5({ '201': { total: '264.87', basic: '62.63', project: '201.24' } })]), errors: [{ messageId: 'wrong', actual: '264.87', expected: '263.87' }, { messageId: 'wrong', actual: '201.24', expected: '202.24' }, { messageId: 'wrong', actual: '202.24', expected: '201.24' }] },
    { name: 'T5 rounding drift noted', input: withTables([t5({ total: { total: '294.29', basic: '92.06', project: '202.24' } })]), errors: [{ messageId: 'rounding', severity: 'info' }, { messageId: 'rounding', severity: 'info' }] },
  ],
});

const t1 = (outTotal = '294.29') =>
  tbl('t1', [
    key('in.general', '一般公共预算财政拨款收入', { amount: '294.29' }, 'income'),
    key('in.total', '本年收入合计', { amount: '294.29' }, 'income'),
    key('in.grand', '收入总计', { amount: '294.29' }, 'income'),
    code('201', '一般公共服务支出', { amount: '264.87' }),
    code('221', '住房保障支出', { amount: '29.42' }),
    key('out.total', '本年支出合计', { amount: outTotal }, 'expense'),
    key('out.grand', '支出总计', { amount: outTotal }, 'expense'),
  ]);
const t3 = (c221 = '29.42', total = '294.29') =>
  tbl('t3', [
    key('total', '合计', { total, basic: '92.05', project: '202.24' }),
    code('201', '一般公共服务支出', { total: '264.87', basic: '62.63', project: '202.24' }),
    code('221', '住房保障支出', { total: c221, basic: c221, project: '0.00' }),
  ]);
const t4 = (g221 = '29.42') =>
  tbl('t4', [
    key('in.general', '一般公共预算财政拨款', { total: '294.29', general: '294.29' }, 'income'),
    code('201', '一般公共服务支出', { total: '264.87', general: '264.87', fund: '0.00', capital: '0.00' }),
    code('221', '住房保障支出', { total: g221, general: g221, fund: '0.00', capital: '0.00' }),
    key('out.total', '本年支出合计', { total: '294.29', general: '294.29', fund: '0.00', capital: '0.00' }, 'expense'),
  ]);
const t2 = (total = '294.29') => tbl('t2', [key('total', '合计', { total, fiscal: total, superior: '0.00', business: '0.00', operating: '0.00', subordinate: '0.00', other: '0.00' })]);
const t7 = (reception: string) =>
  tbl('t7', [key('total', '合计', { 'budget.total': '2.85', 'budget.abroad': '0.00', 'budget.vehicle': '0.00', 'budget.purchase': '0.00', 'budget.operation': '0.00', 'budget.reception': '2.85', 'actual.total': reception, 'actual.abroad': '0.00', 'actual.vehicle': '0.00', 'actual.purchase': '0.00', 'actual.operation': '0.00', 'actual.reception': reception })]);
const emptyT = (kind: TableKind, note = '说明：本部门本年度没有相关收支，故本表无数据。') => tbl(kind, [], { empty: true, note, confidence: 0.95 });

runRuleTests(cross, {
  valid: [
    { name: 'all nine agree', input: withTables([t1(), t2(), t3(), t4(), t5(), t6(), t7('0.39'), emptyT('t8'), emptyT('t9')]) },
    { name: '0.01 between T1 and T3 类 is rounding', input: withTables([t1(), t3('29.43', '294.30')]) },
    { name: 'a T3 giving only its 合计 row is not compared by 类', input: withTables([t1(), tbl('t3', [t3().table.rows[0]])]) },
    { name: 'a disagreeing unreliable table is skipped', input: withTables([t1(), tbl('t2', t2('300.00').table.rows, { confidence: 0.4 })]) },
  ],
  invalid: [
    { name: 'T1 本年收入合计 ≠ T2 合计', input: withTables([t1(), t2('300.00')]), errors: [{ messageId: 'wrong', severity: 'error', actual: '294.29', expected: '300.00' }, { messageId: 'wrong', severity: 'error' }] },
    { name: 'T1 类 ≠ T3 类', input: withTables([t1(), t3('39.42', '304.29')]), errors: [{ messageId: 'wrong', actual: '294.29', expected: '304.29' }, { messageId: 'wrong', actual: '29.42', expected: '39.42' }] },
    { name: 'T4 一般公共 per 类 ≠ T5', input: withTables([t4('30.42'), t5()]), errors: [{ messageId: 'wrong', actual: '30.42', expected: '29.42' }] },
    { name: 'T5 基本支出 ≠ T6 人员+公用', input: withTables([t5(), t6('82.00', '11.05')]), errors: [{ messageId: 'wrong', actual: '92.05', expected: '93.05' }] },
    { name: 'T5 基本支出 vs T6 off by rounding', input: withTables([t5(), t6('82.01', '10.05')]), errors: [{ messageId: 'rounding', severity: 'info' }] },
    { name: 'T4 基金 spending with an empty T8', input: withTables([tbl('t4', [key('out.total', '本年支出合计', { total: '5.00', general: '0.00', fund: '5.00', capital: '0.00' }, 'expense')]), emptyT('t8')]), errors: [{ messageId: 'wrong', actual: '5.00', expected: '0.00' }] },
    { name: 'T5 code above T3 code', input: withTables([t3('20.00', '284.87'), t5()]), errors: [{ messageId: 'exceeds', severity: 'warning', actual: '29.42', expected: '≤ 20.00' }] },
    { name: 'T6 公务接待费 above T7', input: withTables([t6('82.00', '10.05', [code('30217', '公务接待费', { amount: '0.50' })]), t7('0.39')]), errors: [{ messageId: 'exceeds', severity: 'warning', actual: '0.50' }] },
  ],
});

const T5_TEXT = '五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n';
runRuleTests(text, {
  valid: [
    { name: 'figures equal their cells', input: withTables([t5(), t6()], '2024年度部门决算\n一般公共预算财政拨款基本支出92.05万元。其中：人员经费82.00万元；公用经费10.05万元。') },
    { name: 'a path amount equal to its 项', input: withTables([t5()], `${T5_TEXT}1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：人员支出。全年预算为70.00万元，支出决算为62.63万元。`) },
    { name: 'a path whose names match no row is not compared', input: withTables([t5()], `${T5_TEXT}1、一般公共服务支出（类）社会工作事务（款）机关服务（项）。全年预算为70.00万元，支出决算为1.00万元。`) },
    { name: 'no table, nothing to compare', input: withTables([], '一般公共预算财政拨款基本支出92.05万元。') },
  ],
  invalid: [
    { name: 'text basic spending ≠ T5', input: withTables([t5()], '2024年度部门决算\n一般公共预算财政拨款基本支出105.05万元。'), errors: [{ messageId: 'wrong', severity: 'error', actual: '105.05', expected: '92.05' }] },
    { name: '人员经费 ≠ T6', input: withTables([t6()], '2024年度部门决算\n人员经费83.00万元。'), errors: [{ messageId: 'wrong', actual: '83.00', expected: '82.00' }] },
    { name: 'a 项 amount ≠ its cell (names wrap over lines)', input: withTables([t5()], `${T5_TEXT}1、一般公共服务支出（类）社会工作事务（款）行\n政运行（项）。全年预算为70.00万元，支出决算为52.63万元。`), errors: [{ messageId: 'wrong', actual: '52.63', expected: '62.63' }] },
    { name: '三公 budget and actual vs T7', input: withTables([t7('0.39')], '2024年度部门决算\n“三公”经费财政拨款支出年初预算为2.95万元，支出决算为0.49万元。'), errors: [{ messageId: 'wrong', actual: '2.95', expected: '2.85' }, { messageId: 'wrong', actual: '0.49', expected: '0.39' }] },
    { name: '机关运行经费 above 公用经费', input: withTables([t6()], '2024年度部门决算\n机关运行经费支出20.00万元。'), errors: [{ messageId: 'operating', severity: 'warning' }] },
  ],
});

runRuleTests(emptyNote, {
  valid: [
    { name: 'empty with note, text says none', input: withTables([emptyT('t8')], '2024年度部门决算\n八、政府性基金预算财政拨款收入支出决算情况说明\n本部门2024年度无政府性基金预算财政拨款收入和支出。') },
    { name: 'template instruction is not a statement', input: withTables([t7('0.39')], '无“三公”经费支出的，仍保留该表格式，并在本表下方作说明。') },
  ],
  invalid: [
    { name: 'empty T7 without a note', input: withTables([tbl('t7', [], { empty: true, confidence: 0.95 })]), errors: [{ messageId: 'noNote', severity: 'warning' }] },
    { name: 'text says none, T7 has data', input: withTables([t7('0.39')], '本部门2024年度无“三公”经费财政拨款支出。'), errors: [{ messageId: 'statedNone', severity: 'error' }] },
    { name: 'a figure against an empty T8', input: withTables([emptyT('t8')], '2024年度部门决算\n政府性基金预算财政拨款支出12.00万元。'), errors: [{ messageId: 'figureButEmpty', severity: 'error' }] },
  ],
});

runRuleTests(bodyName, {
  valid: [{ name: 'same body (spaces ignored)', input: { ...withTables([tbl('t1', [], { bodyName: '上海市 普陀区规划和自然资源局' })]), bodyName: '上海市普陀区规划和自然资源局' } }],
  invalid: [
    {
      name: 'header without 普陀区, once for all tables',
      input: { ...withTables([tbl('t1', [], { bodyName: '上海市规划和自然资源局' }), tbl('t2', [], { bodyName: '上海市规划和自然资源局' })]), bodyName: '上海市普陀区规划和自然资源局' },
      errors: [{ messageId: 'differs', severity: 'warning', expected: '上海市普陀区规划和自然资源局', actual: '上海市规划和自然资源局' }],
    },
  ],
});

runRuleTests(classNames, {
  valid: [{ name: 'names match the table', input: withTables([t5()], `${T5_TEXT}1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。支出决算为62.63万元。`) }],
  invalid: [
    { name: '项 named otherwise, tied by amount', input: withTables([t5()], `${T5_TEXT}1、一般公共服务支出（类）社会工作事务（款）其他社会事务支出（项）。支出决算为202.24万元。`), errors: [{ messageId: 'differs', severity: 'warning', expected: '其他社会工作事务支出' }] },
    { name: '款 named otherwise, tied by the 项 name', input: withTables([t5()], `${T5_TEXT}1、住房保障支出（类）住房保障支出（款）住房公积金（项）。支出决算为29.42万元。`), errors: [{ messageId: 'differs', expected: '住房改革支出', actual: '住房保障支出' }] },
  ],
});

describe('table rules never run arithmetic on a flagged table', () => {
  it('gives only the unreliable warning for a flagged wrong table', () => {
    const bad = tbl('t5', t5({ total: { total: '999.00', basic: '1.00', project: '2.00' } }).table.rows, { flagged: true, confidence: 0.3 });
    const findings = TABLE_RULES.flatMap((rule) => runOne(rule, withTables([bad, t6()], '一般公共预算财政拨款基本支出1.00万元。')).findings);
    expect(findings.map((f) => f.ruleId)).toEqual(['table/unreliable']);
  });
});
