/**
 * doc/numbering: headings of one level under one parent are numbered 一、二、三… without gaps or repeats.
 */
import { defineRule } from '../define.js';
import type { Section } from '../../structure/types.js';
import { chineseNumber, flattenSections, hasBody } from '../../structure/sections.js';

function ordinal(numbering: string): number | null {
  const m = /(\d+|[一二三四五六七八九十]+)/.exec(numbering);
  return m ? chineseNumber(m[1]) : null;
}

function toChinese(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
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
    const norm = input.doc?.norm ?? '';
    // A part whose heading stands only in the table of contents (第二部分 before the tables) is not missing.
    const anywhere = new Set(flattenSections(input.sections).map((s) => s.numbering));
    const walk = (list: Section[]) => {
      let prev: number | null = null;
      let prevStyle = '';
      let prevBody = false;
      for (const s of list) {
        // Tables of contents and cut pages have headings without bodies: they set the count, never report.
        const body = !norm || hasBody(norm, s);
        const n = ordinal(s.numbering);
        const style = s.numbering.replace(/\d+/, '1').replace(/[一二三四五六七八九十]+/, '一');
        const expected = prev === null ? '' : style.includes('1') ? style.replace('1', String(prev + 1)) : style.replace('一', toChinese(prev + 1));
        if (body && prevBody && n !== null && prev !== null && style === prevStyle && n !== prev + 1 && n !== 1 && !anywhere.has(expected)) {
          ctx.report({ messageId: 'gap', at: { start: s.headingStart, end: s.headingStart + s.numbering.length }, data: { actual: s.numbering, expected } });
        }
        if (n !== null) {
          prev = n;
          prevStyle = style;
          prevBody = body;
        }
        walk(s.children);
      }
    };
    walk(input.sections);
  },
});
