/**
 * doc/template-residue: fill-in instructions and unmade choices of a template left in the published text
 * ("仍保留该表格式", "列明公务接待批次", "部门（单位）", "减少增加", "占 %"). The phrases are data
 * (src/vocab/residue.ts), each with the template it comes from. A template itself has them everywhere:
 * the first few are named, then one finding says how many there are.
 */
import { defineRule } from '../define.js';
import { RESIDUE } from '../../vocab/residue.js';
import { inRanges, linesOf, skipRanges } from './shared.js';

const SHOWN = 5;
const COMPILED = RESIDUE.map((r) => ({ ...r, re: new RegExp(r.pattern, 'g') }));

export default defineRule({
  meta: {
    id: 'doc/template-residue',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '公开文本中残留模板的填写说明、备选项或空白',
    basis: '财预〔2016〕143号 公开内容准确、形式规范；上海/重庆 部门决算公开模板的填写说明（src/vocab/residue.ts）',
    messages: {
      residue: '“{text}”是{what}，不应出现在公开文本中（{source}）。',
      many: '全文共有{n}处模板残留（如“{text}”），像是未填写完的模板；以上只列出前{shown}处。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    if (!doc || input.kind === 'press') return;
    const skip = skipRanges(input, linesOf(input));
    const hits: { start: number; end: number; what: string; source: string }[] = [];
    for (const r of COMPILED) {
      r.re.lastIndex = 0;
      for (let m = r.re.exec(doc.norm); m; m = r.re.exec(doc.norm)) {
        if (m[0].length === 0) {
          r.re.lastIndex++;
          continue;
        }
        if (!inRanges(skip, m.index)) hits.push({ start: m.index, end: m.index + m[0].length, what: r.what, source: r.source });
      }
    }
    hits.sort((a, b) => a.start - b.start);
    // Two phrases of one instruction ("仍保留该表格式，并在本表下方作下述说明") are one finding.
    for (let i = hits.length - 1; i > 0; i--) {
      const gap = doc.norm.slice(hits[i - 1].end, hits[i].start);
      if (gap.length <= 30 && !/[。\n]/.test(gap.replace(/\n(?=\S)/g, ''))) {
        hits[i - 1] = { ...hits[i - 1], end: Math.max(hits[i - 1].end, hits[i].end) };
        hits.splice(i, 1);
      }
    }
    for (const h of hits.slice(0, SHOWN)) {
      ctx.report({ messageId: 'residue', at: h, data: { text: doc.text.slice(h.start, h.end).replace(/\s+/g, ''), what: h.what, source: h.source } });
    }
    if (hits.length > SHOWN) {
      const h = hits[0];
      ctx.report({ messageId: 'many', at: h, data: { n: hits.length, text: doc.text.slice(h.start, h.end).replace(/\s+/g, ''), shown: SHOWN } });
    }
  },
});
