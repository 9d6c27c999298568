/**
 * 第三部分 of the 上海 2024 style: the eleven 情况说明 sections in the template's wording. Figures come
 * from model/concepts, changes, shares and completion rates from calc/compare (through the shared
 * wording helpers of generate/chongqing/context.ts), so the text passes our own checker.
 */
import type { DocNode } from '../ast.js';
import { type Dec, ZERO, parseAmount } from '../../calc/money.js';
import { amountWord, changePctPhrase, completion, pctText, share } from '../../calc/compare.js';
import { comparative, conceptValue, findTable } from '../../model/concepts.js';
import type { Row, Table } from '../../model/schema.js';
import type { TableKind } from '../../model/tables.js';
import { type Ctx, amt, clean, cmp, note, p, prior, value, wan } from '../chongqing/context.js';
import { EXPLAIN, NONE, VEHICLE_NAMES } from './wording.js';

/** 一、… sections are level 2 under the part (第三部分), （一）… level 3. */
const sec = (text: string): DocNode => ({ type: 'heading', level: 2, text });
const sub = (text: string): DocNode => ({ type: 'heading', level: 3, text });

/** "占86.05%": always at the style's precision (the template prints 100.00%). */
function pctOf(ctx: Ctx, part: Dec, whole: Dec): string | null {
  const s = share(part, whole, ctx.pctDp);
  return s === null ? null : pctText(s, ctx.pctDp);
}

/** "与2023年度相比，X增加…，增长…%。主要原因：…。" ('' without a stated prior). */
function vsPriorYear(ctx: Ctx, id: string, label: string, current: Dec): string {
  const base = prior(ctx, id);
  if (base === null) return '';
  const c = cmp(ctx, current, base);
  const head = `与${ctx.year - 1}年度相比，${label}`;
  if (c.direction === 'flat') return `${head}持平。`;
  const reason = clean(note(ctx, id).priorReason);
  return `${head}${amountWord(c.direction)}${wan(c.delta.abs())}，${changePctPhrase(c, ctx.pctDp)}。${reason ? `主要原因：${reason}。` : ''}`;
}

const nonZero = (v: Dec | null): v is Dec => v !== null && !v.isZero();

function rowValue(r: Row | undefined, col: string): Dec | null {
  const v = r?.values[col];
  return v === undefined || v === null ? null : parseAmount(v);
}

function isEmpty(t: Table | undefined): boolean {
  if (!t || t.empty || t.rows.length === 0) return true;
  return t.rows.every((r) => Object.values(r.values).every((v) => v === null || parseAmount(v)?.isZero() === true));
}

/** "一般公共服务支出（类）社会工作事务（款）行政运行（项）" from the 类/款 rows of the same table. */
function subjectPath(t: Table, code: string): string {
  const name = (c: string) => t.rows.find((r) => r.code === c)?.name ?? c;
  return `${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）`;
}

/**
 * 项-level lines: "1、…（项）。主要用于：…。全年预算为…，支出决算为…，完成全年预算数的…%。决算数小于全年
 * 预算数的主要原因：…。" The budget named is 全年预算 when the model gives one, else 年初预算.
 */
function itemLines(ctx: Ctx, t: Table, concept: string, col: string): DocNode[] {
  const items = t.rows.filter((r) => r.code?.length === 7 && nonZero(rowValue(r, col))).sort((a, b) => a.code!.localeCompare(b.code!));
  return items.map((r, i) => {
    const id = `${concept}:${r.code}`;
    const actual = rowValue(r, col)!;
    const n = note(ctx, id);
    let s = `${i + 1}、${subjectPath(t, r.code!)}。`;
    if (clean(n.purpose)) s += `主要用于：${clean(n.purpose)}。`;
    s += budgetClause(ctx, id, actual, '数');
    return p(s);
  });
}

/** "全年预算为…，支出决算为…，完成全年预算数的…%。决算数小于全年预算数的主要原因：…。" */
function budgetClause(ctx: Ctx, id: string, actual: Dec, suffix: '' | '数'): string {
  const initial = comparative(ctx.m, id, 'budget');
  const full = comparative(ctx.m, id, 'fullYearBudget');
  const base = full ?? initial;
  const basis = full !== null ? '全年预算' : '年初预算';
  if (base === null) return `支出决算为${wan(actual)}。`;
  let s = full !== null && initial !== null && suffix === '' ? `年初预算为${wan(initial)}，全年预算为${wan(full)}` : `${basis}为${wan(base)}`;
  s += `，支出决算为${wan(actual)}`;
  const done = completion(actual, base, ctx.pctDp);
  if (done !== null && !actual.eq(base)) s += `，完成${basis}${suffix}的${pctText(done, ctx.pctDp)}`;
  s += '。';
  if (actual.eq(base)) return `${s}决算数与${basis}数持平。`;
  const reason = clean(note(ctx, id).budgetReason);
  return reason ? `${s}决算数${actual.gt(base) ? '大于' : '小于'}${basis}数的主要原因：${reason}。` : s;
}

