/**
 * The 上海 2024 style (sh-template-2024-final.pdf): 第一部分 概况, 第二部分 the nine tables with the
 * template's notes (空表 notes included), 第三部分 the eleven 情况说明 sections (./explain.ts), 第四部分
 * 名词解释. The wording is data (./wording.ts); the table shapes are the common ones of the 重庆 style.
 */
import type { Disclosure, Table } from '../../model/schema.js';
import { TABLE_KINDS } from '../../model/tables.js';
import { findTable } from '../../model/concepts.js';
import type { DocNode, GeneratedDoc } from '../ast.js';
import { makeCtx, p, type Ctx, cn } from '../chongqing/context.js';
import { tableNode } from '../chongqing/appendix.js';
import { explain } from './explain.js';
import { EMPTY_NOTES, PARTS, PROFILE_SECTIONS, TABLE_NOTES, TABLE_TITLES, WORDING_KEYS } from './wording.js';

const part = (text: string): DocNode => ({ type: 'heading', level: 1, text });
const sec = (text: string): DocNode => ({ type: 'heading', level: 2, text });

/** Paragraphs of a person's text (one per line). */
function paragraphs(text: string): DocNode[] {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => p(l));
}

function profile(ctx: Ctx): DocNode[] {
  const m = ctx.m;
  const out: DocNode[] = [part(PARTS.profile(m.body.name)), sec(PROFILE_SECTIONS.functions)];
  for (const f of m.profile.functions) out.push(...paragraphs(f));
  out.push(sec(PROFILE_SECTIONS.composition), ...paragraphs(m.profile.composition));
  const units = (m.style.wording[WORDING_KEYS.units] ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
  if (units.length) {
    out.push({
      type: 'table',
      header: [[{ text: '序号', align: 'center' }, { text: '单位名称', align: 'center' }, { text: '备注', align: 'center' }]],
      body: units.map((u, i) => [{ text: String(i + 1), align: 'center' }, { text: u }, { text: '' }]),
      widths: [1, 6, 2],
    });
  }
  if (m.profile.institutions.trim()) out.push(...paragraphs(m.profile.institutions));
  return out;
}

function tables(ctx: Ctx): DocNode[] {
  const present = TABLE_KINDS.map((k) => findTable(ctx.m, k)).filter((t): t is Table => !!t);
  if (present.length === 0) return [];
  const out: DocNode[] = [{ type: 'pageBreak' }, part(PARTS.tables(ctx.m.body.name, ctx.year))];
  present.forEach((t, i) => {
    if (i > 0) out.push({ type: 'pageBreak' });
    const node = tableNode(ctx, t);
    if (node.type !== 'table') return;
    const empty = t.empty === true || t.rows.length === 0;
    const emptyNote = empty ? t.note?.trim() || EMPTY_NOTES[t.kind]?.(ctx.m.body.name) : undefined;
    out.push({ ...node, caption: TABLE_TITLES[t.kind], note: [TABLE_NOTES[t.kind], emptyNote].filter(Boolean).join('\n') });
  });
  return out;
}

function glossary(ctx: Ctx): DocNode[] {
  if (ctx.m.glossary.length === 0) return [];
  return [
    { type: 'pageBreak' },
    part(PARTS.glossary),
    ...ctx.m.glossary.map((g, i) => p(`${cn(i + 1)}、${g.term}：${g.definition}`)),
  ];
}

export function generateShanghai(m: Disclosure): GeneratedDoc {
  const ctx = makeCtx(m);
  const title = `${m.body.name}${m.year}年度部门决算`;
  const nodes: DocNode[] = [
    { type: 'title', text: m.body.name, subtitle: `${m.year}年度部门决算` },
    ...profile(ctx),
    ...tables(ctx),
    { type: 'pageBreak' },
    part(PARTS.explain(m.body.name, m.year)),
    ...explain(ctx),
    ...glossary(ctx),
  ];
  return { title, nodes };
}
