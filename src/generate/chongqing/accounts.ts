/**
 * 二、部门决算情况说明: 收支总体, 财政拨款总体, 一般公共预算 (收入/支出/结转/类 structure), 基本支出,
 * 政府性基金, 国有资本经营. Figures are read through model/concepts and worded by ./context.
 */
import type { DocNode } from '../ast.js';
import { type Dec, ZERO, parseAmount } from '../../calc/money.js';
import { findTable, cellValue } from '../../model/concepts.js';
import type { Table } from '../../model/schema.js';
import {
  type Ctx, budget, changeClause, clean, cmp, cn, h1, h2, note, p, prior, reasonClause, sentence, shareText, value, wan,
} from './context.js';

/** "，较上年决算数减少…，下降…，主要原因是…" for a concept with a stated prior; '' without one. */
function vsPrior(ctx: Ctx, id: string, current: Dec, opts: { basis?: string; reasonSep?: string } = {}): string {
  const base = prior(ctx, id);
  if (base === null) return '';
  const c = cmp(ctx, current, base);
  return `，${changeClause(c, opts.basis ?? '上年决算数')}${reasonClause(note(ctx, id).priorReason, c, opts.reasonSep)}`;
}

function vsBudget(ctx: Ctx, id: string, current: Dec, opts: { reasonSep?: string } = {}): string {
  const base = budget(ctx, id);
  if (base === null) return '';
  const c = cmp(ctx, current, base);
  return `，${changeClause(c, '年初预算数')}${reasonClause(note(ctx, id).budgetReason, c, opts.reasonSep)}`;
}

/** A table is "empty" when marked so, missing, or all its values are zero. */
function isEmptyTable(t: Table | undefined): boolean {
  if (!t || t.empty || t.rows.length === 0) return true;
  return t.rows.every((r) => Object.values(r.values).every((v) => v === null || parseAmount(v)?.isZero() === true));
}

function overall(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const out: DocNode[] = [h2('（一）收入支出决算总体情况说明')];

  // 1.总体情况
  const grandIn = value(ctx, '收入总计');
  const grandOut = value(ctx, '支出总计');
  if (grandIn && grandOut) {
    let s = sentence(`${Y}年度收入总计${wan(grandIn)}，支出总计${wan(grandOut)}`);
    const base = prior(ctx, '收支总计');
    if (base !== null) {
      const c = cmp(ctx, grandIn, base);
      s += c.direction === 'flat'
        ? sentence('收支与上年决算数持平')
        : sentence(`收支${changeClause(c, '上年决算数', { amountBefore: true, sep: '、' })}`, reasonClause(note(ctx, '收支总计').priorReason, c));
    }
    out.push(p(`1.总体情况。${s}`));
  }

  // 2.收入情况
  const inTotal = value(ctx, '本年收入合计');
  if (inTotal) {
    let s = sentence(`${Y}年度收入合计${wan(inTotal)}`, vsPrior(ctx, '本年收入合计', inTotal));
    const parts: string[] = [];
    for (const id of ['财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']) {
      const v = value(ctx, id);
      if (v === null || v.isZero()) continue;
      const sh = shareText(ctx, v, inTotal);
      parts.push(`${id}${wan(v)}${sh ? `，占${sh}` : ''}`);
    }
    if (parts.length) s += sentence(`其中：${parts.join('；')}`);
    out.push(p(`2.收入情况。${s}`));
  }

  // 3.支出情况
  const outTotal = value(ctx, '本年支出合计');
  if (outTotal) {
    let s = sentence(`${Y}年度支出合计${wan(outTotal)}`, vsPrior(ctx, '本年支出合计', outTotal));
    const items: [string, Dec | null, boolean][] = [
      ['基本支出', value(ctx, '基本支出'), true],
      ['项目支出', value(ctx, '项目支出'), true],
      ['上缴上级支出', cellValue(ctx.m, 't3', 'total', 'remit'), false],
      ['经营支出', value(ctx, '经营支出'), false],
      ['对附属单位补助支出', cellValue(ctx.m, 't3', 'total', 'subsidy'), false],
    ];
    const parts: string[] = [];
    for (const [name, v, always] of items) {
      if (v === null || (!always && v.isZero())) continue;
      const sh = shareText(ctx, v, outTotal);
      parts.push(`${name}${wan(v)}${sh ? `，占${sh}` : ''}`);
    }
    if (parts.length) s += sentence(`其中：${parts.join('；')}`);
    out.push(p(`3.支出情况。${s}`));
  }

  // 4.结转结余情况
  const closing = value(ctx, '年末结转和结余');
  if (closing) out.push(p(`4.结转结余情况。${sentence(`${Y}年度年末结转和结余${wan(closing)}`, vsPrior(ctx, '年末结转和结余', closing))}`));
  return out;
}

