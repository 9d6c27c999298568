import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  scoreEvaluation,
  scoreIndicator,
  gradeOf,
  bandOf,
  parseIndicatorNumber,
  parseNature,
  CENTRAL_POLICY,
  SICHUAN_POLICY,
  CHONGQING_POLICY,
  type ScoringPolicy,
} from '../src/calc/performance.js';
import { D } from '../src/calc/money.js';
import type { SelfEvaluation } from '../src/model/schema.js';

type Ind = SelfEvaluation['indicators'][number];
const ind = (p: Partial<Ind>): Ind => ({ level1: '产出指标', level2: '数量指标', name: 'x', nature: '>=', target: '100', weight: 20, actual: '100', ...p });
const s = (p: Partial<Ind>, policy?: ScoringPolicy) => scoreIndicator(ind(p), policy);

function evaluation(p: Partial<SelfEvaluation> = {}): SelfEvaluation {
  return {
    project: '信息中心专项经费',
    department: '重庆市北碚区人民政府办公室',
    implementer: '重庆市北碚区人民政府办公室',
    funds: { total: { budget: '40', executed: '40' }, weight: 0 },
    goal: '',
    achievement: '',
    indicators: [],
    showEmptyCategories: true,
    ...p,
  };
}

describe('parseIndicatorNumber / parseNature', () => {
  it('reads numbers with comparators, percent and unit, rejects the rest', () => {
    expect(parseIndicatorNumber('100')!.toString()).toBe('100');
    expect(parseIndicatorNumber('≥95%')!.toString()).toBe('95');
    expect(parseIndicatorNumber('95%以上')!.toString()).toBe('95');
    expect(parseIndicatorNumber('30万元', '万元')!.toString()).toBe('30');
    expect(parseIndicatorNumber('１２.５')!.toString()).toBe('12.5');
    expect(parseIndicatorNumber('7*24')).toBeNull();
    expect(parseIndicatorNumber('7*24%')).toBeNull();
    expect(parseIndicatorNumber('2020年11月底')).toBeNull();
    expect(parseIndicatorNumber('有效提高')).toBeNull();
    expect(parseIndicatorNumber('')).toBeNull();
    expect(parseIndicatorNumber('无')).toBeNull();
    expect(parseIndicatorNumber('—')).toBeNull();
  });
  it('maps printed natures', () => {
    expect(parseNature('＝')).toBe('=');
    expect(parseNature('≥')).toBe('>=');
    expect(parseNature('≤')).toBe('<=');
    expect(parseNature('定性')).toBe('qualitative');
    expect(parseNature('无')).toBe('qualitative');
    expect(parseNature('？')).toBeNull();
  });
});

