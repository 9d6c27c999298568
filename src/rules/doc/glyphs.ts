/**
 * doc/glyphs: characters a reader cannot read — the replacement character "�" (bytes lost to a wrong
 * encoding), private-use code points (a font's glyphs with no Unicode mapping: they print as boxes or as
 * nothing), and box-drawing characters glued to ideographs ("。ǘ┕珓", a page stored in one encoding and
 * shown in another). Reviewers flag undisplayable glyphs (rule-ideas.md §4 item 14); they also mean the
 * figures around them were read with doubt, which the claim rules already abstain on. Box-drawing lines of a
 * plain-text table ("──", "│" between cells) are not glyph damage and are left alone.
 */
import { defineRule } from '../define.js';

/** Replacement character and the Basic Multilingual Plane's private-use area. */
const UNREADABLE = /[\ufffd\ue000-\uf8ff]/;
/** Box-drawing characters that are not the straight lines and corners text tables are drawn with. */
const STRAY_BOX = /[\u2500-\u257f]/;
const TABLE_LINES = /[─━│┃┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬]/;
const IDEOGRAPH = /[\u3400-\u9fff]/;
/** At most this many lines are named; the rest are counted in one finding. */
const SHOWN = 3;

/** Offsets in `line` of characters that cannot be read, or an empty list. */
function unreadableIn(line: string): number[] {
  const out: number[] = [];
  const tableLine = TABLE_LINES.test(line);
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (UNREADABLE.test(ch)) out.push(i);
    else if (!tableLine && STRAY_BOX.test(ch) && (IDEOGRAPH.test(line[i - 1] ?? '') || IDEOGRAPH.test(line[i + 1] ?? ''))) out.push(i);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'doc/glyphs',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '文中有无法显示或乱码的字符',
    basis: '财预〔2016〕143号 公开形式规范（公开内容应完整、可读）；rule-ideas.md §4 第14项',
    messages: {
      unreadable: '此行有{n}个无法显示或乱码的字符（如“{sample}”），可能是编码错误或字体未嵌入，公开前应改正。',
      more: '另有{n}行含无法显示或乱码的字符。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    if (!doc) return;
    let lines = 0;
    let rest = 0;
    let firstRest: { start: number; end: number } | undefined;
    doc.lineStarts.forEach((start, i) => {
      const end = i + 1 < doc.lineStarts.length ? doc.lineStarts[i + 1] - 1 : doc.text.length;
      const bad = unreadableIn(doc.text.slice(start, end));
      if (!bad.length) return;
      if (++lines > SHOWN) {
        rest++;
        firstRest ??= { start: start + bad[0], end: start + bad[0] + 1 };
        return;
      }
      const at = { start: start + bad[0], end: start + bad[0] + 1 };
      const sample = doc.text.slice(Math.max(start, at.start - 3), Math.min(end, at.end + 3));
      ctx.report({ messageId: 'unreadable', at, data: { n: bad.length, sample } });
    });
    if (rest) ctx.report({ messageId: 'more', at: firstRest, data: { n: rest } });
  },
});
