/** 七、决算公开联系方式及信息反馈渠道. */
import type { DocNode } from '../ast.js';
import { type Ctx, clean, cn, h1, p } from './context.js';

export function contact(ctx: Ctx, no: number): DocNode[] {
  const c = ctx.m.contact;
  const lead = clean(c.text) || `${ctx.self}决算公开信息反馈和联系方式`;
  return [h1(`${cn(no)}、决算公开联系方式及信息反馈渠道`), p(`${lead.replace(/[：:]$/u, '')}：${c.phone.trim()}。`)];
}
