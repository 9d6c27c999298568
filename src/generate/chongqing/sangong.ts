/**
 * 三、“三公”经费情况说明: 总体 (vs 年初预算, vs 上年), 分项 (出国, 购置, 运行, 接待) and 实物量 with the
 * per-capita / per-vehicle figures (calc/compare perUnit).
 */
import type { DocNode } from '../ast.js';
import type { Disclosure } from '../../model/schema.js';
import { type Dec, ZERO, convert, fmt } from '../../calc/money.js';
import { perUnit } from '../../calc/compare.js';
import { type Ctx, amt, changeClause, clean, cmp, cn, h1, h2, p, reasonClause, sentence, wan } from './context.js';

type Item = Disclosure['sanGong']['total'];

/** "较年初预算数…，主要原因是…" / "较上年支出数…" for one item; '' when the base is not stated. */
function vs(ctx: Ctx, item: Item, current: Dec, basis: 'budget' | 'prior'): string {
  const base = amt(basis === 'budget' ? item.budget : item.prior);
  if (base === null) return '';
  const c = cmp(ctx, current, base);
  const label = basis === 'budget' ? '年初预算数' : '上年支出数';
  return `${changeClause(c, label)}${reasonClause(basis === 'budget' ? item.budgetReason : item.priorReason, c)}`;
}

/** Item whose base is zero and current zero: nothing to compare (no 持平 sentence about nothing). */
function worthComparing(item: Item, basis: 'budget' | 'prior', current: Dec): boolean {
  const base = amt(basis === 'budget' ? item.budget : item.prior);
  return base !== null && !(base.isZero() && current.isZero());
}

function total(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const t = ctx.m.sanGong.total;
  const v = amt(t.actual);
  const out: DocNode[] = [h2('（一）“三公”经费支出总体情况说明')];
  if (v === null) return out;
  let s = v.isZero()
    ? sentence(`${ctx.self}${Y}年度未发生“三公”经费支出`)
    : sentence(`${Y}年度“三公”经费支出共计${wan(v)}`, worthComparing(t, 'budget', v) ? `，${vs(ctx, t, v, 'budget')}` : '');
  if (v.isZero() && worthComparing(t, 'budget', v)) s += sentence(`${vs(ctx, t, v, 'budget')}`);
  if (worthComparing(t, 'prior', v)) s += sentence(vs(ctx, t, v, 'prior'));
  out.push(p(s));
  return out;
}

interface ItemSpec {
  key: 'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception';
  /** How the amount is introduced. */
  lead: (ctx: Ctx) => string;
  none: (ctx: Ctx) => string;
  purposeWord: string;
}

const ITEMS: ItemSpec[] = [
  { key: 'abroad', lead: (c) => `${c.year}年度${c.self}因公出国（境）费用`, none: (c) => `${c.self}${c.year}年度未发生因公出国（境）费用支出`, purposeWord: '主要是用于' },
  { key: 'vehiclePurchase', lead: () => '公务车购置费', none: (c) => `${c.self}${c.year}年度未发生公务车购置费支出`, purposeWord: '主要用于' },
  { key: 'vehicleOperation', lead: () => '公务车运行维护费', none: (c) => `${c.self}${c.year}年度未发生公务车运行维护费支出`, purposeWord: '主要用于' },
  { key: 'reception', lead: () => '公务接待费', none: (c) => `${c.self}${c.year}年度未发生公务接待费支出`, purposeWord: '主要用于' },
];

function items(ctx: Ctx): DocNode[] {
  const out: DocNode[] = [h2('（二）“三公”经费分项支出情况')];
  for (const spec of ITEMS) {
    const item = ctx.m.sanGong[spec.key];
    const v = amt(item.actual);
    if (v === null) continue;
    let s: string;
    if (v.isZero()) s = sentence(spec.none(ctx));
    else {
      const purpose = clean(item.purpose);
      s = sentence(`${spec.lead(ctx)}${wan(v)}`, purpose ? `，${spec.purposeWord}${purpose}` : '');
    }
    if (worthComparing(item, 'budget', v)) s += sentence(`费用支出${vs(ctx, item, v, 'budget')}`);
    if (worthComparing(item, 'prior', v)) s += sentence(vs(ctx, item, v, 'prior'));
    out.push(p(s));
  }
  return out;
}

function count(n: number | null | undefined): number | null {
  return n === undefined ? null : n;
}

/** Per-unit figure; a zero amount over zero units prints 0.00 like the seed's 车均购置费0.00万元. */
function per(value: Dec | null, units: number | null, dp = 2): Dec | null {
  if (value === null || units === null) return null;
  if (units === 0) return value.isZero() ? ZERO : null;
  return perUnit(value, units, dp);
}

function quantities(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const q = ctx.m.sanGong.quantities;
  const clauses: string[] = [];
  const g = count(q.abroadGroups), gp = count(q.abroadPeople);
  if (g !== null || gp !== null) {
    clauses.push(`因公出国（境）共计${[g !== null ? `${g}个团组` : '', gp !== null ? `${gp}人` : ''].filter(Boolean).join('，')}`);
  }
  const vp = count(q.vehiclesPurchased), vh = count(q.vehiclesHeld);
  if (vp !== null || vh !== null) {
    clauses.push([vp !== null ? `公务用车购置${vp}辆` : '', vh !== null ? `公务车保有量为${vh}辆` : ''].filter(Boolean).join('，'));
  }
  const rb = count(q.receptionBatches), rp = count(q.receptionPeople);
  if (rb !== null || rp !== null) {
    let c = `国内公务接待${rb ?? 0}批次${rp ?? 0}人`;
    const fb = count(q.foreignAffairsBatches), fp = count(q.foreignAffairsPeople);
    if (fb !== null || fp !== null) c += `，其中：国内外事接待${fb ?? 0}批次，${fp ?? 0}人`;
    clauses.push(c);
  }
  const xb = count(q.foreignGuestBatches), xp = count(q.foreignGuestPeople);
  if (xb !== null || xp !== null) clauses.push(`国（境）外公务接待${xb ?? 0}批次，${xp ?? 0}人`);

  let s = clauses.length ? sentence(`${Y}年度${ctx.self}${clauses.join('；')}`) : '';

  // 人均接待费 (元) over everyone received (国内 + 国（境）外), 车均购置费 over vehicles bought, 车均维护费 over vehicles held.
  const sg = ctx.m.sanGong;
  const people = rp === null && xp === null ? null : (rp ?? 0) + (xp ?? 0);
  const reception = amt(sg.reception.actual);
  const perCapita = per(reception === null ? null : convert(reception, '万元', '元'), people);
  const perBought = per(amt(sg.vehiclePurchase.actual), vp);
  const perHeld = per(amt(sg.vehicleOperation.actual), vh);
  const unitParts = [
    perCapita !== null ? `人均接待费${fmt(perCapita, 2)}元` : '',
    perBought !== null ? `车均购置费${wan(perBought)}` : '',
    perHeld !== null ? `车均维护费${wan(perHeld)}` : '',
  ].filter(Boolean);
  if (unitParts.length) s += sentence(`${Y}年${ctx.self}${unitParts.join('，')}`);
  return s ? [h2('（三）“三公”经费实物量情况'), p(s)] : [];
}

export function sanGong(ctx: Ctx, no: number): DocNode[] {
  return [h1(`${cn(no)}、“三公”经费情况说明`), ...total(ctx), ...items(ctx), ...quantities(ctx)];
}
