/**
 * doc/damaged: pages the reader could not read (a PDF whose cross-reference table or page tree is broken, a page
 * that fails to parse, a page cut by the time or size limit). Every other rule saw the document without those
 * pages, so a clean result would be a silent pass over text nobody checked: the damage is a finding of its own,
 * an error when the file is broken there, a warning when a page's content is broken but read in part (the
 * checks resting on it abstain: engine/damage.ts) or a limit of the reader stopped it.
 */
import { defineRule } from '../define.js';

/** "3、5、9—30": page numbers with runs folded. */
export function pageList(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}—${sorted[j]}` : j > i ? `${sorted[i]}、${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join('、');
}

export default defineRule({
  meta: {
    id: 'doc/damaged',
    type: 'completeness',
    defaultSeverity: 'error',
    description: '文件的每一页都应能读取；无法读取的页未被审核',
    basis: 'architecture.md：损坏是一项发现，不是沉默（issue 8）；未读到的页不能算作审核通过',
    messages: {
      damaged: '第{pages}页无法读取：{reason}。这些页上的内容未被审核，依赖这些页的检查（章节是否齐全、表格与合计等）结果不完整。',
      partial: '第{pages}页内容已损坏：{reason}。这些页上的文字可能缺失或有误，依赖这些页的表格与数字检查已跳过。',
      limit: '第{pages}页未读完：{reason}。这些页上的内容未被完整审核，依赖这些页的检查结果不完整。',
    },
  },
  check(input, ctx) {
    for (const d of input.doc?.damage ?? []) {
      if (!d.pages.length) continue;
      ctx.report({
        messageId: d.kind,
        // A page pdfjs could not read at all is a broken file (error); a content stream that stops pdfjs but reads
        // in part may be a producer's sloppiness other viewers tolerate, and a limit is ours: warnings.
        severity: d.kind === 'damaged' ? 'error' : 'warning',
        at: { file: input.file, line: 1, column: 1, page: d.pages[0] },
        data: { pages: pageList(d.pages), reason: d.reason },
        actual: `${d.pages.length} 页`,
      });
    }
  },
});
