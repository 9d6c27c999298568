/**
 * 四、其他需要说明的事项: 机关运行经费 (+ 会议费, 培训费), 国有资产占用, 政府采购.
 */
import type { DocNode } from '../ast.js';
import type { Disclosure } from '../../model/schema.js';
import { VEHICLE_TYPES } from '../../model/schema.js';
import { type Dec } from '../../calc/money.js';
import { type Ctx, amt, changeClause, clean, cmp, cn, h1, h2, p, reasonClause, sentence, shareText, wan } from './context.js';

type PriorItem = Disclosure['operatingCosts'];

function vsPrior(ctx: Ctx, item: PriorItem, current: Dec): string {
  const base = amt(item.prior);
  if (base === null) return '';
  const c = cmp(ctx, current, base);
  return `${changeClause(c, '上年决算数')}${reasonClause(item.reason, c)}`;
}

function operating(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const oc = ctx.m.operatingCosts;
  const v = amt(oc.current)!;
  const purpose = clean(oc.purpose);
  let s = sentence(`${Y}年度${ctx.self}机关运行经费支出${wan(v)}`, purpose ? `，机关运行经费主要用于开支${purpose}` : '');
  const change = vsPrior(ctx, oc, v);
  if (change) s += sentence(`机关运行经费${change}`);
  const nodes: DocNode[] = [h2('（一）机关运行经费情况说明'), p(s)];

  const general = [
    ['会议费', ctx.m.meetings],
    ['培训费', ctx.m.training],
  ] as const;
  const t = general
    .map(([name, item]) => {
      const cur = amt(item.current)!;
      const ch = vsPrior(ctx, item, cur);
      return sentence(`本年度${name}支出${wan(cur)}`, ch ? `，${ch}` : '');
    })
    .join('');
  nodes.push(p(t));
  return nodes;
}

function assets(ctx: Ctx): DocNode[] {
  const a = ctx.m.assets;
  const asOf = a.asOf?.trim() || `${ctx.year}年12月31日`;
  const counts = VEHICLE_TYPES.map((t) => [t, a.vehicles[t] ?? 0] as const);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  // The seed separates the first five types with 、 and the rest with ，; one separator reads the same.
  const list = counts.map(([t, c]) => `${t}${c}辆`).join('、');
  let s = sentence(`截至${asOf}，${ctx.self}共有车辆${total}辆`, total > 0 ? `，其中，${list}` : '');
  const eq: string[] = [];
  if (a.generalEquipmentOver50 !== undefined && a.generalEquipmentOver50 !== null) eq.push(`单价50万元（含）以上通用设备${a.generalEquipmentOver50}台（套）`);
  if (a.specialEquipmentOver100 !== undefined && a.specialEquipmentOver100 !== null) eq.push(`单价100万元（含）以上专用设备${a.specialEquipmentOver100}台（套）`);
  if (eq.length) s += sentence(eq.join('，'));
  return [h2('（二）国有资产占用情况说明'), p(s)];
}

function procurement(ctx: Ctx): DocNode[] {
  const Y = ctx.year;
  const pr = ctx.m.procurement;
  const total = amt(pr.total)!;
  const head = h2('（三）政府采购支出情况说明');
  if (total.isZero()) return [head, p(sentence(`${ctx.self}${Y}年度未发生政府采购支出`))];
  const goods = amt(pr.goods)!, works = amt(pr.works)!, services = amt(pr.services)!;
  const sme = amt(pr.sme)!, micro = amt(pr.micro)!;
  let s = sentence(
    `${Y}年度${ctx.self}政府采购支出总额${wan(total)}，其中：政府采购货物支出${wan(goods)}、政府采购工程支出${wan(works)}、政府采购服务支出${wan(services)}`,
  );
  s += sentence(
    `授予中小企业合同金额${wan(sme)}，占政府采购支出总额的${shareText(ctx, sme, total)}`,
    `，其中：授予小微企业合同金额${wan(micro)}，占政府采购支出总额的${shareText(ctx, micro, total)}`,
  );
  const purpose = clean(pr.purpose);
  if (purpose) s += sentence(`主要用于${purpose}`);
  return [head, p(s)];
}

export function otherMatters(ctx: Ctx, no: number): DocNode[] {
  return [h1(`${cn(no)}、其他需要说明的事项`), ...operating(ctx), ...assets(ctx), ...procurement(ctx)];
}
