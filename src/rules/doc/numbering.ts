/**
 * doc/numbering: headings of one level under one parent are numbered 一、二、三… without gaps or repeats.
 */
import { defineRule } from '../define.js';
import type { Section } from '../../structure/types.js';
import { chineseNumber } from '../../structure/sections.js';

function ordinal(numbering: string): number | null {
  const m = /(\d+|[一二三四五六七八九十]+)/.exec(numbering);
  return m ? chineseNumber(m[1]) : null;
}

export default defineRule({
  meta: {
    id: 'doc/numbering',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '标题序号应连续',
    basis: 'GB/T 9704 党政机关公文格式：结构层次序数',
    messages: { gap: '标题序号“{actual}”前应为“{expected}”，序号不连续。' },
  },
  check(input, ctx) {
    const walk = (list: Section[]) => {
      let prev: number | null = null;
      let prevStyle = '';
      for (const s of list) {
        const n = ordinal(s.numbering);
        const style = s.numbering.replace(/(\d+|[一二三四五六七八九十]+)/, '#');
        if (n !== null && prev !== null && style === prevStyle && n !== prev + 1 && n !== 1) {
          ctx.report({ messageId: 'gap', at: { start: s.headingStart, end: s.headingStart + s.numbering.length }, data: { actual: s.numbering, expected: style.replace('#', String(prev + 1)) } });
        }
        if (n !== null) {
          prev = n;
          prevStyle = style;
        }
        walk(s.children);
      }
    };
    walk(input.sections);
  },
});
