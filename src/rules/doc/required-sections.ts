/**
 * doc/required-sections: the parts every 决算 disclosure of a style must have. A document cut off before
 * its last part (a web page excerpt) is not called incomplete: only parts *before* the last recognised one
 * are required, and a document that never reaches its second half gets one info note instead.
 */
import { defineRule } from '../define.js';
import { flattenSections, hasBody } from '../../structure/sections.js';

/** Canonical outline per style, in order (section ids from structure/sections.ts). */
export const OUTLINES: Record<string, { id: string; label: string; alt?: string[] }[]> = {
  chongqing: [
    { id: '基本情况', label: '部门基本情况' },
    { id: '职能职责', label: '职能职责' },
    { id: '机构设置', label: '机构设置' },
    { id: '收支总体', label: '收入支出决算总体情况说明' },
    { id: '财政拨款总体', label: '财政拨款收入支出决算总体情况说明' },
    { id: '一般公共预算', label: '一般公共预算财政拨款支出决算情况说明' },
    { id: '基本支出', label: '一般公共预算财政拨款基本支出决算情况说明' },
    { id: '政府性基金', label: '政府性基金预算收支决算情况说明' },
    { id: '国有资本经营', label: '国有资本经营预算财政拨款支出决算情况说明' },
    { id: '三公', label: '“三公”经费情况说明' },
    { id: '机关运行经费', label: '机关运行经费情况说明' },
    { id: '国有资产', label: '国有资产占用情况说明' },
    { id: '政府采购', label: '政府采购支出情况说明' },
    { id: '绩效', label: '预算绩效管理情况说明' },
    { id: '名词解释', label: '专业名词解释' },
  ],
  shanghai: [
    { id: '收支总体', label: '收入支出决算总体情况说明' },
    { id: '收入决算', label: '收入决算情况说明' },
    { id: '支出决算', label: '支出决算情况说明' },
    { id: '财政拨款总体', label: '财政拨款收入支出决算总体情况说明' },
    { id: '一般公共预算', label: '一般公共预算财政拨款支出决算情况说明' },
    { id: '基本支出', label: '一般公共预算财政拨款基本支出决算情况说明' },
    { id: '三公', label: '财政拨款“三公”经费支出决算情况说明' },
    { id: '政府性基金', label: '政府性基金预算财政拨款支出决算情况说明' },
    { id: '国有资本经营', label: '国有资本经营预算财政拨款支出决算情况说明' },
    { id: '绩效', label: '预算绩效管理情况' },
    { id: '机关运行经费', label: '机关运行经费' },
    { id: '政府采购', label: '政府采购' },
    { id: '国有资产', label: '国有资产占有使用情况' },
    { id: '名词解释', label: '名词解释' },
  ],
};

export default defineRule({
  meta: {
    id: 'doc/required-sections',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '决算公开应包含规定的各部分说明',
    basis: '财预〔2016〕143号 部门决算公开内容；重庆/上海 部门决算公开模板（domain.md §1.3）',
    messages: {
      missing: '未见“{label}”部分。',
      truncated: '文档在“{last}”之后结束，未包含后续部分；可能是节选，未检查其后各部分是否齐全。',
    },
  },
  check(input, ctx) {
    const outline = OUTLINES[input.style];
    if (!outline) return;
    const norm = input.doc?.norm ?? '';
    const present = new Set(flattenSections(input.sections).filter((s) => !norm || hasBody(norm, s)).map((s) => s.id).filter(Boolean) as string[]);
    let lastIdx = -1;
    outline.forEach((o, i) => {
      if (present.has(o.id)) lastIdx = i;
    });
    if (lastIdx < 0) return;
    const textEnd = input.doc?.text.length ?? 0;
    // Only a document that reaches its last part is judged for completeness: an excerpt is not incomplete.
    const complete = lastIdx === outline.length - 1 || present.has('联系方式');
    for (let i = 0; complete && i < lastIdx; i++) {
      if (present.has(outline[i].id)) continue;
      // The part may be present as a paragraph rather than a numbered heading.
      const kw = outline[i].label.replace(/情况说明|情况$/, '').replace(/[“”"]/g, '');
      if (input.doc && input.doc.norm.replace(/[“”"]/g, '').includes(kw)) continue;
      ctx.report({ messageId: 'missing', at: { start: 0, end: 0 }, data: { label: outline[i].label } });
    }
    if (!complete && textEnd > 0) {
      ctx.report({ messageId: 'truncated', severity: 'info', at: { start: Math.max(0, textEnd - 1), end: textEnd }, data: { last: outline[lastIdx].label } });
    }
  },
});
