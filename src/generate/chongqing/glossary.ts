/** 六、专业名词解释. */
import type { DocNode } from '../ast.js';
import { type Ctx, cn, h1, p } from './context.js';

export function glossary(ctx: Ctx, no: number): DocNode[] {
  const items = ctx.m.glossary;
  if (items.length === 0) return [];
  return [h1(`${cn(no)}、专业名词解释`), ...items.map((g, i) => p(`（${cn(i + 1)}）${g.term}：${g.definition.trim()}`))];
}
