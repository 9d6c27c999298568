/**
 * Tables in every format: the rendered example in DOCX, HTML and PDF (LibreOffice's conversion of the DOCX,
 * as `juesuan render --format pdf` makes it) checks with no error, and one amount cell changed in the rendered
 * bytes of each table — a cell that takes part in one of the table's identities — gives an error that names
 * the table, the row and the column. The PDF mutations are made in the DOCX before the conversion.
 *
 * Unreachable in this example: T9 (国有资本经营预算财政拨款支出决算表) is empty (its note says so), so it has
 * no amount cell to change; its header and note are still read (it must not be set aside). T5's class rows
 * print 合计 only (基本支出/项目支出 blank: not given), so only their 合计 cells are in an identity (合计 = Σ类).
 * Every other amount cell of the example is in at least one identity; no table here prints 上年 figures.
 * Needs LibreOffice (soffice) and fonts-noto-cjk for the PDF part; .ci/run installs them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { checkBytes } from '../src/engine/check.js';
import type { CheckResult } from '../src/engine/types.js';
import { validateDisclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderDocx, renderHtml } from '../src/render/index.js';
import { docxToPdf } from '../src/cli/io.js';
import { TABLE_KINDS, TABLE_SPECS, type TableKind } from '../src/model/tables.js';
import { twoAtATime } from './mutations.js';

interface CellMutation {
  kind: TableKind;
  /** The cell text as rendered, which occurrence of it inside the table (0-based), and the new text. */
  from: string;
  nth: number;
  to: string;
  /** How the finding must name the cell's row and column (the column label's last part: 决算数·公务接待费). */
  row: string;
  col: string;
  /** The identity it breaks (for the reader of this test). */
  why: string;
}

const MUTATIONS: CellMutation[] = [
  { kind: 't1', from: '7.20', nth: 0, to: '9.20', row: '年初结转和结余', col: '决算数', why: '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余' },
  { kind: 't2', from: '1,911.05', nth: 1, to: '1,901.05', row: '合计', col: '财政拨款收入', why: '合计行：本年收入合计 = Σ各项收入' },
  { kind: 't3', from: '1,627.53', nth: 0, to: '1,617.53', row: '合计', col: '基本支出', why: '合计行：本年支出合计 = 基本 + 项目 + …' },
  { kind: 't4', from: '1,462.95', nth: 1, to: '1,452.95', row: '201 一般公共服务支出', col: '一般公共预算财政拨款', why: '201行：合计 = 一般公共预算 + 基金 + 国资' },
  { kind: 't5', from: '240.92', nth: 0, to: '250.92', row: '208 社会保障和就业支出', col: '合计', why: '合计栏：合计行 = Σ类' },
  { kind: 't6', from: '456.53', nth: 0, to: '466.53', row: '公用经费合计', col: '决算数', why: '基本支出合计 = 人员经费合计 + 公用经费合计' },
  { kind: 't7', from: '1.91', nth: 0, to: '2.91', row: '合计', col: '公务接待费', why: '决算数：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费' },
  { kind: 't8', from: '84.58', nth: 3, to: '94.58', row: '234 抗疫特别国债安排的支出', col: '本年收入', why: '234行：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余' },
];

const title = (k: TableKind) => `2020年度${TABLE_SPECS[k].title}`;

/** Replace the nth occurrence of `>from<` (a whole cell text) inside the table that follows `>title<`. */
function mutateMarkup(markup: string, tableOpen: string, m: CellMutation): string {
  const t = markup.indexOf(`>${title(m.kind)}<`);
  if (t < 0) throw new Error(`title of ${m.kind} not found`);
  const start = markup.indexOf(tableOpen, t);
  let at = start;
  for (let k = 0; k <= m.nth; k++) {
    at = markup.indexOf(`>${m.from}<`, at + 1);
    if (at < 0) throw new Error(`${m.kind}: occurrence ${m.nth} of ${m.from} not found`);
  }
  const next = TABLE_KINDS[TABLE_KINDS.indexOf(m.kind) + 1];
  if (next && at > markup.indexOf(`>${title(next)}<`)) throw new Error(`${m.kind}: ${m.from} #${m.nth} is not in the table`);
  return markup.slice(0, at + 1) + m.to + markup.slice(at + 1 + m.from.length);
}

async function mutateDocx(docx: Uint8Array, m: CellMutation): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', mutateMarkup(xml, '<w:tbl>', m));
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
}

type Format = 'docx' | 'html' | 'pdf';
const clean: Partial<Record<Format, CheckResult>> = {};
const mutated: Record<Format, CheckResult[]> = { docx: [], html: [], pdf: [] };

beforeAll(async () => {
  const v = validateDisclosure(JSON.parse(readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const gen = generate(v.model);
  const docx = await renderDocx(gen);
  const html = renderHtml(gen);
  const enc = (s: string) => new TextEncoder().encode(s);
  clean.docx = await checkBytes(docx, 'x.docx');
  clean.html = await checkBytes(enc(html), 'x.html');
  const docxs = await Promise.all(MUTATIONS.map((m) => mutateDocx(docx, m)));
  for (const d of docxs) mutated.docx.push(await checkBytes(d, 'm.docx'));
  for (const m of MUTATIONS) mutated.html.push(await checkBytes(enc(mutateMarkup(html, '<table', m)), 'm.html'));
  const pdfs = await twoAtATime([docx, ...docxs].map((d) => () => docxToPdf(d)));
  clean.pdf = await checkBytes(pdfs[0], 'x.pdf');
  for (const p of pdfs.slice(1)) mutated.pdf.push(await checkBytes(p, 'm.pdf'));
}, 400_000);

describe.each(['docx', 'html', 'pdf'] as const)('the rendered example as %s', (format) => {
  it('should rebuild all nine tables reliably and give no error', () => {
    const r = clean[format]!;
    expect(r.internalErrors).toEqual([]);
    expect(r.doc?.rebuiltTables?.map((t) => t.table.kind)).toEqual(TABLE_KINDS);
    expect(r.findings.filter((f) => f.ruleId === 'table/unreliable').map((f) => f.message)).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  });

  MUTATIONS.forEach((m, i) => {
    it(`should catch ${m.from} → ${m.to} in 表${TABLE_SPECS[m.kind].no} (“${m.row}”行“${m.col}”栏; ${m.why})`, () => {
      const r = mutated[format][i];
      expect(r.internalErrors).toEqual([]);
      const errors = r.findings.filter((f) => f.severity === 'error' && f.ruleId.startsWith('table/'));
      const named = errors.filter((f) => f.message.includes(`表${TABLE_SPECS[m.kind].no}`) && f.message.includes(`“${m.row}”行`) && f.message.includes(`${m.col}”栏`));
      expect(named.map((f) => f.ruleId), errors.map((f) => f.message).join('\n')).toContain('table/identity');
    });
  });
});
