/**
 * compactText (src/rules/table/shared.ts): the text without whitespace (exactly what `\s` matches), page-number
 * lines skipped, and a map from each kept character back to its offset; compactNorm keeps a document's.
 */
import { describe, expect, it } from 'vitest';
import { compactNorm, compactText } from '../src/rules/table/shared.js';
import type { SourceDoc } from '../src/readers/types.js';

describe('compactText', () => {
  it('drops every code unit `\\s` matches and no other', () => {
    const all = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).join('');
    const text = `x${all}y`;
    expect(compactText(text).s).toBe(text.replace(/\s/g, ''));
  });

  it('maps each kept character to its offset, skips page-number lines, and answers again from its cache', () => {
    const text = '事业单位\n— 21 —\n医疗（项） 12.00';
    const { s, map } = compactText(text);
    expect(s).toBe('事业单位医疗（项）12.00');
    expect([...s].map((ch, i) => text[map[i]] === ch)).not.toContain(false);
    expect(map[map.length - 1]).toBe(text.length);
    // the cache is the document's (compactNorm), as the rules' other per-document views are
    const doc = { norm: text } as SourceDoc;
    expect(compactNorm(doc)).toBe(compactNorm(doc));
    expect(compactNorm(doc)).toEqual(compactText(text));
    expect(compactNorm({ norm: text } as SourceDoc)).not.toBe(compactNorm(doc));
    expect(compactText(`${text} `).s).toBe(s);
  });
});

describe('hasNonSpace (src/core/text.ts)', () => {
  it('counts what is left of a slice without `\\s`, as slice().replace() would (offsets past the end: the text ends there)', async () => {
    const { hasNonSpace } = await import('../src/core/text.js');
    const text = ' 一 二\u3000三\n四\u00a0五 ';
    const count = (from: number, to: number) => text.slice(from, to).replace(/\s+/g, '').length;
    for (const [from, to] of [[0, text.length], [2, 9], [0, 100], [5, 2]]) {
      for (let n = 1; n <= 6; n++) expect(hasNonSpace(text, from, to, n), `${from}–${to} ≥ ${n}`).toBe(count(from, to) >= n);
    }
  });
});
