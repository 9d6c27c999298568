/**
 * doc/punctuation: doubled marks ("，，", "。。"), clashing marks ("，。", "；。", "。，") and brackets or
 * quotes left open within a paragraph ("（一般公共预算" without "）", “三公 without ”). Low false-alarm design:
 * runs of three or more marks (ellipses, leaders), tables, the contents and list numbering such as "1)" are
 * left alone; a missing final 。 is not reported (too common to be useful). In a PDF a paragraph can be
 * split by a page break, so an open bracket there is an info only. The last paragraph of a text cut off
 * mid-sentence (a web-page excerpt), paragraphs with mojibake, and press items (a news site's typography,
 * not the body's) are not read.
 */
import { defineRule } from '../define.js';
import { identityView, toSource } from '../../claims/view.js';
import { inRanges, linesOf, skipRanges } from './shared.js';

const MARKS = ',;:、。!?';
const DOUBLED = new RegExp(`(?<![${MARKS}])([${MARKS}])\\1(?![${MARKS}])`, 'g');
const CLASH = /(?<![,;:、。!?])(?:[,;:、]。|。[,;:、]|,;|;,|、,|,、|;、|、;)(?![,;:、。!?])/g;
/** Text decoded with the wrong encoding ("?。ǘ┕珓?"): box-drawing or replacement characters, "?" between ideographs. */
const MOJIBAKE = /[\u2500-\u257f\ufffd\u01cd-\u01dc]|[\u4e00-\u9fff。]\?|\?[\u4e00-\u9fff。]/;
const PAIRS: [string, string][] = [
  ['(', ')'],
  ['“', '”'],
  ['《', '》'],
];

export default defineRule({
  meta: {
    id: 'doc/punctuation',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '标点重复、标点冲突、括号或引号不成对',
    basis: 'GB/T 15834-2011《标点符号用法》；财预〔2016〕143号 公开形式规范；rule-ideas.md §4 第3项',
    messages: {
      doubled: '标点“{text}”重复。',
      clash: '标点“{text}”连用，应只保留一个。',
      unbalanced: '本段“{open}”与“{close}”不成对（{nOpen}个“{open}”，{nClose}个“{close}”）。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    if (!doc || input.kind === 'press') return;
    const norm = doc.norm;
    const skip = skipRanges(input, linesOf(input));
    for (const [re, messageId] of [
      [DOUBLED, 'doubled'],
      [CLASH, 'clash'],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(norm); m; m = re.exec(norm)) {
        if (inRanges(skip, m.index)) continue;
        const at = { start: m.index, end: m.index + m[0].length };
        ctx.report({ messageId, at, data: { text: doc.text.slice(at.start, at.end) } });
      }
    }
    // Brackets and quotes: per paragraph of the reading view (a PDF's wrapped lines joined).
    const view = input.view ?? identityView(norm);
    const severity = doc.format === 'pdf' ? 'info' : undefined;
    const paras = view.text.split('\n');
    // A text cut off mid-sentence: its last paragraph is incomplete.
    let last = paras.length - 1;
    while (last >= 0 && !paras[last].trim()) last--;
    const cut = last >= 0 && !/[。;!?”》)]\s*$/.test(paras[last]);
    let pos = 0;
    for (const [k, para] of paras.entries()) {
      const from = pos;
      pos += para.length + 1;
      if ((cut && k === last) || MOJIBAKE.test(para)) continue;
      if (/[|\t]/.test(para) || inRanges(skip, toSource(view, from))) continue;
      // A PDF table's cell text ("台式计算机(20 万" / "以上)") has no sentence punctuation.
      if (doc.format === 'pdf' && !/[。,;:、]/.test(para)) continue;
      // List numbering "1)", "a)", "一)" at the start closes nothing.
      const body = para.replace(/^\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\)/, (s) => ' '.repeat(s.length));
      for (const [open, close] of PAIRS) {
        const nOpen = body.split(open).length - 1;
        const nClose = body.split(close).length - 1;
        if (nOpen === nClose) continue;
        const i = nOpen > nClose ? body.lastIndexOf(open) : body.indexOf(close);
        const start = toSource(view, from + i);
        ctx.report({ messageId: 'unbalanced', severity, at: { start, end: start + 1 }, data: { open, close, nOpen, nClose } });
      }
    }
  },
});
