import { describe, it, expect } from 'vitest';
import { extractSelfEvaluations, extractFromTables, cellLineTables } from '../src/extract/self-eval.js';
import { toSelfEvaluation } from '../src/extract/self-eval-convert.js';
import { scoreEvaluation, CHONGQING_POLICY, SICHUAN_POLICY } from '../src/calc/performance.js';
import type { PrintedValue } from '../src/extract/self-eval-types.js';
import type { SourceTable } from '../src/readers/types.js';
import { seedDoc, qingshenDoc, dayingDoc, assertHonest, makeDoc } from './perf-fixtures.js';

/** Every printed (non-empty) value carries offsets, and they point at its own text. */
function checkOffsets(text: string, v: PrintedValue | undefined): void {
  if (!v || !v.text) return;
  expect(v.start, `no offsets for "${v.text}"`).toBeTypeOf('number');
  expect(text.slice(v.start, v.end)).toBe(v.text);
}

describe('cellLineTables (seed layout)', () => {
  it('gives cells whose offsets are exact, wrapped cells included', () => {
    const doc = seedDoc();
    assertHonest(doc);
    const cells = doc.tables.flatMap((t) => t.rows.flat());
    expect(cells.some((c) => c.text === '联系人\n及电话')).toBe(true);
  });
  it('keeps a blank tab-led line as an empty cell, not a row break', () => {
    const text = '\t标题\n\n\ta\n\t\n\tb\n\n\tc\n\td\n\te\n';
    const t = cellLineTables(text);
    expect(t).toHaveLength(1);
    expect(t[0].rows.map((r) => r.map((c) => c.text))).toEqual([['标题'], ['a', '', 'b'], ['c', 'd', 'e']]);
  });
});

describe('extractSelfEvaluations — the seed (重庆 2020)', () => {
  const doc = seedDoc();
  const forms = extractSelfEvaluations(doc);
  it('finds both published forms with project, total score and funds', () => {
    expect(forms.map((f) => f.project.text)).toEqual(['信息中心专项经费', '信息化建设政府网站安全等级测评费']);
    expect(forms.map((f) => f.totalScore.text)).toEqual(['100', '100']);
    const f = forms[0].funds[0];
    expect([f.label, f.budget.text, f.executed.text, f.rate.text, f.budgetKind]).toEqual(['年度总金额', '40', '40', '100%', 'fullYear']);
    expect(forms[0].funds.map((x) => x.label)).toEqual(['年度总金额', '其中：上级资金', '区级资金']);
    expect(forms[0].department?.text).toBe('重庆市北碚区人民政府办公室');
    expect(forms[1].goal?.text.startsWith('2020年11月底前完成等级保护')).toBe(true);
  });
  it('reads every indicator row as printed, skipping the empty category rows', () => {
    const rows = forms.map((f) => f.indicators.map((i) => [i.level1, i.level2, i.name.text, i.unit.text, i.nature.text, i.target.text, i.weight.text, i.actual.text, i.completion.text, i.score.text].join('|')));
    expect(rows[0]).toEqual([
      '产出指标|数量指标|计划工作完成率|%|＝|100|30|100|100%|30',
      '产出指标|质量指标|网络及内网服务可使用性|小时|＝|7*24|20|7*24%|100%|20',
      '效益指标|经济效益|网络及时协同办公，提高办事效率|无|无|有效提高|30|有效提高|100%|30',
      '效益指标|社会效益|提高政府办事的透明度，降低公众办事成本，加强与群众双方互动交流|无|无|有效|20|有效|100%|20',
    ]);
    expect(rows[1]).toHaveLength(5);
    expect(rows[1][3]).toBe('产出指标|时效指标|完成时限|无|无|2020年11月底|20|2020年11月底|100%|20');
    expect(forms.map((f) => [f.weightTotal?.text, f.scoreTotal?.text])).toEqual([['100', '100'], ['100', '100']]);
  });
  it('every printed value carries honest offsets', () => {
    for (const f of forms) {
      for (const v of [f.project, f.totalScore, f.weightTotal, f.scoreTotal, f.department, f.goal]) checkOffsets(doc.text, v);
      for (const x of f.funds) for (const v of [x.budget, x.executed, x.rate]) checkOffsets(doc.text, v);
      for (const i of f.indicators) for (const v of [i.name, i.unit, i.nature, i.target, i.weight, i.actual, i.completion, i.score, i.reason]) checkOffsets(doc.text, v);
    }
    expect(forms[0].indicators[1].actual.start).toBeGreaterThan(0);
  });
  it('converts to the model and scores 100 / 优 under the 重庆 policy', () => {
    for (const f of forms) {
      const c = toSelfEvaluation(f, CHONGQING_POLICY);
      expect(c.ok).toBe(true);
      if (!c.ok) continue;
      expect(c.value.funds.total).toEqual({ budget: f.funds[0].budget.text, executed: f.funds[0].executed.text });
      expect(c.value.indicators.filter((i) => i.nature === 'qualitative').length).toBeGreaterThan(0);
      const s = scoreEvaluation(c.value, CHONGQING_POLICY);
      expect(s.total.toString()).toBe('100');
      expect(s.grade).toBe('优');
    }
  });
});

