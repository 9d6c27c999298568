/**
 * quantity/sangong-quantities: a 三公 section must state the quantities 财政部 checks require —
 * 因公出国 团组数和人数, 公务用车 购置数和保有量, 公务接待 批次和人数. Also notes people without groups.
 */
import { defineRule } from '../define.js';
import { figures, span } from '../util.js';
import { flattenSections } from '../../structure/sections.js';

const REQUIRED = [
  { keys: ['量:出国团组', '量:出国人数'], what: '因公出国（境）团组数及人数' },
  { keys: ['量:车辆保有量'], what: '公务用车保有量' },
  { keys: ['量:购置车辆'], what: '公务用车购置数' },
  { keys: ['量:国内接待批次', '量:国内接待人数'], what: '公务接待批次及人数' },
];

export default defineRule({
  meta: {
    id: 'quantity/sangong-quantities',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '“三公”经费说明应公开团组数、人数、购置数、保有量、接待批次和人数',
    basis: '财政部2016年部门决算公开专项检查要求；财预〔2016〕143号',
    messages: {
      missing: '“三公”经费说明未见{what}。',
      peopleWithoutGroup: '因公出国（境）0个团组而有{people}人，请说明（如随其他单位团组出访）。',
    },
  },
  check(input, ctx) {
    // A 三公 part may run under two top-level headings (总体情况 / 具体情况): read them as one.
    const parts = flattenSections(input.sections).filter((s) => s.id === '三公' && s.level <= 2);
    if (!parts.length) return;
    const sg = { start: Math.min(...parts.map((p) => p.start)), end: Math.max(...parts.map((p) => p.end)), headingStart: parts[0].headingStart, headingEnd: parts[0].headingEnd };
    // A page cut off inside the 三公 part (an excerpt) cannot be told it lacks what may follow.
    const norm = input.doc?.norm ?? '';
    if (sg.end >= norm.trimEnd().length - 1 && !/[。.!！?？)）]\s*$/.test(norm)) return;
    // Only a 三公 section that states money is judged (a table of contents or a cut page is not).
    if (!input.claims.some((c) => c.value && c.value.start >= sg.start && c.value.start < sg.end && (c.value.unit === '万元' || c.value.unit === '元'))) return;
    // "本部门2024年度无“三公”经费财政拨款支出" / "本年度没有财政拨款“三公”经费支出": nothing was spent, so there is
    // nothing to count (read without line breaks: the sentence wraps in PDFs).
    if (/(?:无|没有|未发生)(?:财政拨款)?["“]?三公["”]?经费/.test(norm.replace(/\s+/g, ''))) return;
    const figs = figures(input);
    const inSection = (k: string) => {
      const f = figs.get(k);
      return f && f.num.start >= sg.start && f.num.start < sg.end;
    };
    const text = input.doc?.norm.slice(sg.start, sg.end) ?? '';
    for (const r of REQUIRED) {
      if (r.keys.every(inSection)) continue;
      // Stated in words ("未购置公务用车", "无因公出国") also counts.
      if (r.what.includes('出国') && /未发生因公出国|无因公出国|未安排因公出国/.test(text)) continue;
      if (r.what.includes('购置数') && /未(发生|购置)公务(用)?车购置|购置\s*0\s*辆/.test(text)) continue;
      // "本部门本年度无公务用车购置及运行维护费用支出": no car spending at all; the missing counts are only a note.
      if (r.what.includes('公务用车') && /(无|未发生)公务用车购置及运行维护费/.test(text)) {
        ctx.report({ messageId: 'missing', severity: 'info', at: { start: sg.headingStart, end: sg.headingEnd }, data: { what: r.what } });
        continue;
      }
      if (r.what.includes('接待') && /未发生公务接待|无公务接待/.test(text)) continue;
      ctx.report({ messageId: 'missing', at: { start: sg.headingStart, end: sg.headingEnd }, data: { what: r.what } });
    }
    const g = figs.get('量:出国团组');
    const p = figs.get('量:出国人数');
    if (g && p && g.num.value === '0' && p.num.value !== '0') ctx.report({ messageId: 'peopleWithoutGroup', severity: 'info', at: span(g.num), data: { people: p.num.value } });
  },
});
