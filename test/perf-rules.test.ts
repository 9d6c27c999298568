import { describe, it, expect } from 'vitest';
import { runRuleTests, runOne } from '../src/rules/tester.js';
import type { ExtractedIndicator, ExtractedSelfEvaluation, ExtractedFunds, PrintedValue } from '../src/extract/self-eval-types.js';
import { extractSelfEvaluations } from '../src/extract/self-eval.js';
import weightSum from '../src/rules/perf/weight-sum.js';
import scoreSum from '../src/rules/perf/score-sum.js';
import scoreWithinWeight from '../src/rules/perf/score-within-weight.js';
import executionRate from '../src/rules/perf/execution-rate.js';
import scoreVsCompletion from '../src/rules/perf/score-vs-completion.js';
import grade from '../src/rules/perf/grade.js';
import valueFormat, { fitsUnit } from '../src/rules/perf/value-format.js';
import formCount from '../src/rules/perf/form-count.js';
import { seedDoc, qingshenDoc, dayingDoc, makeDoc } from './perf-fixtures.js';

const ALL = [weightSum, scoreSum, scoreWithinWeight, executionRate, scoreVsCompletion, grade, valueFormat, formCount];

const v = (text: string): PrintedValue => ({ text });
type IndIn = Partial<Record<'level1' | 'level2' | 'name' | 'unit' | 'nature' | 'target' | 'weight' | 'actual' | 'completion' | 'score' | 'reason', string>>;
function ind(p: IndIn): ExtractedIndicator {
  return {
    level1: p.level1 ?? '产出指标',
    level2: p.level2 ?? '数量指标',
    name: v(p.name ?? '指标'),
    unit: v(p.unit ?? '%'),
    nature: v(p.nature ?? '≥'),
    target: v(p.target ?? '100'),
    weight: v(p.weight ?? '10'),
    actual: v(p.actual ?? '100'),
    completion: v(p.completion ?? ''),
    score: v(p.score ?? ''),
    reason: v(p.reason ?? ''),
  };
}
function funds(budget: string, executed: string, rate: string, extra: { weight?: string; score?: string; label?: string } = {}): ExtractedFunds {
  const f: ExtractedFunds = { label: extra.label ?? '年度总金额', budget: v(budget), executed: v(executed), rate: v(rate), budgetKind: 'fullYear' };
  if (extra.weight !== undefined) f.weight = v(extra.weight);
  if (extra.score !== undefined) f.score = v(extra.score);
  return f;
}
function form(p: Partial<Omit<ExtractedSelfEvaluation, 'project' | 'totalScore' | 'weightTotal' | 'scoreTotal' | 'grade'>> & { project?: string; totalScore?: string; weightTotal?: string; scoreTotal?: string; grade?: string } = {}): ExtractedSelfEvaluation {
  const f: ExtractedSelfEvaluation = {
    project: v(p.project ?? '示例项目'),
    totalScore: v(p.totalScore ?? ''),
    funds: p.funds ?? [funds('40', '40', '100%')],
    indicators: p.indicators ?? [],
    start: 0,
    end: 0,
  };
  if (p.weightTotal !== undefined) f.weightTotal = v(p.weightTotal);
  if (p.scoreTotal !== undefined) f.scoreTotal = v(p.scoreTotal);
  if (p.grade !== undefined) f.grade = v(p.grade);
  if (p.sectionPoints) f.sectionPoints = p.sectionPoints;
  return f;
}
const one = (f: ExtractedSelfEvaluation) => ({ selfEvaluations: [f] });

const seed = seedDoc();
const seedInput = { doc: seed, selfEvaluations: extractSelfEvaluations(seed) };
const q = qingshenDoc();
const qInput = { doc: q, selfEvaluations: extractSelfEvaluations(q) };
const d = dayingDoc();
const dInput = { doc: d, selfEvaluations: extractSelfEvaluations(d) };

