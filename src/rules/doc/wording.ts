/**
 * doc/wording: template residue and slips a reader notices: placeholders (XX, ××, 待填写), 增加（减少）,
 * "主要原因是。" with nothing after it, duplicated words (增加增加, 决算决算).
 */
import { defineRule } from '../define.js';

const CHECKS: { re: RegExp; messageId: string }[] = [
  { re: /(?<![A-Za-z])(XX+|ＸＸ+|××+|xx+)(?![A-Za-z])|待填写|请填写|待补充|\(略\)|\[略\]|TODO/g, messageId: 'placeholder' },
  { re: /(增加|减少|增长|下降)\s*\(\s*(增加|减少|增长|下降)\s*\)|增加\s*\/\s*减少|增长\s*\/\s*下降/g, messageId: 'alternative' },
  { re: /(主要原因(?:是|为)?|主要用于)\s*[。;]/g, messageId: 'emptyReason' },
  { re: /(增加|减少|增长|下降|预算|决算|支出|收入|财政拨款|主要原因|万元)\1/g, messageId: 'duplicated' },
];

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
    },
  },
  check(input, ctx) {
    const norm = input.doc?.norm;
    if (!norm) return;
    let placeholders = 0;
    for (const c of CHECKS) {
      c.re.lastIndex = 0;
      for (let m = c.re.exec(norm); m; m = c.re.exec(norm)) {
        if (c.messageId === 'placeholder' && ++placeholders > 20) continue; // a template: the first 20 say enough
        ctx.report({ messageId: c.messageId, at: { start: m.index, end: m.index + m[0].length }, data: { text: input.doc!.text.slice(m.index, m.index + m[0].length) } });
      }
    }
  },
});