describe('scoreIndicator', () => {
  it('>= met gives the full weight', () => {
    const r = s({ nature: '>=', target: '95', actual: '98', weight: 20 });
    expect(r.score.toString()).toBe('20');
    expect(r.method).toBe('met');
    expect(r.scorable).toBe(true);
  });
  it('>= unmet is proportional: 80/100 × 20 = 16', () => {
    const r = s({ nature: '>=', target: '100', actual: '80', weight: 20 });
    expect(r.score.toString()).toBe('16');
    expect(r.completionPct!.toString()).toBe('80');
    expect(r.method).toBe('proportional');
  });
  it('>= unmet rounds half-up to 2 places: 2/3 × 10 = 6.67', () => {
    expect(s({ target: '3', actual: '2', weight: 10 }).score.toFixed(2)).toBe('6.67');
  });
  it('<= met (actual below target) gives full; unmet is reversed target/actual', () => {
    expect(s({ nature: '<=', target: '30', actual: '25', weight: 90 }).score.toString()).toBe('90');
    const r = s({ nature: '<=', target: '30', actual: '40', weight: 20 });
    expect(r.score.toString()).toBe('15');
    expect(r.method).toBe('reversed');
    expect(r.completionPct!.toString()).toBe('75');
  });
  it('<= with zero result is met', () => {
    expect(s({ nature: '<=', target: '5', actual: '0', weight: 10 }).score.toString()).toBe('10');
  });
  it('= exact gives full; otherwise proportional to closeness', () => {
    expect(s({ nature: '=', target: '100', actual: '100', unit: '%', weight: 30 }).score.toString()).toBe('30');
    const under = s({ nature: '=', target: '100', actual: '90', weight: 30 });
    expect(under.score.toString()).toBe('27');
    expect(under.method).toBe('closeness');
    const over = s({ nature: '=', target: '100', actual: '110', weight: 30 });
    expect(over.score.toString()).toBe('27');
    expect(s({ nature: '=', target: '10', actual: '25', weight: 30 }).score.toString()).toBe('0');
  });
  it('= under an all-or-nothing policy scores a miss 0', () => {
    const p: ScoringPolicy = { ...CENTRAL_POLICY, id: 'strict', equalRule: 'all-or-nothing' };
    expect(s({ nature: '=', target: '100', actual: '99', weight: 30 }, p).score.toString()).toBe('0');
  });
  it('zero targets do not divide by zero', () => {
    expect(s({ nature: '>=', target: '0', actual: '3', weight: 10 }).score.toString()).toBe('10');
    expect(s({ nature: '<=', target: '0', actual: '0', weight: 10 }).score.toString()).toBe('10');
    expect(s({ nature: '<=', target: '0', actual: '2', weight: 10 }).score.toString()).toBe('0');
    expect(s({ nature: '=', target: '0', actual: '0', weight: 10 }).score.toString()).toBe('10');
    expect(s({ nature: '=', target: '0', actual: '1', weight: 10 }).score.toString()).toBe('0');
  });
  it('over-achievement never exceeds the weight', () => {
    const r = s({ nature: '>=', target: '10', actual: '1000', weight: 20 });
    expect(r.score.toString()).toBe('20');
    expect(r.completionPct!.toString()).toBe('10000');
  });
  it('qualitative takes the band top unless a score is stated', () => {
    expect(s({ nature: 'qualitative', target: '有效', actual: '基本有效', band: 'achieved', weight: 20 }).score.toString()).toBe('20');
    expect(s({ nature: 'qualitative', target: '有效', actual: '基本有效', band: 'partial', weight: 20 }).score.toString()).toBe('16');
    expect(s({ nature: 'qualitative', target: '有效', actual: '无效', band: 'failed', weight: 20 }).score.toString()).toBe('12');
    const st = s({ nature: 'qualitative', target: '有效', actual: '基本有效', band: 'partial', score: 14, weight: 20 });
    expect(st.score.toString()).toBe('14');
    expect(st.method).toBe('stated');
  });
  it('qualitative without band: equal texts are achieved, else unresolved (0, flagged)', () => {
    const a = s({ nature: 'qualitative', target: '有效提高', actual: '有效提高', weight: 30 });
    expect(a.score.toString()).toBe('30');
    expect(a.method).toBe('text-match');
    const u = s({ nature: 'qualitative', target: '有效提高', actual: '略有提高', weight: 30 });
    expect(u.method).toBe('unresolved');
    expect(u.score.toString()).toBe('0');
  });
  it('non-numeric quantitative targets are unscorable, never crash', () => {
    const r = s({ nature: '=', target: '7*24', actual: '7*24%', unit: '小时', weight: 20 });
    expect(r.scorable).toBe(false);
    expect(r.method).toBe('text-match');
    expect(r.score.toString()).toBe('20');
    const d = s({ nature: '<=', target: '2020年11月底', actual: '2020年12月', weight: 10 });
    expect(d.scorable).toBe(false);
    expect(d.method).toBe('unresolved');
    const st = s({ nature: '<=', target: '30', actual: '完成', unit: '万元', weight: 90, score: 90 });
    expect(st.method).toBe('stated');
    expect(st.score.toString()).toBe('90');
  });
  it('a stated score above the weight is capped', () => {
    expect(s({ nature: 'qualitative', target: 'a', actual: 'b', score: 35, weight: 30 }).score.toString()).toBe('30');
  });
  it('never above the weight, never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Ind['nature']>('=', '>=', '<='),
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 0, max: 100 }),
        (nature, t, a, w) => {
          const r = s({ nature, target: String(t / 100), actual: String(a / 100), weight: w });
          return r.score.lte(w) && r.score.gte(0);
        },
      ),
    );
  });
});