describe('the seed and the 四川 samples through every perf rule', () => {
  it('seed: no error, exactly one warning — 全年完成值 "7*24%" against 小时', () => {
    const all = ALL.flatMap((r) => runOne(r, seedInput).findings);
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
    const warnings = all.filter((f) => f.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].ruleId).toBe('perf/value-format');
    expect(warnings[0].excerpt).toBe('7*24%');
    expect(warnings[0].message).toContain('小时');
    const infos = all.filter((f) => f.severity === 'info');
    expect(infos.map((f) => f.ruleId)).toEqual(['perf/form-count']);
    expect(infos[0].excerpt).toBe('12');
  });
  it('028 (unscored 四川 form): no error, no warning', () => {
    const all = ALL.flatMap((r) => runOne(r, qInput).findings);
    expect(all.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('029 (cut-off fragments): no error', () => {
    const all = ALL.flatMap((r) => runOne(r, dInput).findings);
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

runRuleTests(weightSum, {
  valid: [
    { name: 'seed', input: seedInput },
    { name: '四川 028', input: qInput },
    { name: '执行率10 + 指标90, 合计100', input: one(form({ funds: [funds('10', '9', '90%', { weight: '10', score: '9' })], indicators: [ind({ weight: '50' }), ind({ weight: '40' })], weightTotal: '100' })) },
    { name: '合计 printed for the indicators alone', input: one(form({ sectionPoints: { execution: v('10') }, indicators: [ind({ weight: '60' }), ind({ weight: '30' })], weightTotal: '90' })) },
    { name: '029: fragment 90 + 执行率 10 from 绩效指标(90分); cut-off form skipped', input: dInput },
    { name: 'a cut-off form without weights is skipped', input: one(form({ indicators: [ind({ weight: '' })] })) },
  ],
  invalid: [
    { name: 'weights 90, 合计 90', input: one(form({ indicators: [ind({ weight: '30' }), ind({ weight: '20' }), ind({ weight: '30' }), ind({ weight: '10' })], weightTotal: '90' })), errors: [{ messageId: 'total', severity: 'error', expected: '100', actual: '90' }] },
    { name: '合计 95 against 100', input: one(form({ indicators: [ind({ weight: '50' }), ind({ weight: '50' })], weightTotal: '95' })), errors: [{ messageId: 'stated', severity: 'error', expected: '100', actual: '95' }] },
    { name: '33.33 × 3 rounding', input: one(form({ indicators: [ind({ weight: '33.33' }), ind({ weight: '33.33' }), ind({ weight: '33.33' })], weightTotal: '100' })), errors: [{ messageId: 'total', severity: 'info' }, { messageId: 'stated', severity: 'info' }] },
    { name: '四川 without the 执行率 10', input: one(form({ sectionPoints: { execution: v('10') }, indicators: [ind({ weight: '60' }), ind({ weight: '40' })], weightTotal: '100' })), errors: [{ messageId: 'total', severity: 'error', actual: '110' }] },
  ],
});

runRuleTests(scoreSum, {
  valid: [
    { name: 'seed', input: seedInput },
    { name: 'unscored 028', input: qInput },
    { name: '执行率 9 + 40 + 37 = 86', input: one(form({ funds: [funds('200', '180', '90%', { weight: '10', score: '9' })], indicators: [ind({ weight: '50', score: '40' }), ind({ weight: '40', score: '37' })], scoreTotal: '86', totalScore: '86' })) },
  ],
  invalid: [
    { name: 'Σ 95 vs 合计 and 总分 100', input: one(form({ indicators: [ind({ weight: '30', score: '30' }), ind({ weight: '20', score: '20' }), ind({ weight: '30', score: '30' }), ind({ weight: '20', score: '15' })], scoreTotal: '100', totalScore: '100' })), errors: [{ messageId: 'sum', severity: 'error', expected: '95', actual: '100' }, { messageId: 'sum', severity: 'error' }] },
    { name: '执行率 score counted', input: one(form({ funds: [funds('200', '180', '90%', { weight: '10', score: '9' })], indicators: [ind({ weight: '60', score: '60' }), ind({ weight: '30', score: '27' })], totalScore: '95' })), errors: [{ messageId: 'sum', expected: '96', actual: '95' }] },
    { name: 'decimal scores: rounding', input: one(form({ indicators: [ind({ weight: '50', score: '33.33' }), ind({ weight: '50', score: '66.66' })], totalScore: '100' })), errors: [{ messageId: 'sum', severity: 'info' }] },
    { name: 'scores missing, totals disagree', input: one(form({ indicators: [ind({ weight: '100', score: '' })], scoreTotal: '90', totalScore: '95' })), errors: [{ messageId: 'totals', expected: '90', actual: '95' }] },
  ],
});

runRuleTests(scoreWithinWeight, {
  valid: [
    { name: 'seed', input: seedInput },
    { name: '029 weight 90 score 90', input: one(form({ indicators: [ind({ nature: '≤', target: '30', unit: '万元', actual: '完成', weight: '90', score: '90' })] })) },
  ],
  invalid: [
    { name: 'score above weight', input: one(form({ indicators: [ind({ weight: '30', score: '35' })] })), errors: [{ messageId: 'above', expected: '30', actual: '35' }] },
    { name: 'negative score', input: one(form({ indicators: [ind({ weight: '30', score: '-1' })] })), errors: [{ messageId: 'negative' }] },
    { name: '执行率 score above its weight', input: one(form({ funds: [funds('10', '10', '100%', { weight: '10', score: '12' })], indicators: [ind({ weight: '90', score: '90' })] })), errors: [{ messageId: 'above', expected: '10' }] },
  ],
});

runRuleTests(executionRate, {
  valid: [
    { name: 'seed', input: seedInput },
    { name: '028 with 0.00% rows', input: qInput },
    { name: '029 against 调整后预算数', input: dInput },
    { name: '90% score 9', input: one(form({ funds: [funds('200.00', '180.00', '90.00%', { weight: '10', score: '9' })] })) },
    { name: 'over 100% capped at the weight', input: one(form({ funds: [funds('100.00', '120.00', '120.00%', { weight: '10', score: '10' })] })) },
  ],
  invalid: [
    { name: 'rate wrong', input: one(form({ funds: [funds('200.00', '180.00', '95.00%')] })), errors: [{ messageId: 'rate', severity: 'error', expected: '90.00%', actual: '95.00%' }] },
    { name: 'rate off by rounding of integer amounts', input: one(form({ funds: [funds('3', '2', '66.8%')] })), errors: [{ messageId: 'rate', severity: 'info' }] },
    { name: 'rate against a zero budget', input: one(form({ funds: [funds('0.00', '3.36', '100.00%')] })), errors: [{ messageId: 'zeroBudget', severity: 'warning' }] },
    { name: 'score not rate × weight', input: one(form({ funds: [funds('200.00', '180.00', '90.00%', { weight: '10', score: '10' })] })), errors: [{ messageId: 'score', severity: 'error', expected: '9', actual: '10' }] },
  ],
});

runRuleTests(scoreVsCompletion, {
  valid: [
    { name: 'seed', input: seedInput },
    { name: 'proportional 16 of 20', input: one(form({ indicators: [ind({ target: '100', actual: '80', weight: '20', score: '16', completion: '80%' })] })) },
    { name: 'over-achievement with 100% completion', input: one(form({ indicators: [ind({ target: '10', actual: '12', unit: '个', weight: '20', score: '20', completion: '100%' })] })) },
    { name: 'qualitative not achieved: any score in the weight', input: one(form({ indicators: [ind({ nature: '定性', unit: '', target: '有效', actual: '较差', weight: '20', score: '20' })] })) },
    { name: 'qualitative achieved within the top band', input: one(form({ indicators: [ind({ nature: '无', unit: '无', target: '有效', actual: '有效', weight: '20', score: '17' })] })) },
  ],
  invalid: [
    { name: 'unmet with full score', input: one(form({ indicators: [ind({ target: '100', actual: '80', weight: '20', score: '20' })] })), errors: [{ messageId: 'unmetFull', severity: 'warning', expected: '16', actual: '20' }] },
    { name: 'met but not full', input: one(form({ indicators: [ind({ target: '95', actual: '98', weight: '20', score: '15' })] })), errors: [{ messageId: 'metNotFull', severity: 'warning', expected: '20' }] },
    { name: 'reversed ≤ proportional', input: one(form({ indicators: [ind({ nature: '≤', unit: '万元', target: '30', actual: '40', weight: '20', score: '10' })] })), errors: [{ messageId: 'proportional', severity: 'warning', expected: '15' }] },
    { name: '2/3 of 10 printed 6.7', input: one(form({ indicators: [ind({ unit: '个', target: '3', actual: '2', weight: '10', score: '6.7' })] })), errors: [{ messageId: 'proportional', severity: 'info' }] },
    { name: 'qualitative achieved, scored in the partial band', input: one(form({ indicators: [ind({ nature: '定性', unit: '无', target: '有效提高', actual: '有效提高', completion: '100%', weight: '30', score: '20' })] })), errors: [{ messageId: 'qualitative', severity: 'warning', expected: '≥24', actual: '20' }] },
    { name: 'completion 90% for 80/100', input: one(form({ indicators: [ind({ target: '100', actual: '80', weight: '20', score: '16', completion: '90%' })] })), errors: [{ messageId: 'completion', severity: 'warning', expected: '80%' }] },
  ],
});

runRuleTests(grade, {
  valid: [
    { name: 'seed (no grade printed)', input: seedInput },
    { name: '92 优', input: one(form({ totalScore: '92', grade: '优' })) },
    { name: '90 优 (edge)', input: one(form({ totalScore: '90', grade: '优秀' })) },
    { name: '80 良 (edge)', input: one(form({ totalScore: '80', grade: '良' })) },
    { name: '合格 scheme not checked', input: one(form({ totalScore: '70', grade: '合格' })) },
  ],
  invalid: [
    { name: '89.5 优', input: one(form({ totalScore: '89.5', grade: '优' })), errors: [{ messageId: 'grade', expected: '良', actual: '优' }] },
    { name: '59.99 中', input: one(form({ totalScore: '59.99', grade: '中' })), errors: [{ messageId: 'grade', expected: '差' }] },
  ],
});

describe('fitsUnit', () => {
  it('accepts numbers in the unit and products, rejects text and foreign units', () => {
    expect(fitsUnit('100', '%')).toBe(true);
    expect(fitsUnit('≥95%', '%')).toBe(true);
    expect(fitsUnit('73个', '个')).toBe(true);
    expect(fitsUnit('7*24', '小时')).toBe(true);
    expect(fitsUnit('7×24小时', '小时')).toBe(true);
    expect(fitsUnit('7*24%', '小时')).toBe(false);
    expect(fitsUnit('完成', '万元')).toBe(false);
    expect(fitsUnit('95%', '个')).toBe(false);
  });
});

runRuleTests(valueFormat, {
  valid: [
    { name: 'numbers in their units', input: one(form({ indicators: [ind({ target: '≥95%', actual: '98%' }), ind({ unit: '个', target: '10', actual: '10个' }), ind({ unit: '小时', nature: '＝', target: '7*24', actual: '7*24' })] })) },
    { name: 'qualitative and unit 无 are free text', input: one(form({ indicators: [ind({ unit: '无', nature: '无', target: '2020年11月底', actual: '2020年11月底' }), ind({ unit: '%', nature: '定性', target: '有效', actual: '有效' })] })) },
    { name: 'blank values are not this rule', input: qInput },
  ],
  invalid: [
    { name: 'seed', input: seedInput, errors: [{ messageId: 'value', severity: 'warning', actual: '7*24%' }] },
    { name: '029: 完成 against 万元 in the opening fragment', input: dInput, errors: [{ messageId: 'value', actual: '完成' }] },
    { name: '完成 against 万元', input: one(form({ indicators: [ind({ nature: '≤', unit: '万元', target: '30', actual: '完成' })] })), errors: [{ messageId: 'value', actual: '完成' }] },
  ],
});

runRuleTests(formCount, {
  valid: [
    { name: 'count matches', input: { doc: makeDoc('x', '其中，以填报目标自评表形式开展自评1项，涉及资金40万元。', []), selfEvaluations: [form()] } },
    { name: 'no statement', input: { doc: makeDoc('y', '本部门开展了绩效自评。', []), selfEvaluations: [form()] } },
  ],
  invalid: [
    { name: 'seed: 12 stated, 2 published', input: seedInput, errors: [{ messageId: 'fewer', severity: 'info', expected: '12', actual: '2' }] },
    { name: 'more forms than stated', input: { doc: makeDoc('z', '以填报目标自评表形式开展自评1项', []), selfEvaluations: [form(), form({ project: '另一项目' })] }, errors: [{ messageId: 'more', severity: 'warning' }] },
  ],
});
