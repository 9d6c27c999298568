/**
 * PDF round trip: the generated seed rendered to DOCX and converted to PDF by LibreOffice (as
 * `juesuan render --format pdf` does) checks with no error, and figures mutated in the DOCX before the
 * conversion are caught in the PDF. Needs LibreOffice (soffice) and fonts-noto-cjk; .ci/run installs them.
 *
 * Every mutation must be caught: the claims are read from a view that joins a paragraph's PDF lines
 * (src/claims/view.ts), and a test shows the sentences the mutations need are whole in that view.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkBytes } from '../src/engine/check.js';
import type { CheckResult } from '../src/engine/types.js';
import { validateDisclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderDocx } from '../src/render/index.js';
import { docxToPdf } from '../src/cli/io.js';
import { joinedLinesView } from '../src/claims/view.js';
import { closeCjkSpacing } from '../src/readers/pdf/load.js';
import { MUTATIONS, mutateDocx, twoAtATime } from './mutations.js';

/**
 * Text (spaces removed) a mutation's claim needs within one line of the claims' view. 'amount stated
 * twice' used to be cut: "1.总体情况。2020年度收入总计…支出总" starts like a numbered heading, and the next
 * line ("计 1,918.25 万元。…") was not joined to it until view.ts told a heading-only line from a paragraph.
 */
const WHOLE: Record<string, string> = {
  'amount stated twice': '支出总计1,918.25万元',
};

let clean: CheckResult;
const mutated: CheckResult[] = [];

beforeAll(async () => {
  const v = validateDisclosure(JSON.parse(readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const docx = await renderDocx(generate(v.model));
  const sources = [docx, ...(await Promise.all(MUTATIONS.map((m) => mutateDocx(docx, m.from, m.to))))];
  const pdfs = await twoAtATime(sources.map((d) => () => docxToPdf(d)));
  clean = await checkBytes(pdfs[0], 'x.pdf');
  for (const pdf of pdfs.slice(1)) mutated.push(await checkBytes(pdf, 'm.pdf'));
}, 300_000);

const compact = (s: string) => s.replace(/\s+/g, '');

describe('the PDF of the rendered seed', () => {
  it('should be read as a PDF with its pages and rebuilt tables', () => {
    expect(clean.doc?.format).toBe('pdf');
    expect(clean.doc?.pageCount ?? 0).toBeGreaterThan(10);
    expect(clean.doc?.rebuiltTables?.length ?? 0).toBeGreaterThan(0);
  });

  it('should check with no rule crash and no error', () => {
    expect(clean.internalErrors).toEqual([]);
    const errors = clean.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    const warnings = clean.findings.filter((f) => f.severity === 'warning' && !f.ruleId.startsWith('table/'));
    expect(warnings.every((w) => w.ruleId === 'perf/value-format'), warnings.map((w) => w.message).join('\n')).toBe(true);
  });

  // LibreOffice wraps T1's "234 抗疫特别国债安排的支出" over three lines, and pdfjs gives "1,826.48 201" (an
  // amount and the next column's code) as one item: the lines split such items (readers/pdf/lines.ts).
  it('should rebuild T1 row 234 with its code, so the 类 rows add up', () => {
    expect(clean.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    const t1 = clean.doc!.rebuiltTables!.find((t) => t.table.kind === 't1')!;
    const row = t1.table.rows.find((r) => r.name.includes('抗疫特别国债安排的支出'))!;
    expect(row.code).toBe('234');
    expect(t1.table.rows.find((r) => r.code === '201')?.values.amount).toBe('1462.95');
  });
});

describe('figures mutated in the DOCX are caught in the PDF', () => {
  MUTATIONS.forEach((m, i) => {
    it(`should carry the changed ${m.what} into the PDF text`, () => {
      const r = mutated[i];
      expect(r.doc?.format).toBe('pdf');
      expect(compact(r.doc!.text)).toContain(compact(m.to));
      expect(compact(r.doc!.text)).not.toContain(compact(m.from));
    });
    it(`should catch a changed ${m.what} (${m.rule})`, () => {
      const r = mutated[i];
      expect(r.internalErrors).toEqual([]);
      expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toContain(m.rule);
    });
    if (WHOLE[m.what] !== undefined) {
      it(`should keep "${WHOLE[m.what]}" within one line of the claims' view for the changed ${m.what}`, () => {
        const doc = mutated[i].doc!;
        const view = joinedLinesView(doc.norm, doc.lineStarts).text;
        expect(compact(view)).toContain(WHOLE[m.what]);
        expect(view.split('\n').some((line) => compact(line).includes(WHOLE[m.what]))).toBe(true);
      });
    }
  });
});

describe('closeCjkSpacing (pdfjs spaces in justified Chinese lines)', () => {
  it('should drop single spaces between CJK characters and keep those next to digits or Latin', () => {
    expect(closeCjkSpacing('万 元 。 收 支 较 上 年 决 算 数')).toBe('万元。收支较上年决算数');
    expect(closeCjkSpacing('1,826.48 201')).toBe('1,826.48 201');
    expect(closeCjkSpacing('合 计 12.3 万 元')).toBe('合计 12.3 万元');
    expect(closeCjkSpacing('Times New Roman')).toBe('Times New Roman');
  });
});
