/**
 * doc/unit-level: a 部门决算 speaks of 本部门, a 单位决算 of 本单位. Mixing them is a sign of text copied
 * between the two kinds of disclosure (rule-ideas.md V33-236). Info: many real documents mix them.
 */
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'doc/unit-level',
    type: 'wording',
    defaultSeverity: 'info',
    description: '部门决算与单位决算的自称应统一（本部门/本单位）',
    basis: '财预〔2020〕5号 部门所属单位预算公开；rule-ideas.md V33-236',
    messages: { mixed: '全文多称“{major}”（{nMajor}处），此处称“{minor}”（共{nMinor}处），请统一。' },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    if (!norm) return;
    const find = (w: string) => [...norm.matchAll(new RegExp(w, 'g'))].map((m) => m.index!);
    const dept = find('本部门');
    const unit = find('本单位(?!无下级|所属)');
    if (dept.length === 0 || unit.length === 0) return;
    const [major, minor, at] = dept.length >= unit.length ? ['本部门', '本单位', unit] : ['本单位', '本部门', dept];
    ctx.report({
      messageId: 'mixed',
      at: { start: at[0], end: at[0] + 3 },
      data: { major, minor, nMajor: Math.max(dept.length, unit.length), nMinor: at.length },
    });
  },
});
