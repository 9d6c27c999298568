/**
 * 五、预算绩效管理情况说明: 工作开展情况, 绩效自评结果 (one 项目支出绩效自评表 per SelfEvaluation, in the
 * 12-column layout of the 重庆 2020 form), 重点绩效评价结果.
 * Scores: the stated score when given, otherwise calc/performance `scoreEvaluation` (weights as printed
 * on the form, i.e. the central 财预〔2020〕10号 policy; the 重庆 form's 执行率 weight is 0).
 */
import type { Cell, DocNode } from '../ast.js';
import type { SelfEvaluation, Indicator } from '../../model/schema.js';
import { D, type Dec, fmt, printedPlaces, round, sum } from '../../calc/money.js';
import { completion } from '../../calc/compare.js';
import { CENTRAL_POLICY, scoreEvaluation, type EvaluationScore } from '../../calc/performance.js';
import { type Ctx, amt, clean, cn, h1, h2, p, pctCompact, sentence, wan } from './context.js';

/** The standard categories of the form, printed even when empty (showEmptyCategories). */
const CATEGORIES: { level1: string; level2: string[] }[] = [
  { level1: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
  { level1: '效益指标', level2: ['经济效益', '社会效益', '生态效益', '可持续影响指标'] },
  { level1: '满意度指标', level2: ['服务对象满意度指标'] },
];

const bare = (s: string) => s.normalize('NFKC').replace(/\s/g, '').replace(/指标$/u, '');

const NATURE: Record<Indicator['nature'], string> = { '=': '＝', '>=': '≥', '<=': '≤', qualitative: '定性' };

const c = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });

/** An amount of the form as stored, with its own printed places ("40" stays "40"). */
function formAmount(v: string | number | null | undefined): string {
  const d = amt(v);
  if (d === null || v === null || v === undefined) return '';
  return fmt(d, printedPlaces(String(v)));
}

function rate(executed: string | number | null | undefined, budget: string | number | null | undefined): string {
  const e = amt(executed);
  const b = amt(budget);
  if (e === null || b === null || executed === null || executed === undefined || budget === null || budget === undefined) return '';
  const r = completion(e, b, 2);
  return r === null ? '' : pctCompact(r);
}

function scoreText(d: Dec): string {
  return d.toString();
}

interface Group {
  level1: string;
  rows: { level2: string; items: { ind: Indicator; idx: number }[] }[];
}

/** Indicators arranged by the form's categories; categories the model adds come after the standard ones. */
function groups(e: SelfEvaluation): Group[] {
  const out: Group[] = CATEGORIES.map((g) => ({ level1: g.level1, rows: g.level2.map((l2) => ({ level2: l2, items: [] })) }));
  e.indicators.forEach((ind, idx) => {
    let g = out.find((x) => bare(x.level1) === bare(ind.level1));
    if (!g) out.push((g = { level1: ind.level1, rows: [] }));
    let r = g.rows.find((x) => bare(x.level2) === bare(ind.level2));
    if (!r) g.rows.push((r = { level2: ind.level2, items: [] }));
    r.items.push({ ind, idx });
  });
  for (const g of out) {
    if (!e.showEmptyCategories) g.rows = g.rows.filter((r) => r.items.length > 0);
    for (const r of g.rows) if (r.items.length && bare(r.items[0].ind.level2) === bare(r.level2)) r.level2 = r.items[0].ind.level2;
  }
  return out.filter((g) => g.rows.length > 0);
}

