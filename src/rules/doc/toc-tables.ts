/**
 * doc/toc-tables: a table listed in the table of contents must be printed in the document. An entry is
 * found when a later line names the same one of the nine tables, or reads the same title: equal, one
 * ending with the other (a body name or 年度 before it, "（功能科目）" after it), or within two edits
 * ("政府性基金财政拨款支出预算表" ↔ "政府性基金预算财政拨款支出预算表"). Excerpts are not judged: the
 * document must reach its last part. A part heading ("第二部分 2024年度部门决算表") names the whole set and
 * is not looked for.
 */
import { defineRule } from '../define.js';
import { isDisclosure } from '../../structure/kind.js';
import { TITLE_SUFFIXES } from '../../vocab/table-titles.js';
import { outlineState } from './required-sections.js';
import { editDistance, linesOf, tableKindOfTitle, tablesShown, titleKey, tocOf } from './shared.js';

const SUFFIX = new RegExp(TITLE_SUFFIXES);
const key = (s: string) => titleKey(s).replace(/\d{1,3}$/, '').replace(SUFFIX, '');

function sameTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.endsWith(short) && (short.length >= 0.6 * long.length || /20\d{2}年/.test(long.slice(0, long.length - short.length)))) return true;
  return editDistance(a, b) <= 2;
}

export default defineRule({
  meta: {
    id: 'doc/toc-tables',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '目录列出的报表应在正文中出现',
    basis: '财预〔2016〕143号 部门预决算报表公开；rule-ideas.md CMM-003（目录表数与正文表数）',
    messages: {
      absent: '目录列有“{title}”，正文中未见该表。',
    },
  },
  check(input, ctx) {
    if (!input.doc || !isDisclosure(input.kind ?? 'dept-final')) return;
    if (!outlineState(input)?.complete) return;
    const lines = linesOf(input);
    const toc = tocOf(lines);
    if (!toc) return;
    const shown = tablesShown(input, lines);
    const body = lines.filter((l) => l.start >= toc.end).map((l) => key(l.text)).filter((k) => k.endsWith('表'));
    for (const e of toc.entries) {
      const k = key(e.text);
      // "第二部分 …年度部门决算表" names the whole set of tables, not one of them (doc/nine-tables judges the set).
      // So does "附件：…部门决算报表" (报表: the tables as a set).
      if (!k.endsWith('表') || k.endsWith('报表') || /^第[一二三四五六七八九十]+部分/.test(e.text.replace(/\s+/g, ''))) continue;
      const kind = tableKindOfTitle(e.text);
      if (kind && shown.has(kind)) continue;
      if (body.some((b) => sameTitle(k, b))) continue;
      const lead = e.text.length - e.text.trimStart().length;
      ctx.report({ messageId: 'absent', at: { start: e.start + lead, end: e.end }, data: { title: e.text.trim().replace(/\s+/g, '') } });
    }
  },
});
