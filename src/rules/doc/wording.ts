/**
 * doc/wording: template residue and slips a reader notices: placeholders (XX, ××, 待填写), 增加（减少）,
 * "主要原因是。" with nothing after it, duplicated words (增加增加, 决算决算). The patterns are data in
 * src/vocab/wording.ts.
 */
import { defineRule } from '../define.js';
import { WORDING_CHECKS } from '../../vocab/wording.js';

const CHECKS = WORDING_CHECKS.map((c) => ({ re: new RegExp(c.pattern, 'g'), messageId: c.messageId }));

export default defineRule({
  meta: {
    id: 'doc/wording',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '模板残留、占位符、空原因和重复用词',
    basis: '财预〔2016〕143号 公开形式规范；rule-ideas.md CMM-002/CMM-005/V33-112',
    messages: {
      placeholder: '“{text}”像是未填写的占位符。',
      alternative: '“{text}”是模板中的备选写法，应按实际只写一种。',
      emptyReason: '“{text}”后没有写出内容。',
      duplicated: '“{text}”中用词重复。',
      template: '全文有{n}处占位符（如“{text}”），像是未填写完的模板；以上只列出前{shown}处。',
    },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    if (!norm) return;
    // A template has placeholders everywhere: name a few, then say once that it is a template.
    const SHOWN = 3;
    let placeholders = 0;
    let first: { start: number; end: number } | null = null;
    for (const c of CHECKS) {
      c.re.lastIndex = 0;
      for (let m = c.re.exec(norm); m; m = c.re.exec(norm)) {
        const at = { start: m.index, end: m.index + m[0].length };
        if (c.messageId === 'placeholder') {
          first ??= at;
          if (++placeholders > SHOWN) continue;
        }
        ctx.report({ messageId: c.messageId, at, data: { text: input.doc!.text.slice(at.start, at.end) } });
      }
    }
    if (placeholders > SHOWN && first) {
      ctx.report({ messageId: 'template', at: first, data: { n: placeholders, text: norm.slice(first.start, first.end), shown: SHOWN } });
    }
  },
});