function selfEvaluationTable(ctx: Ctx, e: SelfEvaluation): DocNode {
  const ev: EvaluationScore = scoreEvaluation(e, CENTRAL_POLICY);
  const total = e.totalScore !== undefined ? new D(String(e.totalScore)) : ev.total;
  const wording = ctx.m.style.wording;
  const natureText = (n: Indicator['nature']) => (n === 'qualitative' ? wording['selfEval.nature.qualitative'] ?? NATURE[n] : NATURE[n]);

  const body: Cell[][] = [];
  body.push([c('项目名称'), c(e.project, { colSpan: 7 }), c('自评总分（分）', { colSpan: 2 }), c(scoreText(total), { colSpan: 2 })]);
  body.push([
    c('业务主管部门'), c(e.department, { colSpan: 3 }), c('实施单位', { colSpan: 2 }), c(e.implementer, { colSpan: 3 }),
    c('联系人及电话'), c(e.contact ?? '', { colSpan: 2 }),
  ]);
  const f = e.funds;
  const fundRows: [string, { budget?: string | number | null; executed?: string | number | null } | undefined][] = [
    ['年度总金额', f.total],
    ['其中：上级资金', f.superior],
    ['区级资金', f.local],
  ];
  const withScore = f.weight > 0;
  const fundSpan = 1 + fundRows.length + (withScore ? 1 : 0);
  body.push([
    c('项目资金（万元）', { rowSpan: fundSpan }), c('', { colSpan: 3 }), c('全年预算数（A）', { colSpan: 3 }),
    c('全年执行数（B）', { colSpan: 3 }), c('执行率（B/A，%）', { colSpan: 2 }),
  ]);
  for (const [label, v] of fundRows) {
    body.push([c(label, { colSpan: 3 }), c(formAmount(v?.budget), { colSpan: 3, align: 'right' }), c(formAmount(v?.executed), { colSpan: 3, align: 'right' }), c(rate(v?.executed, v?.budget), { colSpan: 2, align: 'right' })]);
  }
  if (withScore) {
    body.push([c('执行率分值（分）', { colSpan: 3 }), c(String(f.weight), { colSpan: 3 }), c('执行率得分（分）', { colSpan: 3 }), c(scoreText(ev.executionScore), { colSpan: 2 })]);
  }
  body.push([c('年度总体目标', { rowSpan: 2 }), c('年度绩效目标', { colSpan: 5 }), c('全年目标实际完成情况', { colSpan: 6 })]);
  body.push([c(e.goal, { colSpan: 5 }), c(e.achievement, { colSpan: 6 })]);

  const gs = groups(e);
  const indicatorRows = gs.reduce((n, g) => n + g.rows.reduce((m, r) => m + Math.max(1, r.items.length), 0), 0);
  body.push([
    c('绩效指标', { rowSpan: indicatorRows + 1 }), c('一级指标'), c('二级指标'), c('三级指标'), c('计量单位'), c('指标性质'),
    c('年度指标值'), c('指标权重（分）'), c('全年完成值'), c('完成比例（%）'), c('指标得分（分）'), c('未完成绩效目标或目标偏离较多的原因说明'),
  ]);
  const scores: Dec[] = [];
  for (const g of gs) {
    const gRows = g.rows.reduce((m, r) => m + Math.max(1, r.items.length), 0);
    let first1 = true;
    for (const r of g.rows) {
      const l1 = first1 ? [c(g.level1, { rowSpan: gRows })] : [];
      first1 = false;
      if (r.items.length === 0) {
        body.push([...l1, c(r.level2), ...Array.from({ length: 9 }, () => c(''))]);
        continue;
      }
      r.items.forEach(({ ind, idx }, k) => {
        const l2 = k === 0 ? [c(r.level2, { rowSpan: r.items.length })] : [];
        const computed = ev.indicators[idx];
        const score = ind.score !== undefined ? new D(String(ind.score)) : computed.score;
        scores.push(score);
        const done = ind.completion ?? (computed.completionPct !== null ? pctCompact(round(computed.completionPct, 2)) : '');
        body.push([
          ...(k === 0 ? l1 : []), ...l2,
          c(ind.name), c(ind.unit ?? ''), c(natureText(ind.nature)), c(ind.target), c(String(ind.weight), { align: 'right' }),
          c(ind.actual), c(done, { align: 'right' }), c(scoreText(score), { align: 'right' }), c(ind.reason ?? ''),
        ]);
      });
    }
  }
  const scoreSum = sum(scores).add(withScore ? ev.executionScore : 0);
  body.push([
    c('合计'), ...Array.from({ length: 6 }, () => c('—')), c(scoreText(ev.weightTotal), { align: 'right' }), c('—'), c('—'),
    c(scoreText(scoreSum), { align: 'right' }), c('—'),
  ]);
  return {
    type: 'table',
    caption: `${ctx.m.body.regionShort ?? ''}${ctx.year}年度项目支出绩效自评表`,
    subcaption: `填报单位（公章）：${e.department}`,
    header: [],
    body,
    widths: [2, 2, 2, 3, 1, 1, 2, 1, 2, 1, 1, 3],
  };
}

export function performance(ctx: Ctx, no: number): DocNode[] {
  const Y = ctx.year;
  const pf = ctx.m.performance;
  const conclusion = clean(pf.conclusion);
  const out: DocNode[] = [
    h1(`${cn(no)}、预算绩效管理情况说明`),
    h2('（一）预算绩效管理工作开展情况'),
    p(sentence(
      `根据预算绩效管理要求，${ctx.self}对${pf.projectCount}个项目开展了绩效自评，其中，以填报目标自评表形式开展自评${pf.formCount}项，涉及资金${wan(amt(pf.funds)!)}`,
      conclusion ? `，从评价情况来看，${conclusion}` : '',
    )),
    h2('（二）绩效自评结果'),
  ];
  if (pf.selfEvaluations.length === 0) out.push(p(sentence(`${ctx.self}${Y}年度无公开的项目支出绩效自评表`)));
  for (const e of pf.selfEvaluations) out.push(selfEvaluationTable(ctx, e));
  out.push(h2('（三）重点绩效评价结果'));
  out.push(p(clean(pf.keyEvaluation) ? `${clean(pf.keyEvaluation)}。` : `${ctx.self}${Y}年度无重点绩效评价项目。`));
  return out;
}
