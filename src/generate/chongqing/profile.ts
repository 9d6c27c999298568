/** 一、部门基本情况: 职能职责, 机构设置, 单位构成 — the person's texts as given. */
import type { DocNode } from '../ast.js';
import { type Ctx, h1, h2, p } from './context.js';

export function profile(ctx: Ctx): DocNode[] {
  const { profile: pr } = ctx.m;
  return [
    h1(`一、${ctx.m.body.level}基本情况`),
    h2('（一）职能职责'),
    ...pr.functions.map((f, i) => p(`${i + 1}.${f.trim()}`)),
    h2('（二）机构设置'),
    p(pr.institutions.trim()),
    h2('（三）单位构成'),
    p(pr.composition.trim()),
  ];
}
