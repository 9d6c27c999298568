/**
 * The 重庆 template (the seed's style): 一、部门基本情况 … 七、决算公开联系方式及信息反馈渠道, then the
 * nine tables as an appendix. One handler module per part; parts are numbered in order.
 */
import type { Disclosure } from '../../model/schema.js';
import type { DocNode, GeneratedDoc } from '../ast.js';
import { makeCtx } from './context.js';
import { profile } from './profile.js';
import { accounts } from './accounts.js';
import { sanGong } from './sangong.js';
import { otherMatters } from './other.js';
import { performance } from './performance.js';
import { glossary } from './glossary.js';
import { contact } from './contact.js';
import { appendix } from './appendix.js';

export function generateChongqing(m: Disclosure): GeneratedDoc {
  const ctx = makeCtx(m);
  const title = `${m.body.name}${m.year}年度${m.body.level}决算情况说明`;
  const nodes: DocNode[] = [
    { type: 'title', text: `${m.body.name}`, subtitle: `${m.year}年度${m.body.level}决算情况说明` },
    ...profile(ctx),
    ...accounts(ctx, 2),
    ...sanGong(ctx, 3),
    ...otherMatters(ctx, 4),
    ...performance(ctx, 5),
    ...glossary(ctx, 6),
  ];
  // 名词解释 may be absent: the contact part takes the next number.
  const used = nodes.filter((n) => n.type === 'heading' && n.level === 1).length;
  nodes.push(...contact(ctx, used + 1), ...appendix(ctx));
  return { title, nodes };
}
