/**
 * extract → model: the rendered example read back from HTML, DOCX and PDF gives a model that render accepts
 * and that renders to the same figures; what could not be read is listed in dataNotes, not guessed.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown, renderHtml, renderDocx } from '../src/render/index.js';
import { extractWithNotes } from '../src/engine/extract.js';
import { docxToPdf, findSoffice } from '../src/cli/io.js';
import { EXAMPLE_PATH } from './leaves-fixture.js';

const FIGURE = /(\d[\d,]*(?:\.\d+)?)\s*(万元|元|%|批次|台\(套\)|辆|个|人|项)|(\d{3,4}-\d{7,8})/gu;
const figures = (s: string) => [...s.normalize('NFKC').matchAll(FIGURE)].map((m) => m[0].replace(/,/g, ''));

let example: Disclosure;
let md: string;
beforeAll(() => {
  const r = validateDisclosure(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  example = r.model;
  md = renderMarkdown(generate(example));
});

async function roundTrip(bytes: Uint8Array, file: string) {
  const { model, unread } = await extractWithNotes(bytes, file);
  const v = validateDisclosure(model);
  if (!v.ok) throw new Error(`render would refuse ${file}: ${JSON.stringify(v.issues)}`);
  return { md: renderMarkdown(generate(v.model)), unread, model: v.model };
}

/** Figures of the original missing from the round trip, in order (a longest-common-subsequence diff). */
function missing(a: string[], b: string[]): string[] {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (j < b.length && a[i] === b[j]) { i++; j++; } else if (j < b.length && dp[i][j + 1] >= dp[i + 1][j]) j++; else out.push(a[i++]);
  }
  return out;
}

describe('extract → model → render', () => {
  for (const fmt of ['html', 'docx'] as const) {
    it(`should give back every figure from ${fmt}, but the 自评表 执行率 it lists as unread`, async () => {
      const doc = generate(example);
      const bytes = fmt === 'html' ? new TextEncoder().encode(renderHtml(doc)) : await renderDocx(doc);
      const r = await roundTrip(bytes, `ex.${fmt}`);
      const lost = missing(figures(md), figures(r.md));
      const added = missing(figures(r.md), figures(md));
      expect(added).toEqual([]);
      expect(lost).toEqual(['100%', '100%', '100%', '100%']);
      expect(r.unread.filter((u) => /执行率/.test(u))).toHaveLength(2);
      expect(r.model.tables.map((t) => t.kind)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
      expect(r.model.dataNotes?.join('')).toContain('未能读取或须核对');
    }, 60_000);
  }

  it('should give back the narrative figures from the PDF and list the tables it could not rebuild', async () => {
    if (!findSoffice()) throw new Error('LibreOffice (soffice) is needed for the PDF case: apt-get install libreoffice-writer-nogui fonts-noto-cjk');
    const pdf = await docxToPdf(await renderDocx(generate(example)));
    const r = await roundTrip(pdf, 'ex.pdf');
    const cut = (s: string) => s.slice(0, s.indexOf('五、预算绩效管理情况说明'));
    const lost = missing(figures(cut(md)), figures(cut(r.md)));
    // What is lost is listed: 类 预算数 comparisons the PDF's claims did not yield are the only gap.
    expect(lost.length).toBeLessThanOrEqual(8);
    expect(missing(figures(cut(r.md)), figures(cut(md)))).toEqual([]);
    for (const f of ['1918.25万元', '1911.05万元', '1833.68万元', '43.22万元', '768.56万元']) expect(figures(r.md)).toContain(f);
    expect(r.unread.some((u) => /未采用|只取自说明文字/.test(u)) || r.model.tables.length === 9).toBe(true);
  }, 120_000);
});
