/** Items that carry two cells ("1,826.48 201") are split so that cells are found by geometry. */
import { describe, it, expect } from 'vitest';
import { splitItem } from '../src/readers/pdf/lines.js';
import type { PdfItem } from '../src/readers/pdf/load.js';

const item = (str: string, x = 100, w = 100): PdfItem => ({ str, x, y: 10, w, h: 10 }) as PdfItem;

describe('splitItem', () => {
  it('should split an amount from the next column\'s code, in order and within the item', () => {
    const parts = splitItem(item('1,826.48 201', 100, 60));
    expect(parts.map((p) => p.str)).toEqual(['1,826.48', '201']);
    expect(parts[0].x).toBe(100);
    expect(parts[1].x).toBeGreaterThan(parts[0].x + parts[0].w);
    expect(parts[1].x + parts[1].w).toBeLessThanOrEqual(160 + 1e-9);
  });
  it('should leave words without a number alone', () => {
    expect(splitItem(item('收入 合计')).map((p) => p.str)).toEqual(['收入 合计']);
    expect(splitItem(item('一般公共服务支出')).length).toBe(1);
  });
});
