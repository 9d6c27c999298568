/** The findings view's span cutting (web/src/spans.ts): pure, no DOM. */
import { describe, expect, it } from 'vitest';
import { pieces } from '../web/src/spans.js';

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