describe('extractSelfEvaluations — 四川 forms', () => {
  it('028: 预算执行情况(10分) against 调整后预算数, indicators (90分), 合计 100, blank scores', () => {
    const doc = qingshenDoc();
    assertHonest(doc);
    const [f] = extractSelfEvaluations(doc);
    expect(f.project.text).toBe('51000021R000000019951-工资性支出');
    const t = f.funds[0];
    expect([t.label, t.initialBudget?.text, t.budget.text, t.executed.text, t.rate.text, t.weight?.text, t.score?.text, t.budgetKind]).toEqual(['总额', '238.93', '251.89', '251.89', '100.00%', '10', '', 'adjusted']);
    expect(f.sectionPoints?.execution?.text).toBe('10');
    expect(f.sectionPoints?.indicators?.text).toBe('90');
    expect(f.indicators.map((i) => [i.name.text, i.nature.text, i.target.text, i.unit.text, i.actual.text, i.weight.text, i.score.text])).toEqual([
      ['发放(缴纳)覆盖率', '=', '100', '%', '', '60', ''],
      ['足额保障率(参保率)', '=', '100', '%', '', '30', ''],
    ]);
    expect(f.weightTotal?.text).toBe('100');
    expect(f.scoreTotal?.text).toBe('');
    const c = toSelfEvaluation(f, SICHUAN_POLICY);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.value.funds).toMatchObject({ total: { budget: '251.89', executed: '251.89' }, weight: 10 });
  });
  it('029: a padded pipe table, a ≤ indicator with text result, and a cut-off second form', () => {
    const doc = dayingDoc();
    assertHonest(doc);
    const forms = extractSelfEvaluations(doc);
    expect(forms).toHaveLength(2);
    // the excerpt opens mid-form: the indicator rows before the first 项目名称 form a partial form
    const p = forms[0];
    expect(p.partial).toBe(true);
    expect(p.project.text).toBe('');
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name.text, i.nature.text, i.target.text, i.unit.text, i.actual.text, i.weight.text, i.score.text])).toEqual([
      ['产出指标', '经济成本指标', '成本控制数', '≤', '30', '万元', '完成', '90', '90'],
    ]);
    expect([p.weightTotal?.text, p.sectionPoints?.indicators?.text]).toEqual(['100', '90']);
    const f = forms[1];
    expect(f.partial).toBeUndefined();
    expect(f.project.text).toBe('51092324T000010263357-2023年全县安可替代补助资金项目');
    expect(f.goal?.text).toBe('根据要求购买安可设备,并完成项目资金支付。');
    expect(f.achievement?.text).toBe('完成');
    const t = f.funds[0];
    expect([t.initialBudget?.text, t.budget.text, t.executed.text, t.rate.text, t.weight?.text, t.score?.text]).toEqual(['0.00', '3.36', '3.36', '100.00%', '10', '10']);
    expect(f.indicators.map((i) => [i.level2, i.nature.text, i.target.text, i.weight.text])).toEqual([['质量指标', '=', '100', '']]);
    const c = toSelfEvaluation(f, SICHUAN_POLICY);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems[0]).toMatch(/权重/);
  });
});

describe('extractFromTables — spans from DOCX/HTML readers', () => {
  it('expands row and column spans so merged 一级指标 and 合计 cells line up', () => {
    let pos = 0;
    let text = '';
    const cell = (s: string, extra: { rowSpan?: number; colSpan?: number } = {}) => {
      const c = { text: s, start: pos, end: pos + s.length, ...extra };
      text += s + '\t';
      pos += s.length + 1;
      return c;
    };
    const rows = [
      [cell('项目名称'), cell('示例项目'), cell('自评总分'), cell('86')],
      [cell('项目资金（万元）', { rowSpan: 2 }), cell(''), cell('年初预算数'), cell('全年预算数'), cell('全年执行数'), cell('分值'), cell('执行率'), cell('得分')],
      [cell('年度资金总额'), cell('100'), cell('200'), cell('180'), cell('10'), cell('90%'), cell('9')],
      [cell('绩效指标', { rowSpan: 3 }), cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标性质'), cell('年度指标值'), cell('实际完成值'), cell('分值'), cell('得分')],
      [cell('产出指标', { rowSpan: 2 }), cell('数量指标'), cell('培训人次'), cell('≥'), cell('100'), cell('80'), cell('50'), cell('40')],
      [cell('质量指标'), cell('合格率'), cell('≥'), cell('95%'), cell('98%'), cell('40'), cell('37')],
      [cell('合计', { colSpan: 7 }), cell('100'), cell('86')],
    ];
    const table: SourceTable = { rows, start: 0, end: pos };
    const [f] = extractFromTables([table]);
    expect(f.totalScore.text).toBe('86');
    expect([f.funds[0].initialBudget?.text, f.funds[0].budget.text, f.funds[0].executed.text, f.funds[0].weight?.text, f.funds[0].rate.text, f.funds[0].score?.text]).toEqual(['100', '200', '180', '10', '90%', '9']);
    expect(f.indicators.map((i) => [i.level1, i.level2, i.name.text, i.nature.text, i.target.text, i.actual.text, i.weight.text, i.score.text])).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥', '100', '80', '50', '40'],
      ['产出指标', '质量指标', '合格率', '≥', '95%', '98%', '40', '37'],
    ]);
    expect([f.weightTotal?.text, f.scoreTotal?.text]).toEqual(['100', '86']);
    const doc = makeDoc('x', text, [table]);
    expect(extractSelfEvaluations(doc)).toHaveLength(1);
  });
});
