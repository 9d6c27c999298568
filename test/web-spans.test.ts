/** The findings view's span cutting (web/src/spans.ts): pure, no DOM. */
import { describe, expect, it } from 'vitest';
import { fieldKey, lineStarts, pieces, spanOf } from '../web/src/spans.js';

const text = '支出合计1,918.25万元，较上年减少324.86万元。';

function marked(spans: { key: number; start: number; end: number }[]) {
  return pieces(text.length, spans).map((p) => [text.slice(p.start, p.end), p.keys]);
}

describe('pieces', () => {
  it('should cover the whole text once, in order', () => {
    const ps = pieces(text.length, [{ key: 1, start: 4, end: 12 }]);
    expect(ps.map((p) => text.slice(p.start, p.end)).join('')).toBe(text);
    expect(marked([{ key: 1, start: 4, end: 12 }])).toEqual([
      ['支出合计', []],
      ['1,918.25', [1]],
      ['万元，较上年减少324.86万元。', []],
    ]);
  });

  it('should give overlapping spans the shared characters together', () => {
    expect(marked([
      { key: 1, start: 0, end: 12 },
      { key: 2, start: 4, end: 14 },
    ])).toEqual([
      ['支出合计', [1]],
      ['1,918.25', [1, 2]],
      ['万元', [2]],
      ['，较上年减少324.86万元。', []],
    ]);
  });

  it('should clamp spans that run past the text and ignore empty ones', () => {
    const ps = pieces(text.length, [
      { key: 1, start: text.length - 3, end: text.length + 10 },
      { key: 2, start: 5, end: 5 },
    ]);
    expect(ps.at(-1)).toEqual({ start: text.length - 3, end: text.length, keys: [1] });
    expect(ps.flatMap((p) => p.keys)).not.toContain(2);
  });
});

describe('textOfFile (web/src/text-file.ts)', () => {
  it('should read UTF-8, UTF-8 with BOM and GB18030 alike, with LF line ends', async () => {
    const { textOfFile, offsetsAgree } = await import('../web/src/text-file.js');
    const { default: iconv } = await import('iconv-lite');
    const s = '一、部门基本情况\r\n支出合计1,918.25万元。\r\n';
    const want = '一、部门基本情况\n支出合计1,918.25万元。\n';
    expect(textOfFile(new TextEncoder().encode(s))).toBe(want);
    expect(textOfFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]))).toBe(want);
    expect(textOfFile(new Uint8Array(iconv.encode(s, 'gb18030')))).toBe(want);
    // 1,918.25 is on line 2, column 5, offset 9 + 4.
    expect(offsetsAgree(want, [{ line: 2, column: 5, offset: 13 }])).toBe(true);
    expect(offsetsAgree(want, [{ line: 2, column: 5, offset: 14 }])).toBe(false);
  });
});

describe('spanOf', () => {
  const doc = '第一行\n  "abroad": { "actual": "8.55",\n末行';
  const starts = lineStarts(doc);
  it('should take offset and length when the finding has them', () => {
    const s = spanOf(doc, starts, { line: 1, column: 2, offset: 1, length: 2 })!;
    expect(doc.slice(s.start, s.end)).toBe('一行');
  });
  it('should go from line/column to the end line/column, or to the end of the line without its comma', () => {
    const a = spanOf(doc, starts, { line: 2, column: 15, endLine: 2, endColumn: 23 })!;
    expect(doc.slice(a.start, a.end)).toBe('"actual"');
    const b = spanOf(doc, starts, { line: 2, column: 15 })!;
    expect(doc.slice(b.start, b.end)).toBe('"actual": "8.55"');
    const c = spanOf(doc, starts, { line: 3, column: 1 })!;
    expect(doc.slice(c.start, c.end)).toBe('末行');
  });
  it('should never give an empty span, and give none outside the text', () => {
    const e = spanOf(doc, starts, { line: 1, column: 1, offset: 0, length: 0 })!;
    expect(e.end - e.start).toBe(1);
    expect(spanOf(doc, starts, { line: 9, column: 1 })).toBeNull();
  });
  it('should turn a JSON path into the editor\'s field key', () => {
    expect(fieldKey('tables[0].rows[8].values.amount')).toBe('tables.0.rows.8.values.amount');
    expect(fieldKey('performance.selfEvaluations[1].indicators[0]')).toBe('performance.selfEvaluations.1.indicators.0');
  });
});