function fiscalOverall(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const v = value(ctx, '财政拨款收支总计');
  if (!v) return [];
  let s = sentence(`${Y}年度财政拨款收、支总计${wan(v)}`);
  const base = prior(ctx, '财政拨款收支总计');
  if (base !== null) {
    const c = cmp(ctx, v, base);
    if (c.direction === 'flat') s += sentence(`与${Y - 1}年相比，财政拨款收、支总计持平`);
    else {
      // "与2019年相比，财政拨款收、支总计各减少332.06万元，下降14.8%": the clause without its "较…" head.
      const clause = changeClause(c, '上年决算数').replace(/^较上年决算数/u, '');
      s += sentence(`与${Y - 1}年相比，财政拨款收、支总计各${clause}`);
      s += sentence(reasonClause(note(ctx, '财政拨款收支总计').priorReason, c, '').trim());
    }
  }
  return [h2('（二）财政拨款收入支出决算总体情况说明'), p(s)];
}

function generalBudget(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const out: DocNode[] = [h2('（三）一般公共预算财政拨款支出决算情况说明')];

  const inc = value(ctx, '一般公共预算财政拨款收入');
  if (inc) {
    let s = sentence(`${Y}年度一般公共预算财政拨款收入${wan(inc)}`, vsPrior(ctx, '一般公共预算财政拨款收入', inc, { reasonSep: '。' }));
    const b = vsBudget(ctx, '一般公共预算财政拨款收入', inc, { reasonSep: '。' });
    if (b) s += sentence(b.slice(1));
    const opening = value(ctx, '一般公共预算财政拨款年初结转和结余');
    if (opening && !opening.isZero()) s += sentence(`此外，年初财政拨款结转和结余${wan(opening)}`);
    out.push(p(`1.收入情况。${s}`));
  }

  const exp = value(ctx, '一般公共预算财政拨款支出');
  if (exp) {
    let s = sentence(`${Y}年度一般公共预算财政拨款支出${wan(exp)}`, vsPrior(ctx, '一般公共预算财政拨款支出', exp, { reasonSep: '。' }));
    const b = vsBudget(ctx, '一般公共预算财政拨款支出', exp, { reasonSep: '。' });
    if (b) s += sentence(b.slice(1));
    out.push(p(`2.支出情况。${s}`));
  }

  const closing = value(ctx, '一般公共预算财政拨款年末结转和结余');
  if (closing) {
    out.push(p(`3.结转结余情况。${sentence(`${Y}年度年末一般公共预算财政拨款结转和结余${wan(closing)}`, vsPrior(ctx, '一般公共预算财政拨款年末结转和结余', closing))}`));
  }

  // 4.比较情况: one line per 类 of T5, share of the 一般公共预算 total, vs 年初预算 (and 上年 when given).
  const t5 = findTable(ctx.m, 't5');
  const classes = (t5?.rows ?? []).filter((r) => r.code?.length === 3).sort((a, b) => a.code!.localeCompare(b.code!));
  if (exp && classes.length) {
    out.push(p(`4.比较情况。${ctx.self}${Y}年度一般公共预算财政拨款支出主要用于以下几个方面：`));
    classes.forEach((r, i) => {
      const id = `一般公共预算财政拨款支出:${r.code}`;
      const v = value(ctx, id);
      if (v === null) return;
      const sh = shareText(ctx, v, exp);
      const purpose = clean(note(ctx, id).purpose);
      out.push(p(`（${i + 1}）${sentence(
        `${r.name}${wan(v)}`,
        sh ? `，占${sh}` : '',
        purpose ? `，主要用于${purpose}` : '',
        vsBudget(ctx, id, v),
        vsPrior(ctx, id, v),
      )}`));
    });
  }
  return out;
}