describe('grades and bands', () => {
  it('grade lower bounds are inclusive', () => {
    expect(gradeOf(new D(100))).toBe('优');
    expect(gradeOf(new D(90))).toBe('优');
    expect(gradeOf(new D('89.99'))).toBe('良');
    expect(gradeOf(new D(80))).toBe('良');
    expect(gradeOf(new D('79.99'))).toBe('中');
    expect(gradeOf(new D(60))).toBe('中');
    expect(gradeOf(new D('59.99'))).toBe('差');
    expect(gradeOf(new D(0))).toBe('差');
  });
  it('band of a stated qualitative score: upper bounds inclusive', () => {
    expect(bandOf(new D(20), new D(20))).toBe('achieved');
    expect(bandOf(new D(16), new D(20))).toBe('partial');
    expect(bandOf(new D('16.01'), new D(20))).toBe('achieved');
    expect(bandOf(new D(12), new D(20))).toBe('failed');
    expect(bandOf(new D(0), new D(20))).toBe('failed');
    expect(bandOf(new D(21), new D(20))).toBeNull();
  });
});

describe('scoreEvaluation', () => {
  it('the seed form (重庆, no 执行率 weight) totals 100, grade 优', () => {
    const e = evaluation({
      indicators: [
        ind({ name: '计划工作完成率', unit: '%', nature: '=', target: '100', weight: 30, actual: '100', score: 30 }),
        ind({ level2: '质量指标', name: '网络及内网服务可使用性', unit: '小时', nature: '=', target: '7*24', weight: 20, actual: '7*24%', score: 20 }),
        ind({ level1: '效益指标', level2: '经济效益', name: '网络及时协同办公', nature: 'qualitative', target: '有效提高', weight: 30, actual: '有效提高', score: 30 }),
        ind({ level1: '效益指标', level2: '社会效益', name: '提高政府办事的透明度', nature: 'qualitative', target: '有效', weight: 20, actual: '有效', score: 20 }),
      ],
    });
    const r = scoreEvaluation(e, CHONGQING_POLICY);
    expect(r.executionRate!.toString()).toBe('1');
    expect(r.executionScore.toString()).toBe('0');
    expect(r.weightTotal.toString()).toBe('100');
    expect(r.total.toString()).toBe('100');
    expect(r.grade).toBe('优');
    expect(r.unresolved).toEqual([]);
  });
  it('central policy takes the 执行率 weight from the form; 执行率 × weight capped', () => {
    const e = evaluation({
      funds: { total: { budget: '200', executed: '180' }, weight: 10 },
      indicators: [ind({ weight: 50, target: '100', actual: '50' }), ind({ weight: 40, nature: 'qualitative', target: 'a', actual: 'a' })],
    });
    const r = scoreEvaluation(e);
    expect(r.executionRate!.toString()).toBe('0.9');
    expect(r.executionPct!.toString()).toBe('90');
    expect(r.executionScore.toString()).toBe('9');
    expect(r.total.toString()).toBe('74'); // 9 + 25 + 40
    expect(r.grade).toBe('中');
    const over = scoreEvaluation(evaluation({ funds: { total: { budget: '100', executed: '120' }, weight: 10 } }));
    expect(over.executionScore.toString()).toBe('10');
  });
  it('zero or missing budget gives no rate and no score, without crashing', () => {
    const r = scoreEvaluation(evaluation({ funds: { total: { budget: '0', executed: '3.36' }, weight: 10 } }));
    expect(r.executionRate).toBeNull();
    expect(r.executionScore.toString()).toBe('0');
    expect(scoreEvaluation(evaluation({ funds: { total: { budget: null, executed: null }, weight: 10 } })).executionRate).toBeNull();
  });
  it('四川 policy: 执行率 weight 10 regardless of the form, indicators 90', () => {
    const e = evaluation({
      funds: { total: { budget: '251.89', executed: '251.89' }, weight: 0 },
      indicators: [ind({ nature: '=', target: '100', unit: '%', actual: '100', weight: 60 }), ind({ nature: '=', target: '100', unit: '%', actual: '95', weight: 30 })],
    });
    const r = scoreEvaluation(e, SICHUAN_POLICY);
    expect(r.executionWeight.toString()).toBe('10');
    expect(r.executionScore.toString()).toBe('10');
    expect(r.weightTotal.toString()).toBe('100');
    expect(r.total.toString()).toBe('98.5'); // 10 + 60 + 30 × 0.95
    expect(r.grade).toBe('优');
    expect(SICHUAN_POLICY.executionBase).toBe('adjustedBudget');
  });
  it('exact decimals: 1/3 execution of weight 10 → 3.33, total stays decimal', () => {
    const r = scoreEvaluation(evaluation({ funds: { total: { budget: '3', executed: '1' }, weight: 10 } }));
    expect(r.executionScore.toFixed(2)).toBe('3.33');
    expect(r.total.toFixed(2)).toBe('3.33');
  });
});
