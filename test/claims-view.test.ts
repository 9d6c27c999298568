/** PDF sentences run across visual lines: the view joins them and maps offsets back to the source. */
import { describe, it, expect } from 'vitest';
import { joinedLinesView, toSource, identityView } from '../src/claims/view.js';
import { lineStarts } from '../src/core/span.js';
import { buildInput } from '../src/engine/input.js';
import type { SourceDoc } from '../src/readers/types.js';
import { normalizeText } from '../src/readers/normalize.js';

function pdfDoc(text: string): SourceDoc {
  return { file: 'x.pdf', format: 'pdf', text, norm: normalizeText(text), lineStarts: lineStarts(text), tables: [], notes: [] };
}

const TEXT = [
  '一、收入支出决算总体情况说明',
  '本部门 2024 年度收入支出总计 307.82',
  '万元。与 2023 年度相比，收入支出总计增加 307.82 万元，增长',
  '100.00%。主要原因：单位于 2024 年成立。',
  '- 12 -',
  '（三）一般公共预算财政拨款支出决算具体情况',
  '一般公共预算财政拨款支出年初预算为 0 万元，全年预算为',
  '321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。',
].join('\n');

describe('joinedLinesView', () => {
  it('should join the lines of a paragraph, keep headings on their own line and drop page numbers', () => {
    const v = joinedLinesView(normalizeText(TEXT), lineStarts(TEXT));
    const lines = v.text.split('\n');
    expect(lines[0]).toBe('一、收入支出决算总体情况说明');
    expect(lines[1]).toBe('本部门 2024 年度收入支出总计 307.82万元。与 2023 年度相比,收入支出总计增加 307.82 万元,增长100.00%。主要原因:单位于 2024 年成立。');
    expect(lines[2]).toBe('(三)一般公共预算财政拨款支出决算具体情况');
    expect(v.text).not.toContain('12 -');
  });
  it('should map every view character back to the same character in the source', () => {
    const norm = normalizeText(TEXT);
    const v = joinedLinesView(norm, lineStarts(TEXT));
    for (let i = 0; i < v.text.length; i++) if (v.text[i] !== '\n') expect(norm[toSource(v, i)]).toBe(v.text[i]);
    expect(toSource(identityView('abc'), 2)).toBe(2);
  });
  it('should let claims span lines and point into the source text', () => {
    const input = buildInput(pdfDoc(TEXT));
    const total = input.claims.find((c) => c.concept === '收支总计' && c.pct);
    expect(total?.pct?.raw).toBe('100.00');
    const comp = input.claims.find((c) => c.completion);
    expect(comp?.completion?.raw).toBe('95.89');
    expect(TEXT.slice(comp!.completion!.start, comp!.completion!.end)).toBe('95.89');
    expect(TEXT.slice(total!.value!.start, total!.value!.end)).toBe('307.82');
  });
});

describe('remapping claims that share numbers', () => {
  it('should move a value carried to a later claim only once', () => {
    const text = '本部门 2024 年度会议费 2.15\n万元，较上年决算数减少 9.01 万元，下降\n80.7%。较年初预算数增加 0.15 万元，增长 7.5%。';
    const input = buildInput(pdfDoc(text));
    const claims = input.claims.filter((c) => c.concept === '会议费');
    expect(claims.length).toBe(2);
    expect(claims[0].value).toBe(claims[1].value);
    for (const c of claims) expect(text.slice(c.value!.start, c.value!.end)).toBe('2.15');
    // the first states it; the second (another basis, next sentence) refers back to it
    expect(claims[0].value!.start).toBeGreaterThanOrEqual(claims[0].sentenceStart);
    expect(claims[1].value!.start).toBeLessThan(claims[1].sentenceStart);
  });
});