function basicSpending(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const basic = value(ctx, '一般公共预算财政拨款基本支出');
  if (!basic) return [];
  let s = sentence(`${Y}年度一般公共预算财政拨款基本支出${wan(basic)}`);
  const parts: string[] = [];
  for (const id of ['人员经费', '公用经费']) {
    const v = value(ctx, id);
    if (v === null) continue;
    let t = sentence(`${id}${wan(v)}`, vsPrior(ctx, id, v));
    const purpose = clean(note(ctx, id).purpose);
    if (purpose) t += sentence(`${id}用途主要包括${purpose}`);
    parts.push(t);
  }
  if (parts.length) s += `其中：${parts.join('')}`;
  return [h2('（四）一般公共预算财政拨款基本支出决算情况说明'), p(s)];
}

function govFund(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const head = h2('（五）政府性基金预算收支决算情况说明');
  const t8 = findTable(ctx.m, 't8');
  const income = value(ctx, '政府性基金预算财政拨款收入');
  const spent = value(ctx, '政府性基金预算财政拨款支出');
  const priorIn = prior(ctx, '政府性基金预算财政拨款收入');
  const priorOut = prior(ctx, '政府性基金预算财政拨款支出');
  const hadPrior = (priorIn && !priorIn.isZero()) || (priorOut && !priorOut.isZero());
  if (isEmptyTable(t8) && !hadPrior) return [head, p(`${ctx.self}${Y}年度无政府性基金预算财政拨款收支。`)];
  const opening = value(ctx, '政府性基金预算财政拨款年初结转和结余');
  const closing = value(ctx, '政府性基金预算财政拨款年末结转和结余');
  let s = '';
  if (opening || closing) {
    s += sentence(
      `${Y}年度政府性基金预算财政拨款`,
      opening ? `年初结转结余${wan(opening)}` : '',
      opening && closing ? '，' : '',
      closing ? `年末结转结余${wan(closing)}` : '',
    );
  }
  // A stated prior with no current value: the current value is zero (the table is empty).
  const inc = income ?? (priorIn ? ZERO : null);
  if (inc) s += sentence(`本年收入${wan(inc)}`, vsPrior(ctx, '政府性基金预算财政拨款收入', inc));
  const sp = spent ?? (priorOut ? ZERO : null);
  if (sp) s += sentence(`本年支出${wan(sp)}`, vsPrior(ctx, '政府性基金预算财政拨款支出', sp));
  return [head, p(s)];
}

function stateCapital(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const head = h2('（六）国有资本经营预算财政拨款支出决算情况说明');
  const t9 = findTable(ctx.m, 't9');
  const v = value(ctx, '国有资本经营预算财政拨款支出');
  const base = prior(ctx, '国有资本经营预算财政拨款支出');
  if (isEmptyTable(t9) && (base === null || base.isZero())) return [head, p(`${ctx.self}${Y}年度无国有资本经营预算财政拨款支出。`)];
  const cur = v ?? ZERO;
  return [head, p(sentence(`${Y}年度国有资本经营预算财政拨款支出${wan(cur)}`, vsPrior(ctx, '国有资本经营预算财政拨款支出', cur)))];
}

export function accounts(ctx: Ctx, no: number): DocNode[] {
  return [
    h1(`${cn(no)}、${ctx.m.body.level}决算情况说明`),
    ...overall(ctx),
    ...fiscalOverall(ctx),
    ...generalBudget(ctx),
    ...basicSpending(ctx),
    ...govFund(ctx),
    ...stateCapital(ctx),
  ];
}