function overall(ctx: Ctx, name: string): DocNode[] {
  const v = value(ctx, '收支总计');
  if (!v) return [];
  return [sec(EXPLAIN.overall), p(`${name}${ctx.year}年度收入支出总计${wan(v)}。${vsPriorYear(ctx, '收支总计', '收入支出总计', v)}`)];
}

function listWithShares(ctx: Ctx, head: string, whole: Dec, items: [string, Dec | null][]): string {
  const parts = items.filter((x): x is [string, Dec] => nonZero(x[1])).map(([n, v]) => `${n}${wan(v)}，占${pctOf(ctx, v, whole)}`);
  return `${head}${wan(whole)}${parts.length ? `，其中：${parts.join('；')}` : ''}。`;
}

function income(ctx: Ctx): DocNode[] {
  const total = value(ctx, '本年收入合计');
  if (!total) return [];
  const ids = ['财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
  return [sec(EXPLAIN.income), p(listWithShares(ctx, '本年收入合计', total, ids.map((id) => [id, value(ctx, id)])))];
}

function expense(ctx: Ctx): DocNode[] {
  const total = value(ctx, '本年支出合计');
  if (!total) return [];
  const ids = ['基本支出', '项目支出', '经营支出'];
  return [sec(EXPLAIN.expense), p(listWithShares(ctx, '本年支出合计', total, ids.map((id) => [id, value(ctx, id)])))];
}

function fiscal(ctx: Ctx, name: string): DocNode[] {
  const v = value(ctx, '财政拨款收支总计');
  if (!v) return [];
  return [
    sec(EXPLAIN.fiscal),
    p(`${name}${ctx.year}年度财政拨款收入支出总计${wan(v)}。${vsPriorYear(ctx, '财政拨款收支总计', '财政拨款收入支出总计', v)}`),
  ];
}

function general(ctx: Ctx): DocNode[] {
  const id = '一般公共预算财政拨款支出';
  const v = value(ctx, id);
  const t5 = findTable(ctx.m, 't5');
  if (!v || !t5) return [];
  const out: DocNode[] = [sec(EXPLAIN.general), sub(EXPLAIN.generalOverall)];
  const total = value(ctx, '本年支出合计');
  const sh = total ? pctOf(ctx, v, total) : null;
  out.push(p(`一般公共预算财政拨款支出${wan(v)}${sh ? `，占本年支出合计的${sh}` : ''}。${vsPriorYear(ctx, id, '一般公共预算财政拨款支出', v)}`));

  out.push(sub(EXPLAIN.generalStructure));
  const classes = t5.rows.filter((r) => r.code?.length === 3 && nonZero(rowValue(r, 'total'))).sort((a, b) => a.code!.localeCompare(b.code!));
  const parts = classes.map((r) => `${r.name}（类）${wan(rowValue(r, 'total')!)}，占${pctOf(ctx, rowValue(r, 'total')!, v)}`);
  out.push(p(`一般公共预算财政拨款支出${wan(v)}，主要用于以下方面：${parts.join('；')}。`));

  out.push(sub(EXPLAIN.generalDetail));
  out.push(p(`一般公共预算财政拨款支出${budgetClause(ctx, id, v, '')}其中：`));
  out.push(...itemLines(ctx, t5, id, 'total'));
  return out;
}

/** Names of the T6 items (5-digit codes) under the given 类 prefixes, in table order. */
function t6Items(ctx: Ctx, prefixes: RegExp): string {
  const t6 = findTable(ctx.m, 't6');
  return (t6?.rows ?? [])
    .filter((r) => r.code?.length === 5 && prefixes.test(r.code) && nonZero(rowValue(r, 'amount')))
    .map((r) => r.name)
    .join('、');
}

function basic(ctx: Ctx): DocNode[] {
  const v = value(ctx, '一般公共预算财政拨款基本支出');
  if (!v) return [];
  const pers = value(ctx, '人员经费');
  const pub = value(ctx, '公用经费');
  const parts: string[] = [];
  if (pers) parts.push(`人员经费${wan(pers)}${t6Items(ctx, /^30[13]/) ? `，主要包括：${t6Items(ctx, /^30[13]/)}` : ''}`);
  if (pub) parts.push(`公用经费${wan(pub)}${t6Items(ctx, /^3(0[2-9]|1)/) ? `，主要包括：${t6Items(ctx, /^3(0[2-9]|1)/)}` : ''}`);
  return [sec(EXPLAIN.basic), p(`一般公共预算财政拨款基本支出${wan(v)}。${parts.length ? `其中：${parts.join('；')}。` : ''}`)];
}

function sanGong(ctx: Ctx, name: string): DocNode[] {
  const sg = ctx.m.sanGong;
  const actual = amt(sg.total.actual);
  if (!nonZero(actual)) return [sec(EXPLAIN.sanGong), p(NONE.sanGong(name, ctx.year))];
  const out: DocNode[] = [sec(EXPLAIN.sanGong), sub(EXPLAIN.sanGongOverall)];
  // The template's three items, each from model/concepts (公务用车购置及运行维护费 = 购置费 + 运行维护费 there,
  // the same calculus the checker applies to the text).
  // An item whose amount the model does not state (公务用车购置及运行维护费 when one part is missing) is left out
  // of the sentences, not printed as 0.00.
  const items = ['因公出国（境）费', '公务用车购置及运行维护费', '公务接待费'].flatMap((id): [string, { actual: Dec; budget: Dec | null; prior: Dec | null }][] => {
    const a = conceptValue(ctx.m, id);
    return a ? [[id, { actual: a, budget: comparative(ctx.m, id, 'budget'), prior: comparative(ctx.m, id, 'prior') }]] : [];
  });
  const done = (a: Dec | null, b: Dec | null) => (a && b ? completion(a, b, ctx.pctDp) : null);
  const budgetTotal = amt(sg.total.budget);
  let s = `“三公”经费财政拨款支出${budgetTotal ? `年初预算为${wan(budgetTotal)}，` : ''}支出决算为${wan(actual)}`;
  const d = done(actual, budgetTotal);
  if (d) s += `，完成预算的${pctText(d, ctx.pctDp)}`;
  const itemParts = items.map(([n, it]) => {
    const c = done(it.actual, it.budget);
    return `${n}决算为${wan(it.actual)}${c ? `，完成预算的${pctText(c, ctx.pctDp)}` : ''}`;
  });
  s += itemParts.length ? `，其中：${itemParts.join('；')}。` : '。';
  if (clean(sg.total.budgetReason)) s += `${ctx.year}年度“三公”经费支出决算数${budgetTotal && actual.gt(budgetTotal) ? '大于' : '小于'}预算数的主要原因：${clean(sg.total.budgetReason)}。`;
  out.push(p(s));
  const priorTotal = amt(sg.total.prior);
  if (priorTotal) {
    const c = cmp(ctx, actual, priorTotal);
    const parts = items.map(([n, it]) => {
      const pr = it.prior;
      if (!pr) return '';
      const ci = cmp(ctx, it.actual, pr);
      return ci.direction === 'flat' ? `${n}支出决算持平` : `${n}支出决算${amountWord(ci.direction)}${wan(ci.delta.abs())}，${changePctPhrase(ci, ctx.pctDp)}`;
    }).filter(Boolean);
    const head = c.direction === 'flat' ? `${ctx.year}年度“三公”经费财政拨款支出决算数与${ctx.year - 1}年度持平` : `${ctx.year}年度“三公”经费财政拨款支出决算数比${ctx.year - 1}年度${amountWord(c.direction)}${wan(c.delta.abs())}，${changePctPhrase(c, ctx.pctDp)}`;
    out.push(p(`${head}${parts.length ? `，其中：${parts.join('；')}` : ''}。${clean(sg.total.priorReason) ? `主要原因是${clean(sg.total.priorReason)}。` : ''}`));
  }
  out.push(sub(EXPLAIN.sanGongDetail));
  const shares = items.map(([n, it]) => `${n}支出决算${wan(it.actual)}，占${pctOf(ctx, it.actual, actual)}`);
  if (shares.length) out.push(p(`“三公”经费财政拨款支出决算中，${shares.join('；')}。`));
  const q = sg.quantities;
  if (q.vehiclesHeld !== null && q.vehiclesHeld !== undefined) {
    out.push(p(`${ctx.year}年，${name}所属各预算单位开支财政拨款的公务用车保有量为${q.vehiclesHeld}辆。`));
  }
  return out;
}

/** 八 / 九: 基金 and 国资 — the "无…" sentence, or income, expense and the 项 lines of T8 / T9. */
function budgetFund(ctx: Ctx, name: string, kind: TableKind, which: 'fund' | 'capital'): DocNode[] {
  const t = findTable(ctx.m, kind);
  const title = which === 'fund' ? EXPLAIN.fund : EXPLAIN.capital;
  if (isEmpty(t)) return [sec(title), p(NONE[which](name, ctx.year))];
  const label = which === 'fund' ? '政府性基金预算财政拨款' : '国有资本经营预算财政拨款';
  const tot = t!.rows.find((r) => r.key === 'total' || (!r.code && /^合\s*计$/.test(r.name)));
  const inc = rowValue(tot, 'income');
  const exp = rowValue(tot, 'total');
  const head = `${label}${inc ? `收入${wan(inc)}，` : ''}支出${wan(exp ?? ZERO)}，支出具体情况如下：`;
  return [sec(title), p(head), ...itemLines(ctx, t!, `${label}支出`, 'total')];
}

function performance(ctx: Ctx, name: string): DocNode[] {
  const text = clean(ctx.m.performance.conclusion);
  if (!text) return [];
  return [sec(EXPLAIN.performance), p(`${name}${ctx.year}年度预算绩效管理工作开展情况如下：${text}。`)];
}

function other(ctx: Ctx, name: string): DocNode[] {
  const m = ctx.m;
  const out: DocNode[] = [sec(EXPLAIN.other), sub(EXPLAIN.operating)];
  const op = amt(m.operatingCosts.current);
  if (!nonZero(op)) out.push(p(NONE.operating(name, ctx.year)));
  else {
    let s = `机关运行经费支出${wan(op)}`;
    const pr = amt(m.operatingCosts.prior);
    if (pr) {
      const c = cmp(ctx, op, pr);
      s += c.direction === 'flat' ? `，与${ctx.year - 1}年度持平。` : `，比${ctx.year - 1}年度${amountWord(c.direction)}${wan(c.delta.abs())}，${changePctPhrase(c, ctx.pctDp)}。`;
      if (c.direction !== 'flat' && clean(m.operatingCosts.reason)) s += `主要原因是${clean(m.operatingCosts.reason)}。`;
    } else s += '。';
    out.push(p(s));
  }

  const pc = m.procurement;
  const w = (x: string | number | null | undefined) => wan((x === null || x === undefined ? null : parseAmount(x)) ?? ZERO);
  out.push(sub(EXPLAIN.procurement));
  out.push(p(`${name}${ctx.year}年度政府采购金额（以合同签订为准）为${w(pc.total)}，其中：货物采购金额${w(pc.goods)}、工程采购金额${w(pc.works)}、服务采购金额${w(pc.services)}。`));
  out.push(p(`${ctx.year}年度本部门面向中小企业预留政府采购项目预算金额${w(pc.sme)}，面向小微企业预留政府采购项目预算金额${w(pc.micro)}。${clean(pc.purpose) ? `${clean(pc.purpose)}。` : ''}`));

  const a = m.assets;
  out.push(sub(EXPLAIN.assets));
  const counts = Object.entries(VEHICLE_NAMES).map(([k, label]) => `${label}${a.vehicles[k as keyof typeof a.vehicles] ?? 0}辆`);
  const total = Object.values(a.vehicles).reduce((s, n) => s + n, 0);
  const asOf = a.asOf ?? `${ctx.year}年12月31日`;
  const equip = a.specialEquipmentOver100 ?? a.generalEquipmentOver50;
  out.push(p(`截至${asOf}，${name}共有车辆${total}辆，其中：${counts.join('、')}。${equip !== null && equip !== undefined ? `单价100万元（含）以上设备（不含车辆）${equip}台（套）。` : ''}`));
  return out;
}

/** The eleven sections of 第三部分. */
export function explain(ctx: Ctx): DocNode[] {
  const name = ctx.m.body.name;
  return [
    ...overall(ctx, name),
    ...income(ctx),
    ...expense(ctx),
    ...fiscal(ctx, name),
    ...general(ctx),
    ...basic(ctx),
    ...sanGong(ctx, name),
    ...budgetFund(ctx, name, 't8', 'fund'),
    ...budgetFund(ctx, name, 't9', 'capital'),
    ...performance(ctx, name),
    ...other(ctx, name),
  ];
}
