/**
 * doc/required-sections: the parts every disclosure of its kind must have (部门决算/单位决算 by regional
 * template, 部门预算/单位预算 by the budget outline). Completeness is judged only when the document reaches
 * its last part (名词解释 or a contact section): a web-page excerpt is not incomplete, and says so in one
 * info note. Texts that are not a body's own disclosure (a region's 三公 total, a press item, a
 * government's 决算 report, a lone 三公 page) are not asked for parts at all: one info note names the kind.
 */
import { defineRule } from '../define.js';
import { flattenSections, hasBody } from '../../structure/sections.js';
import { isBudget, isDisclosure, kindLabel } from '../../structure/kind.js';
import { END_PARTS, OUTLINES, type OutlineName, type OutlinePart } from '../../vocab/sections.js';
import type { CheckInput } from '../../engine/types.js';
import { linesOf, tableKindOfTitle, tocOf } from './shared.js';


function outlineFor(input: CheckInput): OutlineName {
  if (isBudget(input.kind)) return 'budget';
  return input.style === 'unknown' ? 'final' : input.style;
}

interface OutlineState {
  outline: OutlinePart[];
  present: boolean[];
  lastIdx: number;
  /** The document reaches its last part (名词解释) or a contact section after it: not an excerpt. */
  complete: boolean;
}

/** Which parts of its outline a document shows (null when it shows none). */
export function outlineState(input: CheckInput): OutlineState | null {
  const outline = OUTLINES[outlineFor(input)];
  const norm = input.doc?.norm ?? '';
  const withBody = flattenSections(input.sections).filter((s) => !norm || hasBody(norm, s));
  const endRe = new RegExp(END_PARTS);
  const has = (p: OutlinePart) => {
    const titles = p.titles ? new RegExp(p.titles) : null;
    return withBody.some((s) => (s.id !== null && p.ids?.includes(s.id)) || (titles !== null && titles.test(s.title.replace(/\s+/g, ''))));
  };
  const present = outline.map(has);
  const lastIdx = present.lastIndexOf(true);
  if (lastIdx < 0) return null;
  const complete = lastIdx === outline.length - 1 || withBody.some((s) => endRe.test(s.title));
  return { outline, present, lastIdx, complete };
}

export default defineRule({
  meta: {
    id: 'doc/required-sections',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '决算（预算）公开应包含规定的各部分说明',
    basis: '财预〔2016〕143号 部门预决算公开内容；重庆/上海 部门决算公开模板、江苏 部门预算公开格式（domain.md §1.3，src/vocab/sections.ts）',
    messages: {
      missing: '未见“{label}”部分（{kind}）。',
      truncated: '文档在“{last}”之后结束，未包含后续部分；可能是节选，未检查其后各部分是否齐全。',
      notDisclosure: '文档类型：{kind}。这不是部门（单位）自身的决算或预算公开，只核对其所述内容，不检查规定的各部分。',
    },
  },
  check(input, ctx) {
    if (input.kind && !isDisclosure(input.kind)) {
      if (input.kind !== 'unknown') ctx.report({ messageId: 'notDisclosure', severity: 'info', at: { start: 0, end: 0 }, data: { kind: kindLabel(input.kind) } });
      return;
    }
    const state = outlineState(input);
    if (!state) return;
    const { outline, present, lastIdx, complete } = state;
    const textEnd = input.doc?.text.length ?? 0;
    // The text outside the contents and the table titles ("财政拨款“三公”经费支出决算表" is not the 三公 part).
    const lines = linesOf(input);
    const toc = tocOf(lines);
    const flat = lines
      .filter((l) => !(toc && l.start >= toc.start && l.start < toc.end) && tableKindOfTitle(l.text) === null)
      .map((l) => l.text)
      .join('')
      .replace(/[“”"\s]/g, '');
    const kind = kindLabel(input.kind ?? 'dept-final');
    for (let i = 0; complete && i < lastIdx; i++) {
      if (present[i]) continue;
      // The part may be present as a paragraph rather than a numbered heading.
      const kw = outline[i].label.replace(/（.*）/, '').replace(/情况说明$|情况$/, '').replace(/[“”"]/g, '');
      if (flat.includes(kw)) continue;
      ctx.report({ messageId: 'missing', at: { start: 0, end: 0 }, data: { label: outline[i].label, kind } });
    }
    if (!complete && textEnd > 0) {
      ctx.report({ messageId: 'truncated', severity: 'info', at: { start: Math.max(0, textEnd - 1), end: textEnd }, data: { last: outline[lastIdx].label } });
    }
  },
});
